using System.Globalization;

namespace Ferry.Arrow;

/// <summary>A list of exactly <see cref="ListSize"/> values per slot; embedding vectors are
/// <c>fixed_size_list&lt;float32&gt;[dim]</c>.</summary>
public sealed class FixedSizeListType : ArrowType
{
    /// <summary>Creates the type.</summary>
    /// <param name="valueField">The child field (conventionally named <c>item</c>).</param>
    /// <param name="listSize">Values per slot, at least 0.</param>
    public FixedSizeListType(Field valueField, int listSize)
        : base(ArrowTypeId.FixedSizeList)
    {
        ArgumentNullException.ThrowIfNull(valueField);
        ArgumentOutOfRangeException.ThrowIfNegative(listSize);
        ValueField = valueField;
        ListSize = listSize;
    }

    /// <summary>The child field.</summary>
    public Field ValueField { get; }

    /// <summary>The type of the values.</summary>
    public ArrowType ValueType => ValueField.Type;

    /// <summary>Values per slot.</summary>
    public int ListSize { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Field> Children => [ValueField];

    /// <inheritdoc/>
    public override bool Equals(ArrowType? other) =>
        other is FixedSizeListType l && l.ListSize == ListSize && l.ValueField.EqualsIgnoringMetadata(ValueField);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(TypeId, ValueField.Type, ListSize);

    /// <inheritdoc/>
    public override string ToString() =>
        "fixed_size_list<" + ValueField + ">[" + ListSize.ToString(CultureInfo.InvariantCulture) + "]";
}
