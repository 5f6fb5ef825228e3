using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Files.Wrapping;

/// <summary>Reads a split export through its manifest (<c>out.manifest.json</c>): every part in order, whatever its format.</summary>
[SourceExport("parts", Extensions = [".manifest.json"], Description = "A split export's manifest: reads all parts in order, checking record counts, sizes and SHA-256.")]
public sealed class ManifestSourceFactory : SourceFactory
{
    /// <inheritdoc />
    public override SourceConnector Create(ConnectorContext context) => FileConnectors.CreateManifestSource(context);
}
