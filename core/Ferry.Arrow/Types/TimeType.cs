namespace Ferry.Arrow;

/// <summary>Time of day: time32 (seconds or milliseconds) or time64 (microseconds or nanoseconds).</summary>
public sealed class TimeType : ArrowType
{
    /// <summary>Creates the type; the bit width follows from the unit.</summary>
    public TimeType(TimeUnit unit)
        : base(unit is TimeUnit.Second or TimeUnit.Millisecond ? ArrowTypeId.Time32 : ArrowTypeId.Time64) => Unit = unit;

    /// <summary>The unit.</summary>
    public TimeUnit Unit { get; }

    /// <summary>32 or 64.</summary>
    public int BitWidth => TypeId == ArrowTypeId.Time32 ? 32 : 64;

    /// <inheritdoc/>
    public override int ByteWidth => BitWidth / 8;

    /// <inheritdoc/>
    public override bool Equals(ArrowType? other) => other is TimeType t && t.Unit == Unit;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(TypeId, Unit);

    /// <inheritdoc/>
    public override string ToString() => (BitWidth == 32 ? "time32[" : "time64[") + TimeUnits.Abbreviation(Unit) + "]";
}
