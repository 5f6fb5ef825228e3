using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Ferry.Plugins.Mapping.Internal.Operations;

/// <summary>The exact value of a number literal as mantissa × 10^exponent, to prove conversions lose nothing.</summary>
internal static partial class ExactNumber
{
    /// <summary>Digits with an optional sign, fraction and exponent; no spaces, no thousands separators, no leading '.'.</summary>
    public static bool IsNumber(string text) => Syntax().IsMatch(text);

    public static bool IsIntegerSyntax(string text) => text.AsSpan().IndexOfAny('.', 'e', 'E') < 0;

    public static (BigInteger Mantissa, int Exponent) Parse(string text)
    {
        var exponent = 0;
        var e = text.AsSpan().IndexOfAny('e', 'E');
        var number = text;
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            number = text[..e];
        }

        var dot = number.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            exponent -= number.Length - dot - 1;
            number = number.Remove(dot, 1);
        }

        return (BigInteger.Parse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), exponent);
    }

    /// <summary>Whether the double holds exactly the value of the literal.</summary>
    public static bool Equals(string text, double value)
    {
        if (!double.IsFinite(value))
        {
            return false;
        }

        var (mantissa, exponent) = Parse(text);
        if (value == Math.Floor(value))
        {
            return Same(mantissa, exponent, new BigInteger(value), 0);
        }

        // A non-integral double is m / 2^k exactly; compare mantissa * 10^exponent * 2^k with m.
        var bits = BitConverter.DoubleToInt64Bits(value);
        var rawExponent = (int)((bits >> 52) & 0x7FF);
        var fraction = bits & 0xFFFFFFFFFFFFFL;
        var m = rawExponent == 0 ? fraction : fraction | (1L << 52);
        var twoPower = 1075 - (rawExponent == 0 ? 1 : rawExponent);
        var signed = value < 0 ? -m : m;
        var left = mantissa * BigInteger.Pow(2, twoPower);
        return Same(left, exponent, signed, 0);
    }

    /// <summary>Whether the decimal holds exactly the value of the literal.</summary>
    public static bool Equals(string text, decimal value)
    {
        var (mantissa, exponent) = Parse(text);
        var bits = decimal.GetBits(value);
        var unscaled = (new BigInteger((uint)bits[2]) << 64) | (new BigInteger((uint)bits[1]) << 32) | new BigInteger((uint)bits[0]);
        if (bits[3] < 0)
        {
            unscaled = -unscaled;
        }

        var scale = (bits[3] >> 16) & 0xFF;
        return Same(mantissa, exponent, unscaled, -scale);
    }

    /// <summary>a × 10^x == b × 10^y.</summary>
    private static bool Same(BigInteger a, int x, BigInteger b, int y)
    {
        if (x >= y)
        {
            return a * BigInteger.Pow(10, x - y) == b;
        }

        return a == b * BigInteger.Pow(10, y - x);
    }

    [GeneratedRegex(@"^[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();
}
