using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Files.Csv;

/// <summary>Writes TSV files (streamed; .gz/.br/.enc; split into parts with split_bytes/split_records).</summary>
[SinkExport(CsvFormat.TsvName, Extensions = [".tsv"], Description = "TSV: CSV with tab as delimiter.")]
public sealed class TsvSinkFactory : SinkFactory
{
    /// <inheritdoc />
    public override SinkConnector Create(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return FileConnectors.CreateSink(context, new CsvFormat(CsvFormat.TsvName, context.Options));
    }
}
