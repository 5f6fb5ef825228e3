namespace Ferry.Core.Resilience;

/// <summary>
/// When calls to one endpoint stop being attempted for a while: once <see cref="FailureRatio"/> of at least
/// <see cref="MinimumThroughput"/> calls within <see cref="SamplingDuration"/> failed transiently, the circuit
/// opens for <see cref="BreakDuration"/> and calls fail fast (and are retried after the break) instead of
/// hammering a struggling server.
/// </summary>
public sealed class CircuitBreakerOptions
{
    /// <summary>Whether the circuit breaker is used. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The share of failed calls that opens the circuit, in (0, 1]. Default 0.5.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>The fewest calls in the sampling window before the ratio counts (at least 2). Default 20.</summary>
    public int MinimumThroughput { get; set; } = 20;

    /// <summary>The window over which the ratio is measured (at least 0.5 s). Default 30 s.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open (at least 0.5 s). Default 10 s.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!(FailureRatio > 0 && FailureRatio <= 1))
        {
            throw new ArgumentException($"circuit breaker failure ratio must be in (0, 1], got {FailureRatio}.");
        }

        if (MinimumThroughput < 2)
        {
            throw new ArgumentException($"circuit breaker minimum throughput must be at least 2, got {MinimumThroughput}.");
        }

        if (SamplingDuration <= TimeSpan.FromMilliseconds(500))
        {
            throw new ArgumentException($"circuit breaker sampling duration must be longer than 0.5 s, got {SamplingDuration}.");
        }

        if (BreakDuration <= TimeSpan.FromMilliseconds(500))
        {
            throw new ArgumentException($"circuit breaker break duration must be longer than 0.5 s, got {BreakDuration}.");
        }
    }
}
