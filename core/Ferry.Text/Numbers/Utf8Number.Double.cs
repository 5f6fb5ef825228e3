using System.Globalization;
using System.Runtime.CompilerServices;

namespace Ferry.Text.Numbers;

public static partial class Utf8Number
{
    // 10^0 … 10^22 are exact in binary64 (5^22 < 2^53).
    private const int DoubleExactPowerLimit = 22;
    private const ulong DoubleExactMantissaLimit = 1UL << 53;
    private const int DoubleZeroExponent = PowersOfTen.MinExponent - 1;
    private const int DoubleInfinityExponent = PowersOfTen.MaxExponent + 1;

    /// <summary>
    /// Parses the number at the start of <paramref name="utf8"/> to the nearest <see cref="double"/> (ties to even).
    /// </summary>
    /// <param name="utf8">UTF-8 text starting with the number; anything after the number is ignored.</param>
    /// <param name="value">The parsed value; values beyond the double range become infinity, tiny ones zero.</param>
    /// <param name="bytesConsumed">Bytes that made up the number; 0 when the method returns false.</param>
    /// <returns>False when <paramref name="utf8"/> does not start with a number or special literal.</returns>
    public static bool TryParseDouble(ReadOnlySpan<byte> utf8, out double value, out int bytesConsumed)
    {
        int consumed = DecimalScanner.Scan(utf8, out ParsedDecimal number);
        if (consumed == 0)
        {
            value = 0;
            bytesConsumed = 0;
            return false;
        }

        bytesConsumed = consumed;
        value = ToDouble(in number, utf8[..consumed]);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double ToDouble(in ParsedDecimal number, ReadOnlySpan<byte> text)
    {
        if (number.Kind != DecimalKind.Finite)
        {
            return number.Kind == DecimalKind.NaN ? double.NaN
                : number.Negative ? double.NegativeInfinity : double.PositiveInfinity;
        }

        ulong w = number.Mantissa;
        int q = number.Exponent;
        if (w <= DoubleExactMantissaLimit && !number.Truncated
            && (uint)(q + DoubleExactPowerLimit) <= 2 * DoubleExactPowerLimit)
        {
            double exact = w;
            exact = q < 0 ? exact / DoubleExactPowers[-q] : exact * DoubleExactPowers[q];
            return number.Negative ? -exact : exact;
        }

        if (w == 0 || q <= DoubleZeroExponent)
        {
            return number.Negative ? -0d : 0d;
        }

        if (q >= DoubleInfinityExponent)
        {
            return number.Negative ? double.NegativeInfinity : double.PositiveInfinity;
        }

        if (EiselLemire.TryComputeDouble(w, q, out ulong bits)
            && (!number.Truncated || (EiselLemire.TryComputeDouble(w + 1, q, out ulong upper) && upper == bits)))
        {
            double result = BitConverter.UInt64BitsToDouble(bits);
            return number.Negative ? -result : result;
        }

        return ParseDoubleSlow(text);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double ParseDoubleSlow(ReadOnlySpan<byte> text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw new InvalidOperationException(
                $"The runtime rejected a literal the scanner accepted: '{System.Text.Encoding.UTF8.GetString(text)}'.");
        }

        return value;
    }

    private static ReadOnlySpan<double> DoubleExactPowers =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
}
