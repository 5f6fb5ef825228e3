namespace Ferry.Arrow;

/// <summary>A set of equal-length columns with a schema: the unit the IPC formats read and write.</summary>
public sealed class RecordBatch
{
    private readonly ArrowArray[] _columns;

    /// <summary>Creates a batch; every column must have the batch length and its field's type.</summary>
    public RecordBatch(Schema schema, IReadOnlyList<ArrowArray> columns, int length)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (columns.Count != schema.Fields.Count)
        {
            throw new ArgumentException($"The schema has {schema.Fields.Count} fields but {columns.Count} columns were given.", nameof(columns));
        }

        _columns = new ArrowArray[columns.Count];
        for (var i = 0; i < _columns.Length; i++)
        {
            var column = columns[i] ?? throw new ArgumentException("Columns must not be null.", nameof(columns));
            var field = schema.Fields[i];
            if (!ReferenceEquals(field.Type, column.Type) && !field.Type.Equals(column.Type))
            {
                throw new ArgumentException($"Column {i} has type {column.Type}; field '{field.Name}' is {field.Type}.", nameof(columns));
            }

            if (column.Length != length)
            {
                throw new ArgumentException($"Column {i} ('{field.Name}') has {column.Length} rows; the batch has {length}.", nameof(columns));
            }

            _columns[i] = column;
        }

        Schema = schema;
        Length = length;
    }

    /// <summary>The schema.</summary>
    public Schema Schema { get; }

    /// <summary>Number of rows.</summary>
    public int Length { get; }

    /// <summary>The columns, in schema order.</summary>
    public IReadOnlyList<ArrowArray> Columns => _columns;

    /// <summary>Number of columns.</summary>
    public int ColumnCount => _columns.Length;

    /// <summary>The column at an index.</summary>
    public ArrowArray Column(int index) => _columns[index];

    /// <summary>The first column with this field name.</summary>
    /// <exception cref="KeyNotFoundException">No field has that name.</exception>
    public ArrowArray Column(string name)
    {
        var i = Schema.GetFieldIndex(name);
        return i >= 0 ? _columns[i] : throw new KeyNotFoundException("The batch has no column named '" + name + "'.");
    }

    /// <summary>The first column with this field name, cast to the expected array class.</summary>
    public TArray Column<TArray>(string name)
        where TArray : ArrowArray => (TArray)Column(name);
}
