using Ferry.Plugins.Files.Typing;
using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Files.Arrow;

/// <summary>Arrow IPC file (.arrow, .feather v2, .ipc) in Ferry's record layout; option <c>batch_rows</c>.</summary>
internal sealed class ArrowFormat : RecordFormat
{
    public const string FormatName = "arrow";
    public const int DefaultBatchRows = 8192;

    private readonly int _batchRows;

    public ArrowFormat(ConnectorOptions options)
    {
        _batchRows = options.GetInt32("batch_rows", DefaultBatchRows);
        if (_batchRows is < 1 or > 1 << 24)
        {
            throw new ConnectorConfigurationException($"Option 'batch_rows' must be between 1 and {1 << 24}, got {_batchRows}.");
        }
    }

    public override string Name => FormatName;

    public override IReadOnlyList<string> OwnOptions => ["batch_rows"];

    public override RecordWriter CreateWriter(Stream output, DatasetSchema schema, IReadOnlyList<Record> firstRecords) =>
        new ArrowRecordWriter(output, schema, firstRecords, _batchRows);

    public override RecordReader CreateReader(Stream input, string fileName, TypeSchema types) => new ArrowRecordReader(input, fileName, types);
}
