namespace Ferry.Sdk.Errors;

/// <summary>The base of the errors a connector reports to the host. Other exceptions are treated as permanent failures of the call.</summary>
public class ConnectorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConnectorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ConnectorException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Whether retrying the same call may succeed (the host retries with backoff).</summary>
    public virtual bool IsTransient => false;
}
