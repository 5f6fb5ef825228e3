namespace Ferry.Core.Resilience;

/// <summary>
/// A call to a source, target or transformer kept failing with transient errors until the retries ran out, or
/// the circuit breaker was open. The run stops; its checkpoint allows resuming later.
/// </summary>
public sealed class ConnectorUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConnectorUnavailableException(string endpoint, ExternalCall call, int attempts, Exception innerException)
        : base($"The {endpoint} is unavailable: {Describe(call)} failed {attempts} time(s), last with: {Reason(innerException)}", innerException)
    {
        Endpoint = endpoint;
        Call = call;
        Attempts = attempts;
    }

    /// <summary>Which side failed.</summary>
    public string Endpoint { get; }

    /// <summary>The call that failed.</summary>
    public ExternalCall Call { get; }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; }

    private static string? Reason(Exception? exception) => exception is Polly.CircuitBreaker.BrokenCircuitException { InnerException: { } cause }
        ? $"the circuit breaker is open after repeated failures (last: {cause.Message})"
        : exception?.Message;

    private static string Describe(ExternalCall call) => call switch
    {
        ExternalCall.Read => "reading",
        ExternalCall.Write => "writing",
        ExternalCall.Flush => "flushing",
        ExternalCall.ReadBack => "reading back",
        _ => call.ToString().ToLowerInvariant(),
    };
}
