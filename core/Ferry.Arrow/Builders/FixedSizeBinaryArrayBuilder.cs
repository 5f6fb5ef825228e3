using Ferry.Arrow.Memory;

namespace Ferry.Arrow;

/// <summary>Builds <see cref="FixedSizeBinaryArray"/>s (and is the base of <see cref="DecimalArrayBuilder"/>).</summary>
public class FixedSizeBinaryArrayBuilder : ArrowArrayBuilder
{
    private readonly GrowableBuffer _data;

    /// <summary>Creates the builder.</summary>
    /// <param name="type">The fixed-size binary type.</param>
    /// <param name="capacity">Expected number of slots.</param>
    public FixedSizeBinaryArrayBuilder(FixedSizeBinaryType type, int capacity = 0)
        : this((ArrowType)type, capacity)
    {
    }

    private protected FixedSizeBinaryArrayBuilder(ArrowType type, int capacity)
        : base(type)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ByteWidth = type.ByteWidth;
        _data = new GrowableBuffer(checked(capacity * ByteWidth));
    }

    /// <summary>Bytes per value.</summary>
    public int ByteWidth { get; }

    /// <summary>Appends a value of exactly <see cref="ByteWidth"/> bytes.</summary>
    public void Append(ReadOnlySpan<byte> value)
    {
        if (value.Length != ByteWidth)
        {
            throw new ArgumentException($"The value has {value.Length} bytes; this type takes exactly {ByteWidth}.", nameof(value));
        }

        _data.Append(value);
        Validity.AppendValid();
        Length++;
    }

    /// <inheritdoc/>
    public override void AppendNull() => AppendNulls(1);

    /// <inheritdoc/>
    public override void AppendNulls(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _data.AppendZeros(checked(count * ByteWidth));
        Validity.AppendNulls(count);
        Length += count;
    }

    /// <inheritdoc/>
    public override void AppendEmptyValues(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _data.AppendZeros(checked(count * ByteWidth));
        Validity.AppendValid(count);
        Length += count;
    }

    /// <inheritdoc/>
    public override ArrowArray Build()
    {
        var (bitmap, nulls, length) = DetachCommon();
        var data = _data.Detach();
        return Type is DecimalType d
            ? new DecimalArray(d, data, length, bitmap, nulls)
            : new FixedSizeBinaryArray((FixedSizeBinaryType)Type, data, length, bitmap, nulls);
    }

    /// <summary>Appends a slot whose bytes the caller writes into the returned span.</summary>
    private protected Span<byte> AppendSlot()
    {
        var span = _data.AppendSpan(ByteWidth);
        Validity.AppendValid();
        Length++;
        return span;
    }
}
