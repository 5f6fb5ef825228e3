using System.Globalization;

namespace Ferry.Plugins.Files.Typing;

/// <summary>
/// Text forms of floating-point values that keep the float kind and every bit: the shortest round-trip decimal,
/// always with a fraction or exponent (<c>1.0</c>, never <c>1</c>, so it reads back as a float and not an integer),
/// and the raw IEEE bits in hex for what decimal text cannot carry (NaN payloads).
/// </summary>
internal static class FloatText
{
    /// <summary>The shortest round-trip text of a finite double with a <c>.</c> or exponent (<c>-0.0</c>, <c>1.0</c>, <c>1E+300</c>).</summary>
    public static string Format(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny('.', 'E', 'e') >= 0 || !double.IsFinite(value) ? text : text + ".0";
    }

    /// <summary>Writes <see cref="Format(double)"/> into a UTF-8 span; returns the bytes written.</summary>
    public static int Format(double value, Span<byte> destination)
    {
        if (!value.TryFormat(destination, out var written, "R", CultureInfo.InvariantCulture))
        {
            throw new ArgumentException("The destination is too small for a double.", nameof(destination));
        }

        if (destination[..written].IndexOfAny((byte)'.', (byte)'E', (byte)'e') < 0)
        {
            destination[written++] = (byte)'.';
            destination[written++] = (byte)'0';
        }

        return written;
    }

    /// <summary>The raw bits of a double as <c>0x</c> and 16 upper-case hex digits.</summary>
    public static string Bits(double value) => "0x" + BitConverter.DoubleToInt64Bits(value).ToString("X16", CultureInfo.InvariantCulture);

    /// <summary>Parses <see cref="Bits(double)"/>.</summary>
    public static bool TryParseBits(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        if (text.Length != 18 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X')
            || !long.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bits))
        {
            return false;
        }

        value = BitConverter.Int64BitsToDouble(bits);
        return true;
    }

    /// <summary>Whether a double needs its raw bits to survive as text (NaN, infinities).</summary>
    public static bool NeedsBits(double value) => !double.IsFinite(value);

    /// <summary>Parses a decimal number text as a double, exactly rounded; also NaN, Infinity, -Infinity, .nan, .inf.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        switch (text)
        {
            case "NaN" or ".nan" or ".NaN" or ".NAN":
                value = double.NaN;
                return true;
            case "Infinity" or "+Infinity" or ".inf" or "+.inf" or ".Inf" or ".INF" or "inf":
                value = double.PositiveInfinity;
                return true;
            case "-Infinity" or "-.inf" or "-.Inf" or "-.INF" or "-inf":
                value = double.NegativeInfinity;
                return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Formats a decimal keeping its scale and the sign of a negative zero.</summary>
    public static string FormatDecimal(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        return value == 0m && decimal.IsNegative(value) && !text.StartsWith('-') ? "-" + text : text;
    }

    /// <summary>Parses a decimal keeping its scale and the sign of a negative zero.</summary>
    public static bool TryParseDecimal(ReadOnlySpan<char> text, out decimal value)
    {
        if (!decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        if (value == 0m && text.TrimStart().StartsWith('-') && !decimal.IsNegative(value))
        {
            value = -value;
            if (!decimal.IsNegative(value))
            {
                // decimal.Negate of a zero flips the sign bit; this branch only guards against a runtime that does not.
                var bits = decimal.GetBits(value);
                bits[3] |= unchecked((int)0x80000000);
                value = new decimal(bits);
            }
        }

        return true;
    }

    /// <summary>The round-trip ("O") text of a timestamp: 100 ns ticks and the UTC offset.</summary>
    public static string FormatTimestamp(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Parses a timestamp: the round-trip form first, then any ISO 8601 form with an offset or Z (no offset means UTC).</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        if (DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out value);
    }
}
