namespace Ferry.Arrow;

/// <summary>Elapsed time as an int64 count of <see cref="Unit"/>.</summary>
public sealed class DurationType : ArrowType
{
    /// <summary>Creates the type.</summary>
    public DurationType(TimeUnit unit)
        : base(ArrowTypeId.Duration) => Unit = unit;

    /// <summary>The unit.</summary>
    public TimeUnit Unit { get; }

    /// <inheritdoc/>
    public override int ByteWidth => 8;

    /// <inheritdoc/>
    public override bool Equals(ArrowType? other) => other is DurationType t && t.Unit == Unit;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(TypeId, Unit);

    /// <inheritdoc/>
    public override string ToString() => "duration[" + TimeUnits.Abbreviation(Unit) + "]";
}
