namespace Ferry.Arrow;

/// <summary>
/// Builds <see cref="MapArray"/>s. Call <see cref="Append"/> to open a map slot, then append each
/// entry's key to <see cref="KeyBuilder"/> and its value to <see cref="ValueBuilder"/>.
/// </summary>
public sealed class MapArrayBuilder : ArrowArrayBuilder
{
    private readonly ListOffsetsBuffer _offsets;

    /// <summary>Creates the builder and its key and value builders.</summary>
    /// <param name="type">The map type.</param>
    /// <param name="capacity">Expected number of slots.</param>
    public MapArrayBuilder(MapType type, int capacity = 0)
        : base(type)
    {
        KeyBuilder = Create(type.KeyField.Type, capacity);
        ValueBuilder = Create(type.ValueField.Type, capacity);
        _offsets = new ListOffsetsBuffer(false, capacity);
    }

    /// <summary>The builder of all entries' keys.</summary>
    public ArrowArrayBuilder KeyBuilder { get; }

    /// <summary>The builder of all entries' values.</summary>
    public ArrowArrayBuilder ValueBuilder { get; }

    /// <summary>The key builder, cast to its concrete class.</summary>
    public TBuilder GetKeyBuilder<TBuilder>()
        where TBuilder : ArrowArrayBuilder => (TBuilder)KeyBuilder;

    /// <summary>The value builder, cast to its concrete class.</summary>
    public TBuilder GetValueBuilder<TBuilder>()
        where TBuilder : ArrowArrayBuilder => (TBuilder)ValueBuilder;

    /// <summary>Opens a new (valid) map slot; append its entries next.</summary>
    public void Append()
    {
        CheckAligned();
        _offsets.AppendStart(KeyBuilder.Length);
        Validity.AppendValid();
        Length++;
    }

    /// <inheritdoc/>
    public override void AppendNull() => AppendNulls(1);

    /// <inheritdoc/>
    public override void AppendNulls(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        CheckAligned();
        _offsets.AppendStart(KeyBuilder.Length, count);
        Validity.AppendNulls(count);
        Length += count;
    }

    /// <summary>Appends empty maps.</summary>
    public override void AppendEmptyValues(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        CheckAligned();
        _offsets.AppendStart(KeyBuilder.Length, count);
        Validity.AppendValid(count);
        Length += count;
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">Keys and values differ in number, or a key is null.</exception>
    public override ArrowArray Build()
    {
        CheckAligned();
        if (KeyBuilder.NullCount > 0)
        {
            throw new InvalidOperationException("Map keys must not be null.");
        }

        var type = (MapType)Type;
        var offsets = _offsets.Detach(KeyBuilder.Length);
        var entryCount = KeyBuilder.Length;
        var entries = new StructArray((StructType)type.EntriesField.Type, [KeyBuilder.Build(), ValueBuilder.Build()], entryCount);
        var (bitmap, nulls, length) = DetachCommon();
        return new MapArray(type, offsets, entries, length, bitmap, nulls);
    }

    private void CheckAligned()
    {
        if (KeyBuilder.Length != ValueBuilder.Length)
        {
            throw new InvalidOperationException(
                $"The map has {KeyBuilder.Length} keys but {ValueBuilder.Length} values; append one value per key.");
        }
    }
}
