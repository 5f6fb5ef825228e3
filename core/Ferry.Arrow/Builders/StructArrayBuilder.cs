namespace Ferry.Arrow;

/// <summary>
/// Builds <see cref="StructArray"/>s. For each row call <see cref="Append"/> and append one value to
/// every field builder; <see cref="AppendNull"/> fills the field builders itself.
/// </summary>
public sealed class StructArrayBuilder : ArrowArrayBuilder
{
    private readonly ArrowArrayBuilder[] _fieldBuilders;

    /// <summary>Creates the builder and, through <see cref="ArrowArrayBuilder.Create"/>, one builder per field.</summary>
    /// <param name="type">The struct type.</param>
    /// <param name="capacity">Expected number of slots.</param>
    public StructArrayBuilder(StructType type, int capacity = 0)
        : base(type)
    {
        _fieldBuilders = new ArrowArrayBuilder[type.Fields.Count];
        for (var i = 0; i < _fieldBuilders.Length; i++)
        {
            _fieldBuilders[i] = Create(type.Fields[i].Type, capacity);
        }
    }

    /// <summary>The field builders, in field order.</summary>
    public IReadOnlyList<ArrowArrayBuilder> FieldBuilders => _fieldBuilders;

    /// <summary>The builder of field <paramref name="index"/>, cast to its concrete class.</summary>
    public TBuilder GetFieldBuilder<TBuilder>(int index)
        where TBuilder : ArrowArrayBuilder => (TBuilder)_fieldBuilders[index];

    /// <summary>Marks a valid row; append one value to each field builder as well.</summary>
    public void Append()
    {
        Validity.AppendValid();
        Length++;
    }

    /// <inheritdoc/>
    public override void AppendNull() => AppendNulls(1);

    /// <summary>Appends null rows, with placeholder values in every field.</summary>
    public override void AppendNulls(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        foreach (var b in _fieldBuilders)
        {
            AppendChildPlaceholders(b, count);
        }

        Validity.AppendNulls(count);
        Length += count;
    }

    /// <inheritdoc/>
    public override void AppendEmptyValues(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        foreach (var b in _fieldBuilders)
        {
            AppendChildPlaceholders(b, count);
        }

        Validity.AppendValid(count);
        Length += count;
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">A field builder's length differs from the row count.</exception>
    public override ArrowArray Build()
    {
        var type = (StructType)Type;
        for (var i = 0; i < _fieldBuilders.Length; i++)
        {
            if (_fieldBuilders[i].Length != Length)
            {
                throw new InvalidOperationException(
                    $"Field '{type.Fields[i].Name}' has {_fieldBuilders[i].Length} values but the struct has {Length} rows.");
            }
        }

        var children = new ArrowArray[_fieldBuilders.Length];
        for (var i = 0; i < children.Length; i++)
        {
            children[i] = _fieldBuilders[i].Build();
        }

        var (bitmap, nulls, length) = DetachCommon();
        return new StructArray(type, children, length, bitmap, nulls);
    }
}
