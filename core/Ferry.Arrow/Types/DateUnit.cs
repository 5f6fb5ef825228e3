namespace Ferry.Arrow;

/// <summary>Resolution of a <see cref="DateType"/>.</summary>
public enum DateUnit
{
    /// <summary>Days since the epoch as int32 (date32).</summary>
    Day,
    /// <summary>Milliseconds since the epoch as int64 (date64).</summary>
    Millisecond,
}
