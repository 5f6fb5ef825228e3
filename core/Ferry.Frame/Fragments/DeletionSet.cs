using System.Numerics;
using System.Runtime.CompilerServices;

namespace Ferry.Frame.Fragments;

/// <summary>
/// The deleted rows of one fragment in one version: a bitmap for the scan loops (one bit test per row) and the
/// sorted row list the deletion file stores (format.md, section 4). Immutable.
/// </summary>
internal sealed class DeletionSet
{
    private readonly ulong[] _bits;

    private DeletionSet(int fragmentRows, ulong[] bits, int count)
    {
        FragmentRows = fragmentRows;
        _bits = bits;
        Count = count;
    }

    public static DeletionSet Empty(int fragmentRows) => new(fragmentRows, new ulong[(fragmentRows + 63) / 64], 0);

    public int FragmentRows { get; }

    public int Count { get; }

    public bool IsEmpty => Count == 0;

    /// <summary>The bitmap: bit r set = row r deleted.</summary>
    public ReadOnlySpan<ulong> Bits => _bits;

    public static DeletionSet FromRows(int fragmentRows, ReadOnlySpan<uint> rows)
    {
        var bits = new ulong[(fragmentRows + 63) / 64];
        var count = 0;
        foreach (var row in rows)
        {
            if (row >= (uint)fragmentRows)
            {
                throw new FrameFormatException($"A deletion file names row {row} of a fragment that has {fragmentRows} rows.");
            }

            ref var word = ref bits[row >> 6];
            var mask = 1UL << (int)(row & 63);
            if ((word & mask) == 0)
            {
                word |= mask;
                count++;
            }
        }

        return new DeletionSet(fragmentRows, bits, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsDeleted(int row) => (_bits[row >> 6] & (1UL << (row & 63))) != 0;

    /// <summary>This set plus <paramref name="rows"/>; returns this when nothing is new.</summary>
    public DeletionSet Union(IEnumerable<int> rows)
    {
        ulong[]? bits = null;
        var count = Count;
        foreach (var row in rows)
        {
            if ((uint)row >= (uint)FragmentRows)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), row, "Row outside the fragment.");
            }

            var mask = 1UL << (row & 63);
            if (((bits ?? _bits)[row >> 6] & mask) != 0)
            {
                continue;
            }

            bits ??= (ulong[])_bits.Clone();
            bits[row >> 6] |= mask;
            count++;
        }

        return bits is null ? this : new DeletionSet(FragmentRows, bits, count);
    }

    /// <summary>The deleted rows, ascending.</summary>
    public uint[] ToRows()
    {
        var rows = new uint[Count];
        var n = 0;
        for (var w = 0; w < _bits.Length; w++)
        {
            var word = _bits[w];
            while (word != 0)
            {
                var bit = BitOperations.TrailingZeroCount(word);
                rows[n++] = (uint)((w << 6) + bit);
                word &= word - 1;
            }
        }

        return rows;
    }

    /// <summary>Rows deleted here but not in <paramref name="other"/> (both of the same fragment).</summary>
    public List<int> Except(DeletionSet? other)
    {
        var result = new List<int>();
        for (var w = 0; w < _bits.Length; w++)
        {
            var word = _bits[w] & ~(other is null ? 0UL : other._bits[w]);
            while (word != 0)
            {
                result.Add((w << 6) + BitOperations.TrailingZeroCount(word));
                word &= word - 1;
            }
        }

        return result;
    }
}
