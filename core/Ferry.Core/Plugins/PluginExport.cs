using Ferry.Core.Catalog;
using Ferry.Sdk.Connectors;

namespace Ferry.Core.Plugins;

/// <summary>One factory a plugin exports, with the metadata of its export attribute.</summary>
/// <param name="Kind">Source, sink or transformer.</param>
/// <param name="Export">The <see cref="SourceExportAttribute"/>, <see cref="SinkExportAttribute"/> or <see cref="TransformerExportAttribute"/> on the factory class.</param>
/// <param name="Factory">The constructed factory (a <see cref="SourceFactory"/>, <see cref="SinkFactory"/> or <see cref="TransformerFactory"/>).</param>
public sealed record PluginExport(ConnectorKind Kind, ConnectorExportAttribute Export, object Factory)
{
    /// <summary>The connector's name.</summary>
    public string Name => Export.Name;
}
