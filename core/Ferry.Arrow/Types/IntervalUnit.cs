namespace Ferry.Arrow;

/// <summary>Layout of an <see cref="IntervalType"/>.</summary>
public enum IntervalUnit
{
    /// <summary>Months as int32.</summary>
    YearMonth,
    /// <summary>Days and milliseconds as two int32 (<see cref="IntervalDayTime"/>).</summary>
    DayTime,
    /// <summary>Months, days (int32) and nanoseconds (int64) (<see cref="IntervalMonthDayNano"/>).</summary>
    MonthDayNano,
}
