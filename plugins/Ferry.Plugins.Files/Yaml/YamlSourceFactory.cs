using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Files.Yaml;

/// <summary>Reads YAML record files: a stream of documents or a sequence, typed by tags and the core schema (.gz/.br/.enc, split parts).</summary>
[SourceExport(YamlFormat.FormatName, Extensions = [".yaml", ".yml"], Description = "YAML: one document per record (or a sequence); tags keep int, float, decimal, timestamp and bytes apart.")]
public sealed class YamlSourceFactory : SourceFactory
{
    /// <inheritdoc />
    public override SourceConnector Create(ConnectorContext context) => FileConnectors.CreateSource(context, new YamlFormat());
}
