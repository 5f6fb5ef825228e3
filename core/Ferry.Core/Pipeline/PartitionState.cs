using Ferry.Core.Checkpoints;
using Ferry.Sdk.Connectors;

namespace Ferry.Core.Pipeline;

/// <summary>
/// Tracks one partition's batches: they may complete out of order (several transform or write workers), but
/// the partition's durable position only advances over a contiguous run of completed batches. Each batch is
/// "settled" (its dead letters, checksums and counts handed on) exactly when the position passes it, so that
/// everything recorded by a checkpoint belongs to batches before the position, and nothing after it.
/// </summary>
internal sealed class PartitionState
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, WorkBatch> _pending = [];
    private readonly bool _doneBefore;
    private long _nextSequence;
    private long _watermark;
    private long _finalSequence = -1;
    private string? _token;
    private long _records;

    public PartitionState(SourcePartition partition, string? resumeToken, bool done, long records)
    {
        Partition = partition;
        StartToken = resumeToken;
        _token = resumeToken;
        _doneBefore = done;
        _records = records;
    }

    public SourcePartition Partition { get; }

    public string? StartToken { get; }

    /// <summary>Whether an earlier run finished this partition.</summary>
    public bool DoneBefore => _doneBefore;

    public long NextSequence() => Interlocked.Increment(ref _nextSequence);

    /// <summary>The reader reached the partition's end; <paramref name="lastSequence"/> is its last batch (0 for none).</summary>
    public void MarkReadComplete(long lastSequence)
    {
        lock (_gate)
        {
            _finalSequence = lastSequence;
        }
    }

    /// <summary>Records a completed batch and settles every batch the position now passes, in order.</summary>
    public void Complete(WorkBatch batch, Action<WorkBatch> settle)
    {
        lock (_gate)
        {
            _pending[batch.Sequence] = batch;
            while (_pending.Remove(_watermark + 1, out var next))
            {
                settle(next);
                _watermark++;
                _records += next.ReadCount;
                if (next.ResumeToken is not null)
                {
                    _token = next.ResumeToken;
                }
            }
        }
    }

    /// <summary>Whether every batch of the partition is settled.</summary>
    public bool IsDone
    {
        get
        {
            lock (_gate)
            {
                return _doneBefore || (_finalSequence >= 0 && _watermark == _finalSequence);
            }
        }
    }

    public PartitionCheckpoint ToCheckpoint()
    {
        lock (_gate)
        {
            return new PartitionCheckpoint
            {
                Id = Partition.Id,
                Descriptor = Partition.Descriptor,
                ResumeToken = _token,
                Done = _doneBefore || (_finalSequence >= 0 && _watermark == _finalSequence),
                Records = _records,
            };
        }
    }
}
