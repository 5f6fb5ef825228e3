namespace Ferry.Arrow;

/// <summary>
/// An int64 count of <see cref="Unit"/> since the UNIX epoch. With a <see cref="TimeZone"/> the
/// value is an instant in UTC; without one it is a wall-clock time in an unknown zone.
/// </summary>
public sealed class TimestampType : ArrowType
{
    /// <summary>Creates the type.</summary>
    public TimestampType(TimeUnit unit, string? timeZone = null)
        : base(ArrowTypeId.Timestamp)
    {
        Unit = unit;
        TimeZone = timeZone;
    }

    /// <summary>The unit.</summary>
    public TimeUnit Unit { get; }

    /// <summary>Time zone name (IANA, e.g. <c>Europe/Paris</c>) or offset (<c>+07:30</c>), or null.</summary>
    public string? TimeZone { get; }

    /// <inheritdoc/>
    public override int ByteWidth => 8;

    /// <summary>Converts a stored value to ticks since the epoch (nanoseconds are truncated to 100 ns).</summary>
    public long ToTicksSinceEpoch(long value)
    {
        var perUnit = TimeUnits.TicksPerUnit(Unit);
        return perUnit == 0 ? value / 100 : checked(value * perUnit);
    }

    /// <summary>Converts a stored value to a UTC <see cref="DateTimeOffset"/> (nanoseconds are truncated to 100 ns).</summary>
    public DateTimeOffset ToDateTimeOffset(long value) =>
        new(DateTime.UnixEpoch.Ticks + ToTicksSinceEpoch(value), TimeSpan.Zero);

    /// <summary>Converts an instant to the stored value in this type's unit.</summary>
    public long FromDateTimeOffset(DateTimeOffset value)
    {
        var ticks = value.UtcTicks - DateTime.UnixEpoch.Ticks;
        var perUnit = TimeUnits.TicksPerUnit(Unit);
        return perUnit == 0 ? checked(ticks * 100) : ticks / perUnit;
    }

    /// <inheritdoc/>
    public override bool Equals(ArrowType? other) =>
        other is TimestampType t && t.Unit == Unit && string.Equals(t.TimeZone, TimeZone, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(TypeId, Unit, TimeZone);

    /// <inheritdoc/>
    public override string ToString() =>
        "timestamp[" + TimeUnits.Abbreviation(Unit) + (TimeZone is null ? "]" : ", tz=" + TimeZone + "]");
}
