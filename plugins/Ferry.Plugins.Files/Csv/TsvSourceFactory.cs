using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Files.Csv;

/// <summary>Reads TSV files (streamed row by row; .gz/.br/.enc; split exports through their manifest).</summary>
[SourceExport(CsvFormat.TsvName, Extensions = [".tsv"], Description = "TSV: CSV with tab as delimiter.")]
public sealed class TsvSourceFactory : SourceFactory
{
    /// <inheritdoc />
    public override SourceConnector Create(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return FileConnectors.CreateSource(context, new CsvFormat(CsvFormat.TsvName, context.Options));
    }
}
