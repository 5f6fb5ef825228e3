using Ferry.Plugins.Files.Typing;
using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Files.Yaml;

/// <summary>YAML: a stream of documents, one record each (reading also takes a top-level sequence of records).</summary>
internal sealed class YamlFormat : RecordFormat
{
    public const string FormatName = "yaml";

    public override string Name => FormatName;

    public override RecordWriter CreateWriter(Stream output, DatasetSchema schema, IReadOnlyList<Record> firstRecords) => new YamlRecordWriter(output);

    public override RecordReader CreateReader(Stream input, string fileName, TypeSchema types) => new YamlRecordReader(input, fileName, types);
}
