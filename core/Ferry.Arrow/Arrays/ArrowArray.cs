using System.Runtime.CompilerServices;
using Ferry.Arrow.Memory;

namespace Ferry.Arrow;

/// <summary>
/// An immutable Arrow array: a typed column of <see cref="Length"/> values with an optional validity
/// bitmap. Buffers are <see cref="ReadOnlyMemory{T}"/> slices; arrays read by the IPC readers point
/// straight into the source bytes (no copy), so they stay valid as long as that memory does.
/// </summary>
public abstract class ArrowArray
{
    private int _nullCount;

    private protected ArrowArray(ArrowType type, int length, ReadOnlyMemory<byte> validity, int nullCount)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (!validity.IsEmpty && validity.Length < BitUtility.BytesForBits(length))
        {
            throw new ArgumentException(
                $"The validity bitmap has {validity.Length} bytes; {BitUtility.BytesForBits(length)} are needed for {length} values.",
                nameof(validity));
        }

        if (validity.IsEmpty && nullCount > 0 && type.TypeId != ArrowTypeId.Null)
        {
            throw new ArgumentException("A null count above zero needs a validity bitmap.", nameof(nullCount));
        }

        Type = type;
        Length = length;
        Validity = validity;
        _nullCount = validity.IsEmpty && type.TypeId != ArrowTypeId.Null ? 0 : nullCount;
    }

    /// <summary>The data type.</summary>
    public ArrowType Type { get; }

    /// <summary>Number of values (slots).</summary>
    public int Length { get; }

    /// <summary>Number of null slots (computed from the bitmap on first use when not known).</summary>
    public int NullCount
    {
        get
        {
            if (_nullCount < 0)
            {
                _nullCount = Length - BitUtility.CountSetBits(Validity.Span, Length);
            }

            return _nullCount;
        }
    }

    /// <summary>The validity bitmap (bit i set = slot i valid, LSB first); empty when every slot is valid.</summary>
    public ReadOnlyMemory<byte> Validity { get; }

    /// <summary>The validity bitmap as a span; empty when every slot is valid.</summary>
    public ReadOnlySpan<byte> ValidityBitmap => Validity.Span;

    /// <summary>True when slot <paramref name="index"/> is null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public virtual bool IsNull(int index)
    {
        if ((uint)index >= (uint)Length)
        {
            ThrowIndex(index);
        }

        return !Validity.IsEmpty && !BitUtility.GetBit(Validity.Span, index);
    }

    /// <summary>True when slot <paramref name="index"/> holds a value.</summary>
    public bool IsValid(int index) => !IsNull(index);

    /// <summary>
    /// Slots [<paramref name="offset"/>, offset + <paramref name="length"/>) as a new array. Value
    /// buffers are shared; bitmaps at an offset that is not a multiple of 8 and list/string offsets
    /// that do not start at zero are copied (rebased), so the result is self-contained.
    /// </summary>
    public ArrowArray Slice(int offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if ((long)offset + length > Length)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"Slice [{offset}, {(long)offset + length}) is outside an array of {Length}.");
        }

        return offset == 0 && length == Length ? this : SliceCore(offset, length);
    }

    /// <summary>
    /// Joins arrays of one type, in order, into one new array (a copy of their values). Every buffer of the result comes
    /// from <paramref name="allocate"/> (which must return zeroed memory; new managed arrays when null), so a caller
    /// can build a column part by part in memory of its own.
    /// </summary>
    /// <exception cref="ArgumentException">There are no parts, they differ in type, or they are dictionary-encoded with different dictionaries.</exception>
    public static ArrowArray Concatenate(IReadOnlyList<ArrowArray> parts, Func<int, Memory<byte>>? allocate = null)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return ArrayConcatenator.Concat(parts, allocate ?? ArrayConcatenator.Managed);
    }

    /// <inheritdoc/>
    public override string ToString() => Type + "[" + Length + "]";

    private protected abstract ArrowArray SliceCore(int offset, int length);

    /// <summary>The validity of a slice and its null count (-1 = count lazily).</summary>
    private protected (ReadOnlyMemory<byte> Validity, int NullCount) SliceValidity(int offset, int length)
    {
        if (Validity.IsEmpty || NullCount == 0)
        {
            return (default, 0);
        }

        return (SliceBits(Validity, offset, length), -1);
    }

    private protected static ReadOnlyMemory<byte> SliceBits(ReadOnlyMemory<byte> bits, int offset, int length)
    {
        if ((offset & 7) == 0)
        {
            return bits.Slice(offset >> 3, BitUtility.BytesForBits(length));
        }

        var copy = new byte[BitUtility.BytesForBits(length)];
        BitUtility.CopyBits(bits.Span, offset, copy, length);
        return copy;
    }

    private protected void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Length)
        {
            ThrowIndex(index);
        }
    }

    private protected static void ThrowIndex(int index) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, "Index is outside the array.");
}
