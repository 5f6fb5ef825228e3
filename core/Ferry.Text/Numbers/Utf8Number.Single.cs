using System.Globalization;
using System.Runtime.CompilerServices;

namespace Ferry.Text.Numbers;

public static partial class Utf8Number
{
    // 10^-10 … 10^10 are exact in binary32 (5^10 < 2^24), so w·10^q with w ≤ 2^24 rounds once (Clinger).
    private const int SingleExactPowerLimit = 10;
    private const ulong SingleExactMantissaLimit = 1UL << 24;

    // Beyond these exponents a ≤19-digit mantissa is certainly 0 (below half the smallest subnormal)
    // or certainly infinite (above float.MaxValue plus half an ulp).
    private const int SingleZeroExponent = -66;
    private const int SingleInfinityExponent = 39;

    /// <summary>
    /// Parses the number at the start of <paramref name="utf8"/> to the nearest <see cref="float"/> (ties to even).
    /// </summary>
    /// <param name="utf8">UTF-8 text starting with the number; anything after the number is ignored.</param>
    /// <param name="value">The parsed value; values beyond the float range become infinity, tiny ones zero.</param>
    /// <param name="bytesConsumed">Bytes that made up the number; 0 when the method returns false.</param>
    /// <returns>False when <paramref name="utf8"/> does not start with a number or special literal.</returns>
    public static bool TryParseSingle(ReadOnlySpan<byte> utf8, out float value, out int bytesConsumed)
    {
        int consumed = DecimalScanner.Scan(utf8, out ParsedDecimal number);
        if (consumed == 0)
        {
            value = 0;
            bytesConsumed = 0;
            return false;
        }

        bytesConsumed = consumed;
        value = ToSingle(in number, utf8[..consumed]);
        return true;
    }

    /// <summary>Converts a scanned literal to binary32; <paramref name="text"/> is the literal, for the fallback.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float ToSingle(in ParsedDecimal number, ReadOnlySpan<byte> text)
    {
        if (number.Kind != DecimalKind.Finite)
        {
            return number.Kind == DecimalKind.NaN ? float.NaN
                : number.Negative ? float.NegativeInfinity : float.PositiveInfinity;
        }

        ulong w = number.Mantissa;
        int q = number.Exponent;
        if (w <= SingleExactMantissaLimit && !number.Truncated
            && (uint)(q + SingleExactPowerLimit) <= 2 * SingleExactPowerLimit)
        {
            float exact = w;
            exact = q < 0 ? exact / SingleExactPowers[-q] : exact * SingleExactPowers[q];
            return number.Negative ? -exact : exact;
        }

        if (w == 0 || q <= SingleZeroExponent)
        {
            return number.Negative ? -0f : 0f;
        }

        if (q >= SingleInfinityExponent)
        {
            return number.Negative ? float.NegativeInfinity : float.PositiveInfinity;
        }

        if (EiselLemire.TryComputeSingle(w, q, out uint bits)
            && (!number.Truncated || (EiselLemire.TryComputeSingle(w + 1, q, out uint upper) && upper == bits)))
        {
            float result = BitConverter.UInt32BitsToSingle(bits);
            return number.Negative ? -result : result;
        }

        return ParseSingleSlow(text);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float ParseSingleSlow(ReadOnlySpan<byte> text)
    {
        // The runtime's parser is correctly rounded to binary32 directly (IEEE 754-2008 compliant since .NET Core 3.0).
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
        {
            throw new InvalidOperationException(
                $"The runtime rejected a literal the scanner accepted: '{System.Text.Encoding.UTF8.GetString(text)}'.");
        }

        return value;
    }

    private static ReadOnlySpan<float> SingleExactPowers =>
    [
        1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f,
    ];
}
