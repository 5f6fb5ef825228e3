namespace Ferry.Arrow;

/// <summary>Builds <see cref="StringArray"/>s (utf8 or large_utf8) from .NET strings or raw UTF-8.</summary>
public sealed class StringArrayBuilder : ArrowArrayBuilder
{
    private readonly VariableBinaryBuffers _buffers;

    /// <summary>Creates the builder.</summary>
    /// <param name="type"><see cref="ArrowType.Utf8"/> (default) or <see cref="ArrowType.LargeUtf8"/>.</param>
    /// <param name="capacity">Expected number of slots.</param>
    public StringArrayBuilder(StringType? type = null, int capacity = 0)
        : base(type ?? ArrowType.Utf8) => _buffers = new VariableBinaryBuffers(((StringType)Type).IsLarge, capacity);

    /// <summary>Appends a string, or a null when <paramref name="value"/> is null.</summary>
    public void Append(string? value)
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

    /// <summary>Appends UTF-16 characters (encoded to UTF-8; lone surrogates become U+FFFD).</summary>
    public void Append(ReadOnlySpan<char> value)
    {
        _buffers.AppendUtf16(value);
        Validity.AppendValid();
        Length++;
    }

    /// <summary>Appends bytes that are already UTF-8 (not validated: the caller vouches for them).</summary>
    public void AppendUtf8(ReadOnlySpan<byte> utf8)
    {
        _buffers.Append(utf8);
        Validity.AppendValid();
        Length++;
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
        return new StringArray((StringType)Type, offsets, data, length, bitmap, nulls);
    }
}
