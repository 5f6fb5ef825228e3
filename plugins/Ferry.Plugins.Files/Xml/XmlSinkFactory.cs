using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Files.Xml;

/// <summary>Writes XML record files with XmlWriter (.gz/.br/.enc, split parts).</summary>
[SinkExport(XmlFormat.FormatName, Extensions = [".xml"], Description = "XML: a root element with one child element per record; type attributes keep metadata kinds (streamed).")]
public sealed class XmlSinkFactory : SinkFactory
{
    /// <inheritdoc />
    public override SinkConnector Create(ConnectorContext context) => FileConnectors.CreateSink(context, new XmlFormat());
}
