namespace Ferry.Frame.Search.TopK;

/// <summary>
/// Packs a (fragment id, row) pair into one <see cref="long"/> whose order is the pair's lexicographic order,
/// which is the tie-break the Frame format prescribes for equal scores.
/// </summary>
public static class RowKeys
{
    /// <summary>The key of <paramref name="row"/> in fragment <paramref name="fragmentId"/>.</summary>
    /// <param name="fragmentId">Non-negative fragment id.</param>
    /// <param name="row">Non-negative row index within the fragment.</param>
    /// <returns>fragmentId · 2^32 + row.</returns>
    public static long Compose(int fragmentId, int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fragmentId);
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        return ((long)fragmentId << 32) | (uint)row;
    }

    /// <summary>The fragment id of a key made by <see cref="Compose"/>.</summary>
    /// <param name="rowKey">The key.</param>
    /// <returns>The fragment id.</returns>
    public static int FragmentId(long rowKey) => (int)(rowKey >> 32);

    /// <summary>The row index of a key made by <see cref="Compose"/>.</summary>
    /// <param name="rowKey">The key.</param>
    /// <returns>The row within its fragment.</returns>
    public static int Row(long rowKey) => (int)(uint)rowKey;
}
