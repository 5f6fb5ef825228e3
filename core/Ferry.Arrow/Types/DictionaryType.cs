namespace Ferry.Arrow;

/// <summary>
/// Dictionary encoding: each slot holds an integer index into a dictionary array of
/// <see cref="ValueType"/>. In IPC the dictionary travels in its own dictionary batch.
/// </summary>
public sealed class DictionaryType : ArrowType
{
    /// <summary>Creates the type.</summary>
    /// <param name="indexType">Integer type of the indices (signed int32 is the most portable).</param>
    /// <param name="valueType">Type of the dictionary values.</param>
    /// <param name="isOrdered">True when the dictionary order is meaningful.</param>
    public DictionaryType(IntType indexType, ArrowType valueType, bool isOrdered = false)
        : base(ArrowTypeId.Dictionary)
    {
        ArgumentNullException.ThrowIfNull(indexType);
        ArgumentNullException.ThrowIfNull(valueType);
        IndexType = indexType;
        ValueType = valueType;
        IsOrdered = isOrdered;
    }

    /// <summary>Type of the indices.</summary>
    public IntType IndexType { get; }

    /// <summary>Type of the dictionary values.</summary>
    public ArrowType ValueType { get; }

    /// <summary>True when the dictionary order is meaningful.</summary>
    public bool IsOrdered { get; }

    /// <inheritdoc/>
    public override int ByteWidth => IndexType.ByteWidth;

    /// <summary>The value type's children (a dictionary of structs or lists has the members' fields).</summary>
    public override IReadOnlyList<Field> Children => ValueType.Children;

    /// <inheritdoc/>
    public override bool Equals(ArrowType? other) =>
        other is DictionaryType d && d.IsOrdered == IsOrdered && d.IndexType.Equals(IndexType) && d.ValueType.Equals(ValueType);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(TypeId, IndexType, ValueType);

    /// <inheritdoc/>
    public override string ToString() =>
        "dictionary<values=" + ValueType + ", indices=" + IndexType + (IsOrdered ? ", ordered>" : ">");
}
