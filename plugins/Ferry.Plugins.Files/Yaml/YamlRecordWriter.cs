using System.Text;
using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Ferry.Plugins.Files.Yaml;

/// <summary>Writes a YAML stream with one document (<c>---</c>) per record.</summary>
internal sealed class YamlRecordWriter : RecordWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream _output;
    private byte[]? _pending;

    public YamlRecordWriter(Stream output)
    {
        _output = output;
    }

    public static EmitterSettings Settings { get; } = new(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024);

    public override long Prepare(Record record)
    {
        _pending = null;
        var text = new StringWriter();
        try
        {
            var emitter = new Emitter(text, Settings);
            emitter.Emit(new StreamStart());
            emitter.Emit(new DocumentStart(null, null, isImplicit: false));
            emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block));
            YamlRecordCodec.EmitMembers(emitter, record);
            emitter.Emit(new MappingEnd());
            emitter.Emit(new DocumentEnd(isImplicit: true));
            emitter.Emit(new StreamEnd());
            _pending = Utf8.GetBytes(text.ToString());
        }
        catch (Exception ex) when (ex is FormatException or YamlException or EncoderFallbackException or ArgumentException)
        {
            throw new RecordException($"cannot be written as YAML: {ex.Message}", record.Id, innerException: ex);
        }

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
