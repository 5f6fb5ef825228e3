namespace Ferry.Arrow;

/// <summary>
/// A logical Arrow data type. Instances are immutable and compare by value
/// (<see cref="Equals(object?)"/>); parameterless types are shared singletons
/// (<see cref="Int32"/>, <see cref="Utf8"/>, …).
/// </summary>
public abstract partial class ArrowType : IEquatable<ArrowType>
{
    private protected ArrowType(ArrowTypeId typeId) => TypeId = typeId;

    /// <summary>The logical type.</summary>
    public ArrowTypeId TypeId { get; }

    /// <summary>
    /// Width in bytes of one value in the values buffer for fixed-width types
    /// (0 for bool, which is bit-packed, and for variable-width or nested types).
    /// </summary>
    public virtual int ByteWidth => 0;

    /// <summary>True for list, large list, fixed-size list, struct and map.</summary>
    public bool IsNested => TypeId is ArrowTypeId.List or ArrowTypeId.LargeList or ArrowTypeId.FixedSizeList
        or ArrowTypeId.Struct or ArrowTypeId.Map;

    /// <summary>Child fields of a nested type (empty for other types).</summary>
    public virtual IReadOnlyList<Field> Children => [];

    /// <inheritdoc/>
    public virtual bool Equals(ArrowType? other) => other is not null && other.TypeId == TypeId;

    /// <inheritdoc/>
    public sealed override bool Equals(object? obj) => obj is ArrowType t && Equals(t);

    /// <inheritdoc/>
    public override int GetHashCode() => (int)TypeId;

    /// <summary>A short readable form such as <c>int32</c> or <c>fixed_size_list&lt;item: float32&gt;[384]</c>.</summary>
    public abstract override string ToString();
}
