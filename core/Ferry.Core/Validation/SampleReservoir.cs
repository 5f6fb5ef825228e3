using Ferry.Sdk.Records;

namespace Ferry.Core.Validation;

/// <summary>A uniform random sample of fixed size over a stream of records (reservoir sampling, seeded).</summary>
public sealed class SampleReservoir
{
    private readonly Lock _gate = new();
    private readonly Record[] _items;
    private readonly Random _random;
    private long _seen;
    private int _count;

    /// <summary>Creates a reservoir of <paramref name="capacity"/> records.</summary>
    public SampleReservoir(int capacity, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new Record[capacity];
        _random = new Random(seed);
    }

    /// <summary>Records offered so far.</summary>
    public long Seen => Interlocked.Read(ref _seen);

    /// <summary>Offers a record; a chosen record is cloned, so later changes to the original do not leak in.</summary>
    public void Offer(Record record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            _seen++;
            if (_count < _items.Length)
            {
                _items[_count++] = record.Clone();
                return;
            }

            var slot = _random.NextInt64(_seen);
            if (slot < _items.Length)
            {
                _items[slot] = record.Clone();
            }
        }
    }

    /// <summary>The sample.</summary>
    public IReadOnlyList<Record> Items
    {
        get
        {
            lock (_gate)
            {
                return _items.AsSpan(0, _count).ToArray();
            }
        }
    }
}
