namespace Ferry.Arrow;

/// <summary>Values of a fixed byte width: fixed_size_binary (and, through <see cref="DecimalArray"/>, decimals).</summary>
public class FixedSizeBinaryArray : ArrowArray
{
    /// <summary>Wraps existing buffers (no copy).</summary>
    /// <param name="type">The fixed-size binary type.</param>
    /// <param name="data">Length × width bytes.</param>
    /// <param name="length">Number of slots.</param>
    /// <param name="validity">Validity bitmap, or empty when all slots are valid.</param>
    /// <param name="nullCount">Null count, or -1 to count it from the bitmap.</param>
    public FixedSizeBinaryArray(FixedSizeBinaryType type, ReadOnlyMemory<byte> data, int length,
        ReadOnlyMemory<byte> validity = default, int nullCount = -1)
        : this((ArrowType)type, data, length, validity, nullCount)
    {
    }

    private protected FixedSizeBinaryArray(ArrowType type, ReadOnlyMemory<byte> data, int length,
        ReadOnlyMemory<byte> validity, int nullCount)
        : base(type, length, validity, nullCount)
    {
        ByteWidth = type.ByteWidth;
        if (data.Length < (long)length * ByteWidth)
        {
            throw new ArgumentException($"The data buffer has {data.Length} bytes; {(long)length * ByteWidth} are needed.", nameof(data));
        }

        DataBuffer = data[..(length * ByteWidth)];
    }

    /// <summary>Bytes per value.</summary>
    public int ByteWidth { get; }

    /// <summary>The data buffer (exactly Length × ByteWidth bytes).</summary>
    public ReadOnlyMemory<byte> DataBuffer { get; }

    /// <summary>All value bytes.</summary>
    public ReadOnlySpan<byte> ValueData => DataBuffer.Span;

    private protected override ArrowArray SliceCore(int offset, int length)
    {
        var (validity, nulls) = SliceValidity(offset, length);
        var data = DataBuffer.Slice(offset * ByteWidth, length * ByteWidth);
        return Type is DecimalType d
            ? new DecimalArray(d, data, length, validity, nulls)
            : new FixedSizeBinaryArray((FixedSizeBinaryType)Type, data, length, validity, nulls);
    }

    /// <summary>The bytes of value <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> GetBytes(int index)
    {
        CheckIndex(index);
        return DataBuffer.Span.Slice(index * ByteWidth, ByteWidth);
    }
}
