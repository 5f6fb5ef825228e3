using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ferry.Frame.Search.TopK;

/// <summary>
/// Keeps the k best-scoring rows seen so far in a bounded binary heap whose root is the worst row kept, so a
/// candidate is rejected with one comparison once the heap is full.
/// </summary>
/// <remarks>
/// <para>
/// Order is total and deterministic: a better score wins; equal scores are ordered by the smaller row key
/// (so -0 and +0 tie). NaN scores (unscored or unselected rows, NaN vectors) are never kept. k may exceed the
/// number of rows offered; storage grows with the rows actually kept, not with k.
/// </para>
/// <para>
/// Not thread-safe: give each thread or row range its own collector and <see cref="Merge"/> them at the end;
/// the merged result is the same whatever the split.
/// </para>
/// </remarks>
public sealed class TopKCollector
{
    private const int InitialCapacity = 64;

    private readonly int _k;
    private readonly ScoreOrder _order;

    // Keys are scores for HigherIsBetter and negated scores for LowerIsBetter, so the heap always keeps the
    // highest keys. Negation is exact, so scores come back bit for bit.
    private readonly bool _negate;
    private float[] _keys;
    private long[] _rowKeys;
    private int _count;

    /// <summary>Creates an empty collector.</summary>
    /// <param name="k">How many rows to keep (0 keeps none).</param>
    /// <param name="order">Whether higher or lower scores are better.</param>
    public TopKCollector(int k, ScoreOrder order)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (order is not (ScoreOrder.HigherIsBetter or ScoreOrder.LowerIsBetter))
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, "Unknown score order.");
        }

        _k = k;
        _order = order;
        _negate = order == ScoreOrder.LowerIsBetter;
        int capacity = Math.Min(k, InitialCapacity);
        _keys = new float[capacity];
        _rowKeys = new long[capacity];
    }

    /// <summary>The most rows kept.</summary>
    public int K => _k;

    /// <summary>Whether higher or lower scores are better.</summary>
    public ScoreOrder Order => _order;

    /// <summary>Rows currently kept (at most <see cref="K"/>).</summary>
    public int Count => _count;

    /// <summary>True once <see cref="K"/> rows are kept; from then on a row must beat <see cref="Threshold"/>.</summary>
    public bool IsFull => _count == _k;

    /// <summary>
    /// The worst kept score once full: a new row enters only with a better score, or an equal score and a
    /// smaller row key. Before that, the worst possible score (−∞ or +∞). For k = 0, the best possible score.
    /// </summary>
    public float Threshold
    {
        get
        {
            if (_k == 0)
            {
                return _negate ? float.NegativeInfinity : float.PositiveInfinity;
            }

            return IsFull ? ToScore(_keys[0]) : _negate ? float.PositiveInfinity : float.NegativeInfinity;
        }
    }

    /// <summary>Offers one row.</summary>
    /// <param name="rowKey">The row's key (ties go to the smaller key).</param>
    /// <param name="score">The row's score; NaN is ignored.</param>
    /// <returns>True when the row is now among the kept rows.</returns>
    public bool TryAdd(long rowKey, float score) => TryAddKey(_negate ? -score : score, rowKey);

    /// <summary>
    /// Offers a block of consecutive rows: <paramref name="scores"/>[i] belongs to row key
    /// <paramref name="firstRowKey"/> + i. Once the collector is full, eight scores at a time are compared with
    /// the threshold in one vector instruction and only the few that pass are offered one by one.
    /// </summary>
    /// <param name="scores">The scores; NaN entries (unselected rows) are skipped.</param>
    /// <param name="firstRowKey">The key of the first score's row.</param>
    public void AddScores(ReadOnlySpan<float> scores, long firstRowKey)
    {
        int i = 0;
        for (; i < scores.Length && _count < _k; i++)
        {
            TryAdd(firstRowKey + i, scores[i]);
        }

        if (_k == 0)
        {
            return;
        }

        if (Vector256.IsHardwareAccelerated)
        {
            ref float start = ref MemoryMarshal.GetReference(scores);
            for (; i + Vector256<float>.Count <= scores.Length; i += Vector256<float>.Count)
            {
                // The threshold only improves while adding, so a stale one lets extra candidates through to
                // the exact test in TryAddKey, never drops a row that belongs in the result.
                Vector256<float> block = Vector256.LoadUnsafe(ref start, (nuint)i);
                Vector256<float> threshold = Vector256.Create(ToScore(_keys[0]));
                uint candidates = _negate
                    ? Vector256.LessThanOrEqual(block, threshold).ExtractMostSignificantBits()
                    : Vector256.GreaterThanOrEqual(block, threshold).ExtractMostSignificantBits();
                while (candidates != 0)
                {
                    int lane = BitOperations.TrailingZeroCount(candidates);
                    TryAdd(firstRowKey + i + lane, scores[i + lane]);
                    candidates &= candidates - 1;
                }
            }
        }

        for (; i < scores.Length; i++)
        {
            TryAdd(firstRowKey + i, scores[i]);
        }
    }

    /// <summary>Adds every row kept by <paramref name="other"/> (a collector of another row range or thread).</summary>
    /// <param name="other">A collector with the same <see cref="Order"/>; it is not modified.</param>
    public void Merge(TopKCollector other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this))
        {
            throw new ArgumentException("A collector cannot merge itself.", nameof(other));
        }

        if (other._order != _order)
        {
            throw new ArgumentException($"Cannot merge a {other._order} collector into a {_order} one.", nameof(other));
        }

        for (int i = 0; i < other._count; i++)
        {
            TryAddKey(other._keys[i], other._rowKeys[i]);
        }
    }

    /// <summary>Empties the collector for reuse.</summary>
    public void Clear() => _count = 0;

    /// <summary>The kept rows, best first (ties by ascending row key). The collector is unchanged.</summary>
    /// <returns>A new array of <see cref="Count"/> rows.</returns>
    public ScoredRow[] ToSortedArray()
    {
        var result = new ScoredRow[_count];
        CopySortedTo(result);
        return result;
    }

    /// <summary>Copies the kept rows, best first, into <paramref name="destination"/>.</summary>
    /// <param name="destination">At least <see cref="Count"/> long.</param>
    /// <returns>The number of rows written (<see cref="Count"/>).</returns>
    public int CopySortedTo(Span<ScoredRow> destination)
    {
        if (destination.Length < _count)
        {
            throw new ArgumentException($"The destination holds {destination.Length} rows but {_count} are kept.", nameof(destination));
        }

        Span<ScoredRow> rows = destination[.._count];
        for (int i = 0; i < _count; i++)
        {
            rows[i] = new ScoredRow(_rowKeys[i], ToScore(_keys[i]));
        }

        rows.Sort(new BestFirst(_negate));
        return _count;
    }

    /// <summary>The k best of <paramref name="scores"/> (row key = <paramref name="firstRowKey"/> + index), best first.</summary>
    /// <param name="scores">Scores of consecutive rows; NaN is ignored.</param>
    /// <param name="k">How many to keep.</param>
    /// <param name="order">Whether higher or lower scores are better.</param>
    /// <param name="firstRowKey">Key of the first row.</param>
    /// <returns>At most k rows.</returns>
    public static ScoredRow[] Select(ReadOnlySpan<float> scores, int k, ScoreOrder order, long firstRowKey = 0)
    {
        var collector = new TopKCollector(Math.Min(k, scores.Length), order);
        collector.AddScores(scores, firstRowKey);
        return collector.ToSortedArray();
    }

    private float ToScore(float key) => _negate ? -key : key;

    private bool TryAddKey(float key, long rowKey)
    {
        if (float.IsNaN(key))
        {
            return false;
        }

        if (_count < _k)
        {
            Push(key, rowKey);
            return true;
        }

        if (_k == 0 || IsWorse(key, rowKey, _keys[0], _rowKeys[0]) || (key == _keys[0] && rowKey == _rowKeys[0]))
        {
            return false;
        }

        _keys[0] = key;
        _rowKeys[0] = rowKey;
        SiftDown(0);
        return true;
    }

    /// <summary>Whether (a, aRow) ranks below (b, bRow): a lower key, or an equal key and a larger row key.</summary>
    private static bool IsWorse(float a, long aRow, float b, long bRow) => a < b || (a == b && aRow > bRow);

    private void Push(float key, long rowKey)
    {
        if (_count == _keys.Length)
        {
            int capacity = (int)Math.Min((long)_k, Math.Max(InitialCapacity, 2L * _keys.Length));
            Array.Resize(ref _keys, capacity);
            Array.Resize(ref _rowKeys, capacity);
        }

        int i = _count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!IsWorse(key, rowKey, _keys[parent], _rowKeys[parent]))
            {
                break;
            }

            _keys[i] = _keys[parent];
            _rowKeys[i] = _rowKeys[parent];
            i = parent;
        }

        _keys[i] = key;
        _rowKeys[i] = rowKey;
    }

    private void SiftDown(int i)
    {
        float key = _keys[i];
        long rowKey = _rowKeys[i];
        while (true)
        {
            int child = (2 * i) + 1;
            if (child >= _count)
            {
                break;
            }

            if (child + 1 < _count && IsWorse(_keys[child + 1], _rowKeys[child + 1], _keys[child], _rowKeys[child]))
            {
                child++;
            }

            if (!IsWorse(_keys[child], _rowKeys[child], key, rowKey))
            {
                break;
            }

            _keys[i] = _keys[child];
            _rowKeys[i] = _rowKeys[child];
            i = child;
        }

        _keys[i] = key;
        _rowKeys[i] = rowKey;
    }

    /// <summary>Best score first, then ascending row key.</summary>
    private readonly struct BestFirst(bool lowerIsBetter) : IComparer<ScoredRow>
    {
        public int Compare(ScoredRow x, ScoredRow y)
        {
            if (x.Score != y.Score)
            {
                return (x.Score > y.Score) ^ lowerIsBetter ? -1 : 1;
            }

            return x.RowKey.CompareTo(y.RowKey);
        }
    }
}
