using Ferry.Plugins.Files.Typing;
using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Files.Markdown;

/// <summary>Markdown with YAML front matter: one file with a section per record, or a folder with a file per record. Option <c>vectors</c>.</summary>
internal sealed class MarkdownFormat : RecordFormat
{
    public const string FormatName = "markdown";

    private readonly bool _vectors;

    public MarkdownFormat(ConnectorOptions options)
    {
        _vectors = options.GetBoolean("vectors", true);
    }

    public override string Name => FormatName;

    public override IReadOnlyList<string> OwnOptions => ["vectors"];

    public override string? FolderExtension => ".md";

    public override RecordWriter CreateWriter(Stream output, DatasetSchema schema, IReadOnlyList<Record> firstRecords) => new MarkdownRecordWriter(output, _vectors);

    public override RecordReader CreateReader(Stream input, string fileName, TypeSchema types) => new MarkdownRecordReader(input, fileName, types);

    public override void WriteSingle(Record record, Stream output) => output.Write(MarkdownRecordWriter.Encode(record, withMarker: false, _vectors));
}
