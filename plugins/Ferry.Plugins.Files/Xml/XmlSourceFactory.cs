using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Files.Xml;

/// <summary>Reads XML record files with a streaming XmlReader (.gz/.br/.enc, split parts).</summary>
[SourceExport(XmlFormat.FormatName, Extensions = [".xml"], Description = "XML: a root element with one child element per record; type attributes keep metadata kinds (streamed).")]
public sealed class XmlSourceFactory : SourceFactory
{
    /// <inheritdoc />
    public override SourceConnector Create(ConnectorContext context) => FileConnectors.CreateSource(context, new XmlFormat());
}
