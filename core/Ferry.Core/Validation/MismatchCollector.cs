namespace Ferry.Core.Validation;

/// <summary>Collects mismatches from several workers, keeping the first few in full.</summary>
internal sealed class MismatchCollector
{
    private readonly Lock _gate = new();
    private readonly List<RecordMismatch> _kept = [];
    private readonly int _keep;
    private long _compared;
    private long _missing;
    private long _different;

    public MismatchCollector(int keep = 20)
    {
        _keep = keep;
    }

    public long Compared => Interlocked.Read(ref _compared);

    public long Missing => Interlocked.Read(ref _missing);

    public long Different => Interlocked.Read(ref _different);

    public IReadOnlyList<RecordMismatch> Kept
    {
        get
        {
            lock (_gate)
            {
                return _kept.ToArray();
            }
        }
    }

    public void Matched(long count) => Interlocked.Add(ref _compared, count);

    public void Add(RecordMismatch mismatch)
    {
        Interlocked.Increment(ref _compared);
        Interlocked.Increment(ref mismatch.Missing ? ref _missing : ref _different);
        lock (_gate)
        {
            if (_kept.Count < _keep)
            {
                _kept.Add(mismatch);
            }
        }
    }
}
