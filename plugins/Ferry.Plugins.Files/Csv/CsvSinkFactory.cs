using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Files.Csv;

/// <summary>Writes CSV files (streamed; .gz/.br/.enc; split into parts with split_bytes/split_records).</summary>
[SinkExport(CsvFormat.CsvName, Extensions = [".csv"], Description = "CSV: one row per record, header, RFC 4180 quoting; vectors as JSON arrays or space-separated; schema option restores types.")]
public sealed class CsvSinkFactory : SinkFactory
{
    /// <inheritdoc />
    public override SinkConnector Create(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return FileConnectors.CreateSink(context, new CsvFormat(CsvFormat.CsvName, context.Options));
    }
}
