namespace Ferry.Core.Resilience;

/// <summary>
/// How failed calls to a source, target or transformer are retried: exponential backoff with jitter, never
/// shorter than the <c>Retry-After</c> the server asked for.
/// </summary>
public sealed class RetryOptions
{
    /// <summary>How many times a failed call is retried after the first attempt. Default 6; 0 turns retries off.</summary>
    public int MaxRetries { get; set; } = 6;

    /// <summary>The delay before the first retry; each further retry doubles it. Default 500 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest computed backoff delay. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether delays are randomised (each delay is drawn between half and all of the computed backoff) so that
    /// parallel workers do not retry in lockstep. Default true.
    /// </summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>
    /// The longest <c>Retry-After</c> honoured; a server asking for more is waited on for this long. Default 5 min.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (MaxRetries is < 0 or > 100)
        {
            throw new ArgumentException($"retries must be between 0 and 100, got {MaxRetries}.");
        }

        if (BaseDelay < TimeSpan.Zero || BaseDelay > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentException($"retry delay must be between 0 and 10 minutes, got {BaseDelay}.");
        }

        if (MaxDelay < BaseDelay)
        {
            throw new ArgumentException($"maximum retry delay ({MaxDelay}) must not be shorter than the base delay ({BaseDelay}).");
        }

        if (MaxRetryAfter < TimeSpan.Zero)
        {
            throw new ArgumentException($"maximum Retry-After must not be negative, got {MaxRetryAfter}.");
        }
    }
}
