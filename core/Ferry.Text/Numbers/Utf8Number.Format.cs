using System.Globalization;

namespace Ferry.Text.Numbers;

public static partial class Utf8Number
{
    /// <summary>
    /// Writes the shortest decimal text that parses back to exactly <paramref name="value"/>
    /// (for example <c>0.1</c>, <c>-1.5E-07</c>, <c>3.4028235E+38</c>), invariant culture.
    /// Non-finite values are written as <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c>.
    /// </summary>
    /// <param name="value">The value to write.</param>
    /// <param name="destination">At least <see cref="MaxSingleLength"/> bytes guarantees success.</param>
    /// <param name="bytesWritten">Bytes written; 0 when the method returns false.</param>
    /// <returns>False when <paramref name="destination"/> is too small.</returns>
    public static bool TryFormatSingle(float value, Span<byte> destination, out int bytesWritten) =>
        // Same text as float.TryFormat with the default format (also shortest round-trip), 2.3-2.7 times faster
        // in the array benchmark; see docs/performance.md, "Kernels and parsing".
        ShortestSingle.TryFormat(value, destination, out bytesWritten);

    /// <summary>
    /// Writes the shortest decimal text that parses back to exactly <paramref name="value"/>, invariant culture
    /// (the runtime's formatting, which is shortest round-trip since .NET Core 3.0).
    /// Non-finite values are written as <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c>.
    /// </summary>
    /// <param name="value">The value to write.</param>
    /// <param name="destination">At least <see cref="MaxDoubleLength"/> bytes guarantees success.</param>
    /// <param name="bytesWritten">Bytes written; 0 when the method returns false.</param>
    /// <returns>False when <paramref name="destination"/> is too small.</returns>
    public static bool TryFormatDouble(double value, Span<byte> destination, out int bytesWritten) =>
        value.TryFormat(destination, out bytesWritten, default, CultureInfo.InvariantCulture);
}
