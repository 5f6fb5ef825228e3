namespace Ferry.Sdk.Connectors;

/// <summary>Creates sinks. A plugin exports one per kind of target with <see cref="SinkExportAttribute"/>.</summary>
public abstract class SinkFactory
{
    /// <summary>Creates a sink for the location and options; throws <see cref="Errors.ConnectorConfigurationException"/> for bad ones.</summary>
    public abstract SinkConnector Create(ConnectorContext context);
}
