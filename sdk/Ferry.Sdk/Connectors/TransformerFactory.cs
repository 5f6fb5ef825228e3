namespace Ferry.Sdk.Connectors;

/// <summary>Creates transformers. A plugin exports one per transformer with <see cref="TransformerExportAttribute"/>.</summary>
public abstract class TransformerFactory
{
    /// <summary>Creates a transformer; <see cref="ConnectorContext.Location"/> holds the transformer's name or its configuration file.</summary>
    public abstract Transformer Create(ConnectorContext context);
}
