namespace Ferry.Arrow;

/// <summary>Builds <see cref="BinaryArray"/>s (binary or large_binary).</summary>
public sealed class BinaryArrayBuilder : ArrowArrayBuilder
{
    private readonly VariableBinaryBuffers _buffers;

    /// <summary>Creates the builder.</summary>
    /// <param name="type"><see cref="ArrowType.Binary"/> (default) or <see cref="ArrowType.LargeBinary"/>.</param>
    /// <param name="capacity">Expected number of slots.</param>
    public BinaryArrayBuilder(BinaryType? type = null, int capacity = 0)
        : base(type ?? ArrowType.Binary) => _buffers = new VariableBinaryBuffers(((BinaryType)Type).IsLarge, capacity);

    /// <summary>Appends a value.</summary>
    public void Append(ReadOnlySpan<byte> value)
    {
        _buffers.Append(value);
        Validity.AppendValid();
        Length++;
    }

    /// <summary>Appends a value, or a null when <paramref name="value"/> is null.</summary>
    public void Append(byte[]? value)
    {
        if (value is null)
        {
            AppendNull();
        }
        else
        {
            Append(value.AsSpan());
        }
    }

    /// <inheritdoc/>
    public override void AppendNull() => AppendNulls(1);

    /// <inheritdoc/>
    public override void AppendNulls(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _buffers.AppendEmpty(count);
        Validity.AppendNulls(count);
        Length += count;
    }

    /// <inheritdoc/>
    public override void AppendEmptyValues(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _buffers.AppendEmpty(count);
        Validity.AppendValid(count);
        Length += count;
    }

    /// <inheritdoc/>
    public override ArrowArray Build()
    {
        var (bitmap, nulls, length) = DetachCommon();
        var (offsets, data) = _buffers.Detach();
        return new BinaryArray((BinaryType)Type, offsets, data, length, bitmap, nulls);
    }
}
