namespace Ferry.Arrow;

/// <summary>One builder per schema field; <see cref="Build"/> produces a <see cref="RecordBatch"/>.</summary>
public sealed class RecordBatchBuilder
{
    private readonly ArrowArrayBuilder[] _builders;

    /// <summary>Creates builders for every field of <paramref name="schema"/>.</summary>
    /// <param name="schema">The schema.</param>
    /// <param name="capacity">Expected rows per batch.</param>
    public RecordBatchBuilder(Schema schema, int capacity = 0)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        _builders = new ArrowArrayBuilder[schema.Fields.Count];
        for (var i = 0; i < _builders.Length; i++)
        {
            _builders[i] = ArrowArrayBuilder.Create(schema.Fields[i].Type, capacity);
        }
    }

    /// <summary>The schema.</summary>
    public Schema Schema { get; }

    /// <summary>The column builders, in schema order.</summary>
    public IReadOnlyList<ArrowArrayBuilder> Builders => _builders;

    /// <summary>The builder of column <paramref name="index"/>, cast to its concrete class.</summary>
    public TBuilder Column<TBuilder>(int index)
        where TBuilder : ArrowArrayBuilder => (TBuilder)_builders[index];

    /// <summary>The builder of the first column named <paramref name="name"/>, cast to its concrete class.</summary>
    public TBuilder Column<TBuilder>(string name)
        where TBuilder : ArrowArrayBuilder
    {
        var i = Schema.GetFieldIndex(name);
        return i >= 0 ? (TBuilder)_builders[i] : throw new KeyNotFoundException("The schema has no field named '" + name + "'.");
    }

    /// <summary>Builds the batch and empties the builders.</summary>
    /// <exception cref="InvalidOperationException">The columns have different lengths.</exception>
    public RecordBatch Build()
    {
        var length = _builders.Length == 0 ? 0 : _builders[0].Length;
        for (var i = 1; i < _builders.Length; i++)
        {
            if (_builders[i].Length != length)
            {
                throw new InvalidOperationException(
                    $"Column '{Schema.Fields[i].Name}' has {_builders[i].Length} rows; column '{Schema.Fields[0].Name}' has {length}.");
            }
        }

        var columns = new ArrowArray[_builders.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = _builders[i].Build();
        }

        return new RecordBatch(Schema, columns, length);
    }
}
