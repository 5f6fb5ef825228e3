using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Files.Yaml;

/// <summary>Writes YAML record files: one document per record (.gz/.br/.enc, split parts).</summary>
[SinkExport(YamlFormat.FormatName, Extensions = [".yaml", ".yml"], Description = "YAML: one document per record (or a sequence); tags keep int, float, decimal, timestamp and bytes apart.")]
public sealed class YamlSinkFactory : SinkFactory
{
    /// <inheritdoc />
    public override SinkConnector Create(ConnectorContext context) => FileConnectors.CreateSink(context, new YamlFormat());
}
