namespace Ferry.Sdk.Connectors;

/// <summary>
/// Creates sources. A plugin exports one per kind of source with <see cref="SourceExportAttribute"/>;
/// the host picks it by URI scheme or file extension.
/// </summary>
public abstract class SourceFactory
{
    /// <summary>Creates a source for the location and options; throws <see cref="Errors.ConnectorConfigurationException"/> for bad ones.</summary>
    public abstract SourceConnector Create(ConnectorContext context);
}
