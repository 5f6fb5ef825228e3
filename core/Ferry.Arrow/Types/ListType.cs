namespace Ferry.Arrow;

/// <summary>A variable-size list, with 32-bit (list) or 64-bit (large_list) offsets.</summary>
public sealed class ListType : ArrowType
{
    /// <summary>Creates the type.</summary>
    /// <param name="valueField">The child field (conventionally named <c>item</c>).</param>
    /// <param name="isLarge">True for large_list (64-bit offsets).</param>
    public ListType(Field valueField, bool isLarge = false)
        : base(isLarge ? ArrowTypeId.LargeList : ArrowTypeId.List)
    {
        ArgumentNullException.ThrowIfNull(valueField);
        ValueField = valueField;
        IsLarge = isLarge;
    }

    /// <summary>The child field.</summary>
    public Field ValueField { get; }

    /// <summary>The type of the values.</summary>
    public ArrowType ValueType => ValueField.Type;

    /// <summary>True for large_list.</summary>
    public bool IsLarge { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Field> Children => [ValueField];

    /// <inheritdoc/>
    public override bool Equals(ArrowType? other) =>
        other is ListType l && l.IsLarge == IsLarge && l.ValueField.EqualsIgnoringMetadata(ValueField);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(TypeId, ValueField.Type);

    /// <inheritdoc/>
    public override string ToString() => (IsLarge ? "large_list<" : "list<") + ValueField + ">";
}
