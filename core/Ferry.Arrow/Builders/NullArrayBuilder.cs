namespace Ferry.Arrow;

/// <summary>Builds <see cref="NullArray"/>s.</summary>
public sealed class NullArrayBuilder : ArrowArrayBuilder
{
    /// <summary>Creates the builder.</summary>
    public NullArrayBuilder()
        : base(ArrowType.Null)
    {
    }

    /// <inheritdoc/>
    public override void AppendNull() => Length++;

    /// <inheritdoc/>
    public override void AppendNulls(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Length += count;
    }

    /// <summary>Appends nulls: the null type has no other value.</summary>
    public override void AppendEmptyValues(int count) => AppendNulls(count);

    /// <inheritdoc/>
    public override ArrowArray Build()
    {
        var array = new NullArray(Length);
        Length = 0;
        return array;
    }
}
