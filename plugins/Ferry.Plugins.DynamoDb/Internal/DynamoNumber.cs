using System.Globalization;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.DynamoDb.Internal;

/// <summary>
/// DynamoDB numbers (N: up to 38 significant decimal digits, exponent -130 to +125, sent and returned as text) and
/// Ferry's metadata kinds. The source types a number by its value, never by how it is printed:
/// <list type="number">
/// <item>an integer that fits 64 bits is an Integer;</item>
/// <item>otherwise, with <c>numbers=auto</c>, a number that is exactly the shortest decimal of some double is a Float
/// (this is how floats written by any program look), else a Decimal when System.Decimal holds it exactly; with
/// <c>numbers=decimal</c> the Decimal is tried first (integers beyond 64 bits are Decimals in both modes);</item>
/// <item>a number neither holds exactly (e.g. 38 significant digits) is kept as its text in a String and marked
/// <c>N</c> in <c>_dynamodb_types</c>, so that writing it back restores the number.</item>
/// </list>
/// </summary>
internal static class DynamoNumber
{
    /// <summary>The largest magnitude DynamoDB stores.</summary>
    private const int MaxExponent = 125;

    /// <summary>The smallest non-zero magnitude DynamoDB stores is 1E-130.</summary>
    private const int MinExponent = -130;

    private const int MaxDigits = 38;

    /// <summary>Types a DynamoDB number; <c>null</c> when neither a long, a double nor a decimal holds it exactly.</summary>
    public static MetadataValue? Classify(string text, NumberMode mode)
    {
        if (!Canonical.TryParse(text, out var canonical))
        {
            throw new FormatException($"'{text}' is not a DynamoDB number");
        }

        if (canonical.IsZero)
        {
            return MetadataValue.FromInteger(0);
        }

        if (canonical.IsIntegral && canonical.Digits.Length + canonical.Exponent <= 19
            && long.TryParse((canonical.Negative ? "-" : string.Empty) + canonical.Digits + new string('0', canonical.Exponent), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return MetadataValue.FromInteger(integer);
        }

        if (canonical.IsIntegral || mode == NumberMode.Decimal)
        {
            return AsDecimal(text, canonical) ?? AsDouble(text, canonical);
        }

        return AsDouble(text, canonical) ?? AsDecimal(text, canonical);
    }

    /// <summary>The N text of a finite double that DynamoDB can store (shortest round-trip form), or <c>null</c> when it cannot (-0, out of range).</summary>
    public static string? Format(double value)
    {
        if (!double.IsFinite(value) || (value == 0 && double.IsNegative(value)))
        {
            return null;
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return InRange(text) ? text : null;
    }

    /// <summary>Whether DynamoDB stores this number text (digits and exponent within its limits).</summary>
    public static bool InRange(string text) =>
        Canonical.TryParse(text, out var canonical)
        && (canonical.IsZero || (canonical.Digits.Length <= MaxDigits && canonical.Magnitude is >= MinExponent and <= MaxExponent));

    private static MetadataValue? AsDouble(string text, Canonical canonical)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            return null;
        }

        return canonical.Equals(Canonical.Of(value.ToString("R", CultureInfo.InvariantCulture))) ? MetadataValue.FromFloat(value) : null;
    }

    private static MetadataValue? AsDecimal(string text, Canonical canonical)
    {
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        // decimal.TryParse rounds beyond 28-29 digits: exact only when the digits agree.
        return canonical.Equals(Canonical.Of(value.ToString(CultureInfo.InvariantCulture))) ? MetadataValue.FromDecimal(value) : null;
    }

    /// <summary>A number as sign, significant digits (no leading or trailing zeros) and the power of ten of the last digit.</summary>
    internal readonly record struct Canonical(bool Negative, string Digits, int Exponent)
    {
        public bool IsZero => Digits.Length == 0;

        public bool IsIntegral => Exponent >= 0;

        /// <summary>The power of ten of the leading digit (1.5 → 0, 150 → 2, 0.015 → -2).</summary>
        public int Magnitude => Exponent + Digits.Length - 1;

        /// <summary>Digits after the decimal point.</summary>
        public int Scale => Math.Max(0, -Exponent);

        public static Canonical Of(string text) => TryParse(text, out var canonical) ? canonical : throw new FormatException($"'{text}' is not a number");

        public static bool TryParse(string text, out Canonical canonical)
        {
            canonical = default;
            var span = text.AsSpan().Trim();
            var negative = false;
            if (span.Length > 0 && (span[0] == '-' || span[0] == '+'))
            {
                negative = span[0] == '-';
                span = span[1..];
            }

            var exponent = 0;
            var e = span.IndexOfAny('e', 'E');
            if (e >= 0)
            {
                if (!int.TryParse(span[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
                {
                    return false;
                }

                span = span[..e];
            }

            Span<char> digits = stackalloc char[span.Length];
            var count = 0;
            var seenPoint = false;
            var seenDigit = false;
            foreach (var c in span)
            {
                if (c == '.' && !seenPoint)
                {
                    seenPoint = true;
                }
                else if (c is >= '0' and <= '9')
                {
                    seenDigit = true;
                    if (count > 0 || c != '0')
                    {
                        digits[count++] = c;
                    }

                    if (seenPoint)
                    {
                        exponent--;
                    }
                }
                else
                {
                    return false;
                }
            }

            if (!seenDigit)
            {
                return false;
            }

            var trimmed = digits[..count];
            while (trimmed.Length > 0 && trimmed[^1] == '0')
            {
                trimmed = trimmed[..^1];
                exponent++;
            }

            canonical = trimmed.Length == 0 ? new Canonical(false, string.Empty, 0) : new Canonical(negative, trimmed.ToString(), exponent);
            return true;
        }
    }
}
