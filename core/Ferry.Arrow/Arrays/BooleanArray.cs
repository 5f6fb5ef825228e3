using Ferry.Arrow.Memory;

namespace Ferry.Arrow;

/// <summary>An array of booleans stored as a bitmap.</summary>
public sealed class BooleanArray : ArrowArray
{
    /// <summary>Wraps existing buffers (no copy).</summary>
    /// <param name="values">Value bitmap, at least ceil(length/8) bytes.</param>
    /// <param name="length">Number of slots.</param>
    /// <param name="validity">Validity bitmap, or empty when all slots are valid.</param>
    /// <param name="nullCount">Null count, or -1 to count it from the bitmap.</param>
    public BooleanArray(ReadOnlyMemory<byte> values, int length, ReadOnlyMemory<byte> validity = default, int nullCount = -1)
        : base(ArrowType.Boolean, length, validity, nullCount)
    {
        if (values.Length < BitUtility.BytesForBits(length))
        {
            throw new ArgumentException("The value bitmap is shorter than the array.", nameof(values));
        }

        ValuesBuffer = values;
    }

    /// <summary>The value bitmap.</summary>
    public ReadOnlyMemory<byte> ValuesBuffer { get; }

    /// <summary>The value bitmap as a span.</summary>
    public ReadOnlySpan<byte> ValueBitmap => ValuesBuffer.Span;

    /// <summary>The value at a slot (false for a null slot whose bit is unset).</summary>
    public bool GetValue(int index)
    {
        CheckIndex(index);
        return BitUtility.GetBit(ValuesBuffer.Span, index);
    }

    private protected override ArrowArray SliceCore(int offset, int length)
    {
        var (validity, nulls) = SliceValidity(offset, length);
        return new BooleanArray(SliceBits(ValuesBuffer, offset, length), length, validity, nulls);
    }

    /// <summary>The value, or null for a null slot.</summary>
    public bool? GetNullableValue(int index) => IsNull(index) ? null : BitUtility.GetBit(ValuesBuffer.Span, index);
}
