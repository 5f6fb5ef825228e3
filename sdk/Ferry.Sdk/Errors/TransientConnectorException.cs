namespace Ferry.Sdk.Errors;

/// <summary>
/// A failure that may go away when the call is retried: rate limiting (HTTP 429), an unavailable server
/// (503), a dropped connection, a timeout. The host retries it with exponential backoff and jitter, and
/// waits at least <see cref="RetryAfter"/> when the server asked for it.
/// </summary>
public class TransientConnectorException : ConnectorException
{
    /// <summary>Creates the exception.</summary>
    public TransientConnectorException(string message, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>How long the server asked the client to wait before the next try, if it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <inheritdoc />
    public override bool IsTransient => true;
}
