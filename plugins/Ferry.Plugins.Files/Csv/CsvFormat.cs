using Ferry.Plugins.Files.Typing;
using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Files.Csv;

/// <summary>CSV (comma) and TSV (tab): one row per record, a header, RFC 4180 quoting.</summary>
internal sealed class CsvFormat : RecordFormat
{
    public const string CsvName = "csv";
    public const string TsvName = "tsv";

    private readonly CsvOptions _options;

    public CsvFormat(string name, ConnectorOptions options)
    {
        Name = name;
        _options = CsvOptions.From(options, name == TsvName ? (byte)'\t' : (byte)',');
    }

    public override string Name { get; }

    public override IReadOnlyList<string> OwnOptions => CsvOptions.Names;

    public override RecordWriter CreateWriter(Stream output, DatasetSchema schema, IReadOnlyList<Record> firstRecords) =>
        new CsvRecordWriter(output, _options, schema, firstRecords);

    public override RecordReader CreateReader(Stream input, string fileName, TypeSchema types) =>
        new CsvRecordReader(input, _options, types, fileName);
}
