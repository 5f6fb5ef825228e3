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

    public void Dispose()
    {
        _permits.Dispose();
        _exclusive.Dispose();
    }
}
