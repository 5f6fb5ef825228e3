namespace Ferry.Core.Resilience;

/// <summary>
/// The delay before retry number n (0-based): <c>min(MaxDelay, BaseDelay * 2^n)</c>, with "equal jitter" (a
/// uniform draw between half and all of it) when enabled, and never less than the server's Retry-After
/// (capped by <see cref="RetryOptions.MaxRetryAfter"/>).
/// </summary>
internal sealed class BackoffCalculator
{
    private readonly RetryOptions _options;
    private readonly Func<double> _random;

    public BackoffCalculator(RetryOptions options, Func<double>? random = null)
    {
        _options = options;
        _random = random ?? Random.Shared.NextDouble;
    }

    public TimeSpan Next(int attempt, TimeSpan? retryAfter)
    {
        var exponent = Math.Min(attempt, 30);
        var ticks = Math.Min(_options.MaxDelay.Ticks, _options.BaseDelay.Ticks * Math.Pow(2, exponent));
        if (_options.UseJitter)
        {
            ticks *= 0.5 + (0.5 * _random());
        }

        var delay = TimeSpan.FromTicks((long)ticks);
        if (retryAfter is { } after)
        {
            var honoured = after > _options.MaxRetryAfter ? _options.MaxRetryAfter : after;
            if (honoured > delay)
            {
                delay = honoured;
            }
        }

        return delay;
    }
}
