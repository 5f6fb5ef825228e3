using System.Globalization;
using System.Numerics;

namespace Ferry.Text.Tests.Numbers;

/// <summary>Exact decimal spellings of binary values and of midpoints between them, from BigInteger arithmetic.</summary>
internal static class ExactDecimal
{
    /// <summary>
    /// Writes N × 2^e exactly as "digits" + "e" + exponent, then nudges it by <paramref name="nudge"/> units in
    /// a decimal place far below every significant digit (-1: just below, 0: exact, +1: just above).
    /// </summary>
    public static string Of(BigInteger n, int binaryExponent, int nudge = 0)
    {
        BigInteger digits;
        int decimalExponent;
        if (binaryExponent >= 0)
        {
            digits = n << binaryExponent;
            decimalExponent = 0;
        }
        else
        {
            digits = n * BigInteger.Pow(5, -binaryExponent); // n / 2^k = n·5^k / 10^k
            decimalExponent = binaryExponent;
        }

        if (nudge != 0)
        {
            // Ten extra decimal places: far below half an ulp of any binary64 neighbour.
            digits = (digits * BigInteger.Pow(10, 10)) + nudge;
            decimalExponent -= 10;
        }

        return digits.ToString(CultureInfo.InvariantCulture) + "e" + decimalExponent.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Mantissa and exponent of a finite positive float: value = M × 2^E.</summary>
    public static (BigInteger Mantissa, int Exponent) Decompose(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        int biased = (int)((bits >> 23) & 0xFF);
        uint fraction = bits & 0x7F_FFFF;
        return biased == 0 ? (fraction, -149) : (fraction | 0x80_0000, biased - 150);
    }

    /// <summary>Mantissa and exponent of a finite positive double: value = M × 2^E.</summary>
    public static (BigInteger Mantissa, int Exponent) Decompose(double value)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(value);
        int biased = (int)((bits >> 52) & 0x7FF);
        ulong fraction = bits & 0x000F_FFFF_FFFF_FFFF;
        return biased == 0 ? (fraction, -1074) : (fraction | 0x0010_0000_0000_0000, biased - 1075);
    }
}
