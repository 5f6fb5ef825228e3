using System.Globalization;

namespace Ferry.Sdk.Records;

/// <summary>
/// The text forms of metadata scalars that Ferry's text formats share (CSV cells, XML, YAML and the JSON encodings of
/// <see cref="MetadataJson"/>): each keeps the value's kind and every bit of it. Floats are the shortest round-trip
/// decimal and always show a fraction or an exponent (<c>1.0</c>, never <c>1</c>, so they read back as floats, not
/// integers), or the raw IEEE bits in hex where decimal text cannot carry them (a NaN's payload); decimals keep their
/// scale and the sign of a negative zero; timestamps are ISO 8601 in the round-trip form, with 100 ns ticks and the
/// UTC offset. All forms use the invariant culture.
/// </summary>
public static class MetadataText
{
    /// <summary>The most UTF-8 bytes <see cref="TryFormatFloat"/> writes.</summary>
    public const int MaxFloatLength = 32;

    /// <summary>
    /// The shortest text that parses back to exactly <paramref name="value"/>, with a <c>.</c> or an exponent
    /// (<c>0.1</c>, <c>1.0</c>, <c>-0.0</c>, <c>1E+300</c>); <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c> for
    /// the non-finite values (which lose a NaN's payload: use <see cref="FormatFloatBits"/> for those).
    /// </summary>
    public static string FormatFloat(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return !double.IsFinite(value) || text.AsSpan().IndexOfAny('.', 'E', 'e') >= 0 ? text : text + ".0";
    }

    /// <summary>Writes <see cref="FormatFloat"/> of a finite or non-finite double as UTF-8.</summary>
    /// <param name="value">The value.</param>
    /// <param name="destination">At least <see cref="MaxFloatLength"/> bytes guarantees success.</param>
    /// <param name="bytesWritten">The bytes written; 0 when the method returns false.</param>
    /// <returns>False when <paramref name="destination"/> is too small.</returns>
    public static bool TryFormatFloat(double value, Span<byte> destination, out int bytesWritten)
    {
        if (!value.TryFormat(destination, out bytesWritten, "R", CultureInfo.InvariantCulture))
        {
            bytesWritten = 0;
            return false;
        }

        if (double.IsFinite(value) && destination[..bytesWritten].IndexOfAny((byte)'.', (byte)'E', (byte)'e') < 0)
        {
            if (bytesWritten + 2 > destination.Length)
            {
                bytesWritten = 0;
                return false;
            }

            destination[bytesWritten++] = (byte)'.';
            destination[bytesWritten++] = (byte)'0';
        }

        return true;
    }

    /// <summary>The raw IEEE 754 bits of a double: <c>0x</c> and 16 upper-case hex digits (<c>0x7FF8000000000001</c>).</summary>
    public static string FormatFloatBits(double value) =>
        "0x" + BitConverter.DoubleToInt64Bits(value).ToString("X16", CultureInfo.InvariantCulture);

    /// <summary>Parses <see cref="FormatFloatBits"/>: <c>0x</c> (or <c>0X</c>) and exactly 16 hex digits.</summary>
    public static bool TryParseFloatBits(ReadOnlySpan<char> text, out double value)
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

    /// <summary>
    /// Parses decimal text (with an optional exponent) as the nearest double, and the spellings of the non-finite
    /// values other tools write: <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c> and YAML's <c>.nan</c>, <c>.inf</c>,
    /// <c>-.inf</c> (with their capitalised forms), <c>inf</c>, <c>-inf</c>.
    /// </summary>
    public static bool TryParseFloat(ReadOnlySpan<char> text, out double value)
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

    /// <summary>A decimal with its scale (<c>12.3400</c>) and the sign of a negative zero (<c>-0.00</c>), which <see cref="decimal.ToString()"/> drops.</summary>
    public static string FormatDecimal(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        return value == 0m && decimal.IsNegative(value) && !text.StartsWith('-') ? "-" + text : text;
    }

    /// <summary>Parses decimal text (an exponent allowed) keeping its scale and the sign of a negative zero.</summary>
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

    /// <summary>The ISO 8601 round-trip form (<c>"O"</c>): 100 ns ticks and the UTC offset (<c>2024-05-01T10:00:00.1234567+02:00</c>).</summary>
    public static string FormatTimestamp(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses a timestamp: the round-trip form first, then any ISO 8601 form with an offset or <c>Z</c> (no offset
    /// means UTC; surrounding white space is allowed).
    /// </summary>
    public static bool TryParseTimestamp(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        if (DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out value);
    }

    /// <summary>
    /// Whether <paramref name="text"/> has exactly the ISO 8601 shape that JSON readers take for a timestamp (the JSON
    /// Lines connector with <c>timestamps=auto</c>): <c>YYYY-MM-DDTHH:MM:SS</c>, an optional fraction, then <c>Z</c>
    /// or <c>±HH:MM</c>. Only the shape is checked (a month 13 passes); the value is checked when it is parsed.
    /// Writers of such JSON tag a string of this shape so that it reads back as a string.
    /// </summary>
    public static bool LooksLikeTimestamp(ReadOnlySpan<char> text)
    {
        if (text.Length < 20 || text.Length > 40)
        {
            return false;
        }

        if (!Digits(text, 0, 4) || text[4] != '-' || !Digits(text, 5, 2) || text[7] != '-' || !Digits(text, 8, 2)
            || text[10] != 'T' || !Digits(text, 11, 2) || text[13] != ':' || !Digits(text, 14, 2) || text[16] != ':' || !Digits(text, 17, 2))
        {
            return false;
        }

        var i = 19;
        if (text[i] == '.')
        {
            var start = ++i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        if (i == text.Length - 1)
        {
            return text[i] == 'Z';
        }

        return i == text.Length - 6 && (text[i] == '+' || text[i] == '-') && Digits(text, i + 1, 2) && text[i + 3] == ':' && Digits(text, i + 4, 2);
    }

    private static bool Digits(ReadOnlySpan<char> text, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
