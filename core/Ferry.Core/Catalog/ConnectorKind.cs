namespace Ferry.Core.Catalog;

/// <summary>What a catalogue entry creates.</summary>
public enum ConnectorKind
{
    /// <summary>A <see cref="Ferry.Sdk.Connectors.SourceFactory"/>.</summary>
    Source,
    /// <summary>A <see cref="Ferry.Sdk.Connectors.SinkFactory"/>.</summary>
    Sink,
    /// <summary>A <see cref="Ferry.Sdk.Connectors.TransformerFactory"/>.</summary>
    Transformer,
}
