namespace Ferry.Core.Validation;

/// <summary>
/// Full validation that keeps pace with the migration: after each checkpoint, the checksum-log entries made durable
/// up to it are read back from the target and compared in the background, while the source is still being read; after
/// the final checkpoint only the rest is left. The reads take the sink to themselves (the <see cref="TargetReader"/>'s
/// exclusive access), so a sink never sees a read beside a write. What is compared, and the result, are the same as a
/// comparison of the whole log after the run (<see cref="ValidationChecks.FullFromLogAsync"/>): every entry of the log,
/// from its start (a resumed run compares the entries of earlier runs too), against what the target holds once it
/// has been flushed.
/// </summary>
internal sealed class RunningFullValidation : IAsyncDisposable
{
    private readonly string _path;
    private readonly TargetReader _target;
    private readonly TimeProvider _time;
    private readonly MismatchCollector _collector = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private Task _tail = Task.CompletedTask;
    private long _scheduled;
    private long _busyTicks;

    public RunningFullValidation(string path, TargetReader target, TimeProvider time)
    {
        _path = path;
        _target = target;
        _time = time;
    }

    /// <summary>Queues the comparison of the log up to <paramref name="durableLength"/> (a checkpoint's length) behind the earlier ones.</summary>
    public void Advance(long durableLength) => Schedule(durableLength, _target, parallelism: 1);

    /// <summary>
    /// Compares what is left up to <paramref name="finalLength"/> with <paramref name="target"/> (nothing else uses the
    /// sink any more, so it needs no exclusive access), waits for the queued comparisons, and reports.
    /// </summary>
    public async ValueTask<ValidationCheck> CompleteAsync(long finalLength, TargetReader target, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), _stop);
        var tail = Schedule(finalLength, target, parallelism: 2);
        await tail.ConfigureAwait(false);
        return ValidationChecks.Result("full", _collector, TimeSpan.FromTicks(Interlocked.Read(ref _busyTicks)), what: "records");
    }

    /// <summary>Stops queued comparisons (the run did not complete) and waits for the one under way to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _tail.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected: the comparisons were stopped.
        }
        catch (Exception)
        {
            // The run is being abandoned; a comparison's failure has nobody to report to.
        }

        _stop.Dispose();
    }

    /// <summary>Queues the comparison of the log from where the last one ends up to <paramref name="to"/>; returns the last queued comparison.</summary>
    private Task Schedule(long to, TargetReader target, int parallelism)
    {
        lock (_gate)
        {
            if (to > _scheduled)
            {
                var from = _scheduled;
                var previous = _tail;
                _scheduled = to;
                _tail = Task.Run(() => CompareAfterAsync(previous, from, to, target, parallelism), CancellationToken.None);
            }

            return _tail;
        }
    }

    private async Task CompareAfterAsync(Task previous, long from, long to, TargetReader target, int parallelism)
    {
        // A failed comparison fails all later ones with it: CompleteAsync reports the first error.
        await previous.ConfigureAwait(false);
        var started = _time.GetTimestamp();
        await ValidationChecks.CompareLogAsync(_path, from, to, target, _collector, parallelism, _stop.Token).ConfigureAwait(false);
        Interlocked.Add(ref _busyTicks, _time.GetElapsedTime(started).Ticks);
    }
}
