using System.Runtime.InteropServices;

namespace Ferry.Arrow;

/// <summary>A month-day-nano interval value: int32 months, int32 days, int64 nanoseconds (16 bytes).</summary>
/// <param name="Months">Elapsed months.</param>
/// <param name="Days">Elapsed days.</param>
/// <param name="Nanoseconds">Elapsed nanoseconds.</param>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct IntervalMonthDayNano(int Months, int Days, long Nanoseconds);
