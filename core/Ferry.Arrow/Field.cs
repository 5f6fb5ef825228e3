namespace Ferry.Arrow;

/// <summary>A named, typed column or child of a nested type, with custom key/value metadata.</summary>
public sealed class Field : IEquatable<Field>
{
    /// <summary>Creates a field.</summary>
    /// <param name="name">The name (may be empty; names need not be unique).</param>
    /// <param name="type">The data type; nested types carry their child fields.</param>
    /// <param name="nullable">Whether values may be null.</param>
    /// <param name="metadata">Custom metadata, kept in order (e.g. <c>ARROW:extension:name</c>).</param>
    public Field(string name, ArrowType type, bool nullable = true, IEnumerable<KeyValuePair<string, string>>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        Name = name;
        Type = type;
        IsNullable = nullable;
        Metadata = ArrowMetadata.Create(metadata);
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>The data type.</summary>
    public ArrowType Type { get; }

    /// <summary>Whether values may be null.</summary>
    public bool IsNullable { get; }

    /// <summary>Custom metadata in the order it was written; empty when there is none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The child fields of a nested type (list item, struct members, map entries), else empty.</summary>
    public IReadOnlyList<Field> Children => Type.Children;

    /// <summary>Returns a copy with other metadata.</summary>
    public Field WithMetadata(IEnumerable<KeyValuePair<string, string>>? metadata) => new(Name, Type, IsNullable, metadata);

    /// <summary>Compares name, type and nullability, ignoring metadata.</summary>
    public bool EqualsIgnoringMetadata(Field? other) =>
        other is not null && other.IsNullable == IsNullable && string.Equals(other.Name, Name, StringComparison.Ordinal)
        && other.Type.Equals(Type);

    /// <inheritdoc/>
    public bool Equals(Field? other) => EqualsIgnoringMetadata(other) && ArrowMetadata.AreEqual(Metadata, other!.Metadata);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Field f && Equals(f);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Type, IsNullable);

    /// <inheritdoc/>
    public override string ToString() => Name + ": " + Type + (IsNullable ? string.Empty : " not null");
}
