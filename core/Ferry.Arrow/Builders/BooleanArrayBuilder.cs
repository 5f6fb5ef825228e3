using Ferry.Arrow.Memory;

namespace Ferry.Arrow;

/// <summary>Builds <see cref="BooleanArray"/>s.</summary>
public sealed class BooleanArrayBuilder : ArrowArrayBuilder
{
    private readonly BitBuffer _values;

    /// <summary>Creates the builder.</summary>
    /// <param name="capacity">Expected number of slots.</param>
    public BooleanArrayBuilder(int capacity = 0)
        : base(ArrowType.Boolean) => _values = new BitBuffer(capacity);

    /// <summary>Appends a value.</summary>
    public void Append(bool value)
    {
        _values.Append(value);
        Validity.AppendValid();
        Length++;
    }

    /// <summary>Appends a value or a null.</summary>
    public void Append(bool? value)
    {
        if (value is { } v)
        {
            Append(v);
        }
        else
        {
            AppendNull();
        }
    }

    /// <inheritdoc/>
    public override void AppendNull() => AppendNulls(1);

    /// <inheritdoc/>
    public override void AppendNulls(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _values.Append(false, count);
        Validity.AppendNulls(count);
        Length += count;
    }

    /// <inheritdoc/>
    public override void AppendEmptyValues(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _values.Append(false, count);
        Validity.AppendValid(count);
        Length += count;
    }

    /// <inheritdoc/>
    public override ArrowArray Build()
    {
        var (bitmap, nulls, length) = DetachCommon();
        return new BooleanArray(_values.Detach(), length, bitmap, nulls);
    }
}
