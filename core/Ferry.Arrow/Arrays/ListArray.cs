using System.Runtime.InteropServices;

namespace Ferry.Arrow;

/// <summary>
/// Variable-size lists (list or large_list; <see cref="MapArray"/> for maps). Slot i holds
/// <c>Values[offsets[i]..offsets[i+1]]</c>.
/// </summary>
public class ListArray : ArrowArray
{
    /// <summary>Wraps existing buffers (no copy).</summary>
    /// <param name="type">The list type.</param>
    /// <param name="offsets">Length + 1 little-endian int32 (int64 when large) offsets into <paramref name="values"/>.</param>
    /// <param name="values">The child array.</param>
    /// <param name="length">Number of slots.</param>
    /// <param name="validity">Validity bitmap, or empty when all slots are valid.</param>
    /// <param name="nullCount">Null count, or -1 to count it from the bitmap.</param>
    public ListArray(ListType type, ReadOnlyMemory<byte> offsets, ArrowArray values, int length,
        ReadOnlyMemory<byte> validity = default, int nullCount = -1)
        : this(type, type?.IsLarge ?? false, type?.ValueType, offsets, values, length, validity, nullCount)
    {
    }

    private protected ListArray(ArrowType type, bool isLarge, ArrowType? valueType, ReadOnlyMemory<byte> offsets,
        ArrowArray values, int length, ReadOnlyMemory<byte> validity, int nullCount)
        : base(type, length, validity, nullCount)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (valueType is not null && !ReferenceEquals(valueType, values.Type) && !valueType.Equals(values.Type))
        {
            throw new ArgumentException($"The values have type {values.Type}; the list expects {valueType}.", nameof(values));
        }

        IsLarge = isLarge;
        var width = isLarge ? 8 : 4;
        if (length > 0 && offsets.Length < (length + 1L) * width)
        {
            throw new ArgumentException(
                $"The offsets buffer has {offsets.Length} bytes; {(length + 1L) * width} are needed.", nameof(offsets));
        }

        OffsetsBuffer = length > 0 ? offsets[..((length + 1) * width)] : offsets;
        Values = values;
    }

    /// <summary>True for 64-bit offsets.</summary>
    public bool IsLarge { get; }

    /// <summary>The child array holding every list's values back to back.</summary>
    public ArrowArray Values { get; }

    /// <summary>The offsets buffer.</summary>
    public ReadOnlyMemory<byte> OffsetsBuffer { get; }

    /// <summary>The 32-bit offsets (Length + 1 entries, or none for an empty array).</summary>
    /// <exception cref="InvalidOperationException">The array has 64-bit offsets.</exception>
    public ReadOnlySpan<int> ValueOffsets => IsLarge
        ? throw new InvalidOperationException("This array has 64-bit offsets; use LargeValueOffsets.")
        : MemoryMarshal.Cast<byte, int>(OffsetsBuffer.Span);

    /// <summary>The 64-bit offsets (Length + 1 entries, or none for an empty array).</summary>
    /// <exception cref="InvalidOperationException">The array has 32-bit offsets.</exception>
    public ReadOnlySpan<long> LargeValueOffsets => IsLarge
        ? MemoryMarshal.Cast<byte, long>(OffsetsBuffer.Span)
        : throw new InvalidOperationException("This array has 32-bit offsets; use ValueOffsets.");

    /// <summary>Index in <see cref="Values"/> of the first value of slot <paramref name="index"/>.</summary>
    public int GetValueOffset(int index)
    {
        CheckIndex(index);
        return checked((int)ReadOffset(index));
    }

    /// <summary>Number of values in slot <paramref name="index"/>.</summary>
    public int GetValueLength(int index)
    {
        CheckIndex(index);
        return checked((int)(ReadOffset(index + 1) - ReadOffset(index)));
    }

    private protected override ArrowArray SliceCore(int offset, int length)
    {
        var (validity, nulls) = SliceValidity(offset, length);
        var (offsets, start, end) = ArrayOffsets.Rebase(OffsetsBuffer, offset, length, IsLarge);
        var values = Values.Slice(checked((int)start), checked((int)(end - start)));
        return Type is MapType m
            ? new MapArray(m, offsets, (StructArray)values, length, validity, nulls)
            : new ListArray((ListType)Type, offsets, values, length, validity, nulls);
    }

    private long ReadOffset(int i) => IsLarge
        ? MemoryMarshal.Read<long>(OffsetsBuffer.Span[(i * 8)..])
        : MemoryMarshal.Read<int>(OffsetsBuffer.Span[(i * 4)..]);
}
