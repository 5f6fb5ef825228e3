namespace Ferry.Arrow;

/// <summary>
/// Maps: a list of <c>struct&lt;key, value&gt;</c> entries. Slot i holds entries
/// <c>offsets[i]..offsets[i+1]</c> of <see cref="Keys"/> and <see cref="Items"/>.
/// </summary>
public sealed class MapArray : ListArray
{
    /// <summary>Wraps existing buffers (no copy).</summary>
    /// <param name="type">The map type.</param>
    /// <param name="offsets">Length + 1 little-endian int32 offsets into <paramref name="entries"/>.</param>
    /// <param name="entries">The entries struct array (key, value).</param>
    /// <param name="length">Number of slots.</param>
    /// <param name="validity">Validity bitmap, or empty when all slots are valid.</param>
    /// <param name="nullCount">Null count, or -1 to count it from the bitmap.</param>
    public MapArray(MapType type, ReadOnlyMemory<byte> offsets, StructArray entries, int length,
        ReadOnlyMemory<byte> validity = default, int nullCount = -1)
        : base(type, false, type?.EntriesField.Type, offsets, entries, length, validity, nullCount)
    {
    }

    /// <summary>The entries struct array.</summary>
    public StructArray Entries => (StructArray)Values;

    /// <summary>The keys of all entries.</summary>
    public ArrowArray Keys => Entries.GetChild(0);

    /// <summary>The values of all entries.</summary>
    public ArrowArray Items => Entries.GetChild(1);
}
