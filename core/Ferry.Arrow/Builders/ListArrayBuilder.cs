namespace Ferry.Arrow;

/// <summary>
/// Builds <see cref="ListArray"/>s. Call <see cref="Append"/> to open a list slot, then append its
/// values to <see cref="ValueBuilder"/>; the slot ends where the next one starts.
/// </summary>
public sealed class ListArrayBuilder : ArrowArrayBuilder
{
    private readonly ListOffsetsBuffer _offsets;

    /// <summary>Creates the builder and, through <see cref="ArrowArrayBuilder.Create"/>, its value builder.</summary>
    /// <param name="type">The list or large-list type.</param>
    /// <param name="capacity">Expected number of slots.</param>
    public ListArrayBuilder(ListType type, int capacity = 0)
        : base(type)
    {
        ValueBuilder = Create(type.ValueType, capacity);
        _offsets = new ListOffsetsBuffer(type.IsLarge, capacity);
    }

    /// <summary>The builder of the values of all lists.</summary>
    public ArrowArrayBuilder ValueBuilder { get; }

    /// <summary>The value builder, cast to its concrete class.</summary>
    public TBuilder GetValueBuilder<TBuilder>()
        where TBuilder : ArrowArrayBuilder => (TBuilder)ValueBuilder;

    /// <summary>Opens a new (valid) list slot; append its values to <see cref="ValueBuilder"/> next.</summary>
    public void Append()
    {
        _offsets.AppendStart(ValueBuilder.Length);
        Validity.AppendValid();
        Length++;
    }

    /// <inheritdoc/>
    public override void AppendNull() => AppendNulls(1);

    /// <inheritdoc/>
    public override void AppendNulls(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _offsets.AppendStart(ValueBuilder.Length, count);
        Validity.AppendNulls(count);
        Length += count;
    }

    /// <summary>Appends empty lists.</summary>
    public override void AppendEmptyValues(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _offsets.AppendStart(ValueBuilder.Length, count);
        Validity.AppendValid(count);
        Length += count;
    }

    /// <inheritdoc/>
    public override ArrowArray Build()
    {
        var offsets = _offsets.Detach(ValueBuilder.Length);
        var values = ValueBuilder.Build();
        var (bitmap, nulls, length) = DetachCommon();
        return new ListArray((ListType)Type, offsets, values, length, bitmap, nulls);
    }
}
