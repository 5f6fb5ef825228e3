using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Files.Csv;

/// <summary>Reads CSV files (streamed row by row; .gz/.br/.enc; split exports through their manifest).</summary>
[SourceExport(CsvFormat.CsvName, Extensions = [".csv"], Description = "CSV: one row per record, header, RFC 4180 quoting; vectors as JSON arrays or space-separated; schema option restores types.")]
public sealed class CsvSourceFactory : SourceFactory
{
    /// <inheritdoc />
    public override SourceConnector Create(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return FileConnectors.CreateSource(context, new CsvFormat(CsvFormat.CsvName, context.Options));
    }
}
