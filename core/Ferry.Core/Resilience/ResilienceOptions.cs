namespace Ferry.Core.Resilience;

/// <summary>
/// The resilience around every call to the outside world (source reads, sink writes and flushes, counts,
/// transformer calls): a per-call timeout inside retries inside a circuit breaker per endpoint.
/// </summary>
public sealed class ResilienceOptions
{
    /// <summary>How long one attempt of one call may take before it is abandoned and retried. Default 2 min.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The retry settings.</summary>
    public RetryOptions Retry { get; set; } = new();

    /// <summary>The circuit breaker settings.</summary>
    public CircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (AttemptTimeout <= TimeSpan.Zero || AttemptTimeout > TimeSpan.FromHours(24))
        {
            throw new ArgumentException($"timeout must be between 0 and 24 hours, got {AttemptTimeout}.");
        }

        ArgumentNullException.ThrowIfNull(Retry);
        ArgumentNullException.ThrowIfNull(CircuitBreaker);
        Retry.Validate();
        CircuitBreaker.Validate();
    }
}
