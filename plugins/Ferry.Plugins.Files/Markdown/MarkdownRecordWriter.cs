using System.Text;
using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using YamlDotNet.Core;

namespace Ferry.Plugins.Files.Markdown;

/// <summary>Writes records as Markdown sections in one file, each starting with the record marker.</summary>
internal sealed class MarkdownRecordWriter : RecordWriter
{
    private static readonly UTF8Encoding Utf8 = new(false, throwOnInvalidBytes: true);

    private readonly Stream _output;
    private readonly bool _vectors;
    private byte[]? _pending;

    public MarkdownRecordWriter(Stream output, bool vectors)
    {
        _output = output;
        _vectors = vectors;
    }

    public static byte[] Encode(Record record, bool withMarker, bool vectors)
    {
        try
        {
            return Utf8.GetBytes(MarkdownLayout.Render(record, withMarker, vectors));
        }
        catch (Exception ex) when (ex is FormatException or YamlException or EncoderFallbackException or ArgumentException)
        {
            throw new RecordException($"cannot be written as Markdown: {ex.Message}", record.Id, innerException: ex);
        }
    }

    public override long Prepare(Record record)
    {
        _pending = Encode(record, withMarker: true, _vectors);
        return _pending.Length;
    }

    public override void Commit()
    {
        _output.Write(_pending ?? throw new InvalidOperationException("No prepared record to commit."));
        _pending = null;
    }

    public override void Discard() => _pending = null;

    public override void Finish() => _output.Flush();
}
