using System.Runtime.InteropServices;

namespace Ferry.Arrow;

/// <summary>A day-time interval value: days and milliseconds, laid out as two little-endian int32.</summary>
/// <param name="Days">Elapsed days.</param>
/// <param name="Milliseconds">Elapsed milliseconds.</param>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct IntervalDayTime(int Days, int Milliseconds);
