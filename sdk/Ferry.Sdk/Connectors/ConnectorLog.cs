namespace Ferry.Sdk.Connectors;

/// <summary>
/// A minimal log a connector writes to. It lives in the SDK so that plugins need no logging library
/// of the host's version; the host forwards it to its own logging.
/// </summary>
public abstract class ConnectorLog
{
    /// <summary>A log that discards everything.</summary>
    public static ConnectorLog None { get; } = new NullConnectorLog();

    /// <summary>Writes one message.</summary>
    public abstract void Write(ConnectorLogLevel level, string message);

    /// <summary>Writes a debug message.</summary>
    public void Debug(string message) => Write(ConnectorLogLevel.Debug, message);

    /// <summary>Writes an informational message.</summary>
    public void Info(string message) => Write(ConnectorLogLevel.Information, message);

    /// <summary>Writes a warning.</summary>
    public void Warn(string message) => Write(ConnectorLogLevel.Warning, message);

    private sealed class NullConnectorLog : ConnectorLog
    {
        public override void Write(ConnectorLogLevel level, string message)
        {
        }
    }
}
