using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Files.Json;

/// <summary>
/// Writes a JSON array of records, one element per line (<c>[</c>, elements separated by <c>,</c> and a newline,
/// <c>]</c>), so a file is valid JSON that line tools can still page through. With <c>indent=true</c> each element is
/// indented instead.
/// </summary>
internal sealed class JsonArrayWriter : RecordWriter
{
    private static readonly byte[] Open = "[\n"u8.ToArray();
    private static readonly byte[] Separator = ",\n"u8.ToArray();
    private static readonly byte[] Close = "\n]\n"u8.ToArray();

    private readonly Stream _output;
    private readonly ArrayBufferWriter<byte> _pending = new(4096);
    private readonly Utf8JsonWriter _writer;
    private bool _hasPending;
    private long _count;

    public JsonArrayWriter(Stream output, bool indent)
    {
        _output = output;
        _writer = new Utf8JsonWriter(_pending, Options(indent));
    }

    public static JsonWriterOptions Options(bool indent) => new()
    {
        Indented = indent,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public override long TrailerBytes => Close.Length;

    public override long Prepare(Record record)
    {
        _pending.ResetWrittenCount();
        _writer.Reset(_pending);
        try
        {
            JsonRecordCodec.Write(_writer, record);
            _writer.Flush();
        }
        catch (ArgumentException ex)
        {
            _pending.ResetWrittenCount();
            throw new RecordException($"cannot be written as JSON: {ex.Message}", record.Id, innerException: ex);
        }

        _hasPending = true;
        return _pending.WrittenCount + Separator.Length;
    }

    public override void Commit()
    {
        if (!_hasPending)
        {
            throw new InvalidOperationException("No prepared record to commit.");
        }

        _output.Write(_count == 0 ? Open : Separator);
        _output.Write(_pending.WrittenSpan);
        _hasPending = false;
        _count++;
    }

    public override void Discard() => _hasPending = false;

    public override void Finish()
    {
        _output.Write(_count == 0 ? "[]\n"u8 : Close);
        _output.Flush();
    }

    public override void Dispose()
    {
        _writer.Dispose();
        base.Dispose();
    }
}
