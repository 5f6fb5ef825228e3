namespace Ferry.Arrow;

/// <summary>A calendar date: date32 (days, int32) or date64 (milliseconds, int64).</summary>
public sealed class DateType : ArrowType
{
    internal DateType(DateUnit unit)
        : base(unit == DateUnit.Day ? ArrowTypeId.Date32 : ArrowTypeId.Date64) => Unit = unit;

    /// <summary>The unit.</summary>
    public DateUnit Unit { get; }

    /// <inheritdoc/>
    public override int ByteWidth => Unit == DateUnit.Day ? 4 : 8;

    /// <inheritdoc/>
    public override string ToString() => Unit == DateUnit.Day ? "date32" : "date64";
}
