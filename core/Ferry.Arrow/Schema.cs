namespace Ferry.Arrow;

/// <summary>The ordered fields of a record batch plus schema-level custom metadata.</summary>
public sealed class Schema : IEquatable<Schema>
{
    private readonly Field[] _fields;

    /// <summary>Creates a schema.</summary>
    public Schema(IEnumerable<Field> fields, IEnumerable<KeyValuePair<string, string>>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = [.. fields];
        foreach (var f in _fields)
        {
            ArgumentNullException.ThrowIfNull(f, nameof(fields));
        }

        Metadata = ArrowMetadata.Create(metadata);
    }

    /// <summary>The fields, in column order.</summary>
    public IReadOnlyList<Field> Fields => _fields;

    /// <summary>Custom metadata in the order it was written; empty when there is none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The field at a column index.</summary>
    public Field this[int index] => _fields[index];

    /// <summary>Index of the first field with this name, or -1.</summary>
    public int GetFieldIndex(string name)
    {
        for (var i = 0; i < _fields.Length; i++)
        {
            if (string.Equals(_fields[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The first field with this name.</summary>
    /// <exception cref="KeyNotFoundException">No field has that name.</exception>
    public Field GetField(string name)
    {
        var i = GetFieldIndex(name);
        return i >= 0 ? _fields[i] : throw new KeyNotFoundException("The schema has no field named '" + name + "'.");
    }

    /// <summary>Returns a copy with other schema metadata.</summary>
    public Schema WithMetadata(IEnumerable<KeyValuePair<string, string>>? metadata) => new(_fields, metadata);

    /// <summary>Compares fields (including their metadata) and schema metadata.</summary>
    public bool Equals(Schema? other)
    {
        if (other is null || other._fields.Length != _fields.Length || !ArrowMetadata.AreEqual(Metadata, other.Metadata))
        {
            return false;
        }

        for (var i = 0; i < _fields.Length; i++)
        {
            if (!_fields[i].Equals(other._fields[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Schema s && Equals(s);

    /// <inheritdoc/>
    public override int GetHashCode() => _fields.Length;

    /// <inheritdoc/>
    public override string ToString() => "schema<" + string.Join(", ", (IEnumerable<Field>)_fields) + ">";
}
