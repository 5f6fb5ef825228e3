namespace Ferry.Arrow;

internal static class TimeUnits
{
    public static string Abbreviation(TimeUnit unit) => unit switch
    {
        TimeUnit.Second => "s",
        TimeUnit.Millisecond => "ms",
        TimeUnit.Microsecond => "us",
        _ => "ns",
    };

    /// <summary>Ticks (100 ns) per unit, or 0 for nanoseconds, which are finer than a tick.</summary>
    public static long TicksPerUnit(TimeUnit unit) => unit switch
    {
        TimeUnit.Second => TimeSpan.TicksPerSecond,
        TimeUnit.Millisecond => TimeSpan.TicksPerMillisecond,
        TimeUnit.Microsecond => TimeSpan.TicksPerMicrosecond,
        _ => 0,
    };
}
