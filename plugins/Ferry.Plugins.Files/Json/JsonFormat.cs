using Ferry.Plugins.Files.Typing;
using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Files.Json;

/// <summary>JSON: an array of record objects (file layout) or one record object per file (folder layout). Option <c>indent</c>.</summary>
internal sealed class JsonFormat : RecordFormat
{
    public const string FormatName = "json";

    private readonly bool _indent;

    public JsonFormat(ConnectorOptions options)
    {
        _indent = options.GetBoolean("indent", false);
    }

    public override string Name => FormatName;

    public override IReadOnlyList<string> OwnOptions => ["indent"];

    public override RecordWriter CreateWriter(Stream output, DatasetSchema schema, IReadOnlyList<Record> firstRecords) => new JsonArrayWriter(output, _indent);

    public override RecordReader CreateReader(Stream input, string fileName, TypeSchema types) => new JsonStreamReader(input, fileName, types);

    public override void WriteSingle(Record record, Stream output)
    {
        using var writer = new System.Text.Json.Utf8JsonWriter(output, JsonArrayWriter.Options(_indent));
        JsonRecordCodec.Write(writer, record);
        writer.Flush();
        output.Write("\n"u8);
    }

    public override string FolderExtension => ".json";
}
