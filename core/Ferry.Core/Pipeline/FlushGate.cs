namespace Ferry.Core.Pipeline;

/// <summary>
/// Lets up to N writers work at once and a flush run alone: a flush waits for every in-flight write to finish
/// and keeps new ones out, so that what it makes durable, and the checkpoint written after it, describe the
/// same set of completed batches.
/// </summary>
internal sealed class FlushGate : IDisposable
{
    private readonly SemaphoreSlim _permits;
    private readonly SemaphoreSlim _exclusive = new(1, 1);
    private readonly int _count;

    public FlushGate(int writers)
    {
        _count = writers;
        _permits = new SemaphoreSlim(writers, writers);
    }

    public Task EnterAsync(CancellationToken cancellationToken) => _permits.WaitAsync(cancellationToken);

    public void Exit() => _permits.Release();

    /// <summary>Tries to become the flusher; false when another flush is under way.</summary>
    public bool TryBeginExclusive() => _exclusive.Wait(0);

    /// <summary>Becomes the flusher, waiting for another flush to end.</summary>
    public Task BeginExclusiveAsync(CancellationToken cancellationToken) => _exclusive.WaitAsync(cancellationToken);

    /// <summary>Waits until no writer is inside (call after becoming the flusher).</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var acquired = 0;
        try
        {
            for (; acquired < _count; acquired++)
            {
                await _permits.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            if (acquired > 0)
            {
                _permits.Release(acquired);
            }

            throw;
        }
    }

    /// <summary>Lets writers in again and ends the flush.</summary>
    public void EndExclusive(bool drained)
    {
        if (drained)
        {
            _permits.Release(_count);
        }

        _exclusive.Release();
    }

    /// <summary>
    /// Waits until nothing else uses the sink (no write, no flush) and keeps it so until the result is disposed: for
    /// reads a sink must not see beside a write, since sinks need not be thread-safe.
    /// </summary>
    public async ValueTask<IDisposable> AloneAsync(CancellationToken cancellationToken)
    {
        await BeginExclusiveAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await DrainAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            EndExclusive(drained: false);
            throw;
        }

        return new Alone(this);
    }

    public void Dispose()
    {
        _permits.Dispose();
        _exclusive.Dispose();
    }

    private sealed class Alone(FlushGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.EndExclusive(drained: true);
            }
        }
    }
}
