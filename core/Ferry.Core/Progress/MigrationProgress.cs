using Ferry.Core.Resilience;

namespace Ferry.Core.Progress;

/// <summary>
/// Live counters of a run, updated by the pipeline's workers without locks and read by whatever displays
/// progress (terminal bar, JSON lines, service metrics) through <see cref="Snapshot"/>.
/// </summary>
public sealed class MigrationProgress
{
    private readonly TimeProvider _time;
    private readonly long _started;
    private long _migratingStarted;
    private long _read;
    private long _written;
    private long _failed;
    private long _skipped;
    private long _filtered;
    private long _retries;
    private long _bytesRead;
    private long _resumed;
    private long _total = -1;
    private int _phase;
    private string? _lastRetry;

    /// <summary>Creates the counters; the clock starts now.</summary>
    public MigrationProgress(TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        _started = _time.GetTimestamp();
        _migratingStarted = _started;
    }

    /// <summary>Raised for every retry (from the worker that retries; keep handlers short).</summary>
    public event Action<RetryEvent>? Retried;

    /// <summary>The current phase.</summary>
    public MigrationPhase Phase => (MigrationPhase)Volatile.Read(ref _phase);

    /// <summary>Retries so far.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    internal void SetPhase(MigrationPhase phase)
    {
        if (phase == MigrationPhase.Migrating)
        {
            Interlocked.Exchange(ref _migratingStarted, _time.GetTimestamp());
        }

        Volatile.Write(ref _phase, (int)phase);
    }

    internal void SetTotal(long? total) => Interlocked.Exchange(ref _total, total ?? -1);

    internal void SetResumed(long records) => Interlocked.Exchange(ref _resumed, records);

    internal void AddRead(long records, long bytes)
    {
        Interlocked.Add(ref _read, records);
        Interlocked.Add(ref _bytesRead, bytes);
    }

    internal void AddWritten(long records) => Interlocked.Add(ref _written, records);

    internal void AddFailed(long records, bool skipMode)
    {
        if (skipMode)
        {
            Interlocked.Add(ref _skipped, records);
        }
        else
        {
            Interlocked.Add(ref _failed, records);
        }
    }

    internal void AddFiltered(long records) => Interlocked.Add(ref _filtered, records);

    /// <summary>Counts one retry and tells the listeners.</summary>
    public void RecordRetry(RetryEvent retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        Interlocked.Increment(ref _retries);
        Volatile.Write(ref _lastRetry, $"{retry.Endpoint} {retry.Call.ToString().ToLowerInvariant()}: {retry.Reason}");
        Retried?.Invoke(retry);
    }

    /// <summary>A consistent-enough copy of the counters (each counter is read atomically).</summary>
    public ProgressSnapshot Snapshot()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_started, now);
        var migrating = _time.GetElapsedTime(Interlocked.Read(ref _migratingStarted), now).TotalSeconds;
        var read = Interlocked.Read(ref _read);
        var bytes = Interlocked.Read(ref _bytesRead);
        var total = Interlocked.Read(ref _total);
        var rate = migrating > 0 ? read / migrating : 0;
        TimeSpan? eta = null;
        if (total >= 0 && rate > 0)
        {
            eta = TimeSpan.FromSeconds(Math.Max(0, total - read) / rate);
        }

        return new ProgressSnapshot
        {
            Phase = Phase,
            Elapsed = elapsed,
            Read = read,
            Written = Interlocked.Read(ref _written),
            Failed = Interlocked.Read(ref _failed),
            Skipped = Interlocked.Read(ref _skipped),
            Filtered = Interlocked.Read(ref _filtered),
            Retries = Interlocked.Read(ref _retries),
            BytesRead = bytes,
            ResumedRecords = Interlocked.Read(ref _resumed),
            Total = total >= 0 ? total : null,
            RecordsPerSecond = rate,
            BytesPerSecond = migrating > 0 ? bytes / migrating : 0,
            Eta = eta,
            LastRetry = Volatile.Read(ref _lastRetry),
        };
    }
}
