namespace Ferry.Sdk.Connectors;

/// <summary>The level of a <see cref="ConnectorLog"/> message.</summary>
public enum ConnectorLogLevel
{
    /// <summary>Details for troubleshooting.</summary>
    Debug,
    /// <summary>Normal progress.</summary>
    Information,
    /// <summary>Something a user should know (a lossy conversion, a skipped option).</summary>
    Warning,
}
