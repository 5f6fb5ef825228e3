namespace Ferry.Arrow;

/// <summary>
/// A map: physically a list of non-null <c>struct&lt;key, value&gt;</c> entries. The entry, key and
/// value field names are kept as written (some writers use names other than entries/key/value).
/// </summary>
public sealed class MapType : ArrowType
{
    /// <summary>Creates the type from its entries field, which must be a non-null struct of two fields.</summary>
    public MapType(Field entriesField, bool keysSorted = false)
        : base(ArrowTypeId.Map)
    {
        ArgumentNullException.ThrowIfNull(entriesField);
        if (entriesField.Type is not StructType s || s.Fields.Count != 2)
        {
            throw new ArgumentException("A map's entries field must be a struct with exactly two fields (key, value).", nameof(entriesField));
        }

        EntriesField = entriesField;
        KeysSorted = keysSorted;
    }

    /// <summary>The entries field (a struct of key and value).</summary>
    public Field EntriesField { get; }

    /// <summary>The key field (first member of the entries struct).</summary>
    public Field KeyField => ((StructType)EntriesField.Type).Fields[0];

    /// <summary>The value field (second member of the entries struct).</summary>
    public Field ValueField => ((StructType)EntriesField.Type).Fields[1];

    /// <summary>True when the keys of each map are sorted.</summary>
    public bool KeysSorted { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Field> Children => [EntriesField];

    /// <summary>A map with the canonical names: <c>entries: struct&lt;key (not null), value&gt;</c>.</summary>
    public static MapType Create(ArrowType keyType, ArrowType valueType, bool keysSorted = false, bool valuesNullable = true)
    {
        var entries = new StructType([new Field("key", keyType, false), new Field("value", valueType, valuesNullable)]);
        return new MapType(new Field("entries", entries, false), keysSorted);
    }

    /// <summary>Compares key and value types, value nullability and key order. The entry, key and
    /// value names are ignored, as in other Arrow implementations: writers disagree on them.</summary>
    public override bool Equals(ArrowType? other) =>
        other is MapType m && m.KeysSorted == KeysSorted && m.KeyField.Type.Equals(KeyField.Type)
        && m.ValueField.Type.Equals(ValueField.Type) && m.ValueField.IsNullable == ValueField.IsNullable;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(TypeId, KeyField.Type, ValueField.Type);

    /// <inheritdoc/>
    public override string ToString() =>
        "map<" + KeyField.Type + ", " + ValueField.Type + (KeysSorted ? ", keys_sorted>" : ">");
}
