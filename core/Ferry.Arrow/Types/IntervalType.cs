namespace Ferry.Arrow;

/// <summary>A calendar interval; the values are int (<see cref="IntervalUnit.YearMonth"/>),
/// <see cref="IntervalDayTime"/> or <see cref="IntervalMonthDayNano"/>.</summary>
public sealed class IntervalType : ArrowType
{
    /// <summary>Creates the type.</summary>
    public IntervalType(IntervalUnit unit)
        : base(ArrowTypeId.Interval) => Unit = unit;

    /// <summary>The unit.</summary>
    public IntervalUnit Unit { get; }

    /// <inheritdoc/>
    public override int ByteWidth => Unit switch
    {
        IntervalUnit.YearMonth => 4,
        IntervalUnit.DayTime => 8,
        _ => 16,
    };

    /// <inheritdoc/>
    public override bool Equals(ArrowType? other) => other is IntervalType t && t.Unit == Unit;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(TypeId, Unit);

    /// <inheritdoc/>
    public override string ToString() => Unit switch
    {
        IntervalUnit.YearMonth => "interval[year_month]",
        IntervalUnit.DayTime => "interval[day_time]",
        _ => "interval[month_day_nano]",
    };
}
