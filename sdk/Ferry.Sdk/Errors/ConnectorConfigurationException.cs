namespace Ferry.Sdk.Errors;

/// <summary>The connector's location or options are wrong (unknown option, bad value, missing secret). Never retried.</summary>
public class ConnectorConfigurationException : ConnectorException
{
    /// <summary>Creates the exception.</summary>
    public ConnectorConfigurationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
