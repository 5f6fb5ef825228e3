using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Ferry.Core.Resilience;

/// <summary>
/// The resilience pipeline of one endpoint (the source, the target or one transformer): every call runs
/// inside retry → circuit breaker → per-attempt timeout. Retries are reported to <see cref="RetryObserver"/>
/// before the engine waits; when the retries run out, or the circuit stays open, the call throws
/// <see cref="ConnectorUnavailableException"/>. Failures that are not transient (bad data, bad configuration)
/// pass through untouched on the first attempt.
/// </summary>
public sealed class ResilientCalls
{
    private static readonly ResiliencePropertyKey<ExternalCall> CallKey = new("ferry.call");
    private static readonly ResiliencePropertyKey<int> AttemptsKey = new("ferry.attempts");

    private readonly ResiliencePipeline _pipeline;
    private readonly string _endpoint;

    /// <summary>Creates the pipeline for one endpoint.</summary>
    /// <param name="endpoint">A name for messages: <c>source</c>, <c>target</c> or a transformer's name.</param>
    /// <param name="options">Validated resilience options.</param>
    /// <param name="timeProvider">The clock used for timeouts, delays and the circuit breaker.</param>
    /// <param name="onRetry">Called once per retry, before waiting.</param>
    /// <param name="random">The jitter source (tests pass a fixed one).</param>
    public ResilientCalls(string endpoint, ResilienceOptions options, TimeProvider? timeProvider = null, Action<RetryEvent>? onRetry = null, Func<double>? random = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _endpoint = endpoint;
        RetryObserver = onRetry;
        var backoff = new BackoffCalculator(options.Retry, random);
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider ?? TimeProvider.System, Name = endpoint };
        if (options.Retry.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.Retry.MaxRetries,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && !args.Context.CancellationToken.IsCancellationRequested && TransientErrors.IsTransient(e)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(backoff.Next(args.AttemptNumber, TransientErrors.GetRetryAfter(args.Outcome.Exception))),
                OnRetry = args =>
                {
                    var call = args.Context.Properties.GetValue(CallKey, ExternalCall.Read);
                    args.Context.Properties.Set(AttemptsKey, args.AttemptNumber + 2);
                    RetryObserver?.Invoke(new RetryEvent(_endpoint, call, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message ?? "failed"));
                    return ValueTask.CompletedTask;
                },
            });
        }

        if (options.CircuitBreaker.Enabled)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.CircuitBreaker.FailureRatio,
                MinimumThroughput = options.CircuitBreaker.MinimumThroughput,
                SamplingDuration = options.CircuitBreaker.SamplingDuration,
                BreakDuration = options.CircuitBreaker.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && TransientErrors.IsTransient(e)),
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.AttemptTimeout });
        _pipeline = builder.Build();
    }

    /// <summary>Called once per retry; settable so that a progress tracker can attach after construction.</summary>
    public Action<RetryEvent>? RetryObserver { get; set; }

    /// <summary>Runs a call with timeout, retries and the circuit breaker.</summary>
    public async ValueTask<T> ExecuteAsync<T>(ExternalCall call, Func<CancellationToken, ValueTask<T>> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallKey, call);
        context.Properties.Set(AttemptsKey, 1);
        try
        {
            return await _pipeline.ExecuteAsync(static (ctx, op) => op(ctx.CancellationToken), context, operation).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not ConnectorUnavailableException && TransientErrors.IsTransient(e))
        {
            throw new ConnectorUnavailableException(_endpoint, call, context.Properties.GetValue(AttemptsKey, 1), e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Runs a call that returns nothing.</summary>
    public async ValueTask ExecuteAsync(ExternalCall call, Func<CancellationToken, ValueTask> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        await ExecuteAsync(
            call,
            async ct =>
            {
                await operation(ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }
}
