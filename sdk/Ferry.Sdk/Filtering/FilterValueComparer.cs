using Ferry.Sdk.Records;

namespace Ferry.Sdk.Filtering;

/// <summary>
/// The comparison rules of the filter language. Every method answers <c>null</c> when the two sides cannot be
/// compared (different kinds, NaN, a null operand), which the evaluator turns into "unknown".
/// </summary>
/// <remarks>
/// Numbers compare by value across Integer, Float and Decimal (Integer against Float exactly; Decimal against
/// Float in double precision). Strings compare ordinally. Timestamps compare as instants, and a string compared
/// with a timestamp is read as ISO-8601. Bools order false before true; bytes order lexicographically. Arrays and
/// objects only test equality, structurally (items by these rules, nulls equal to nulls).
/// </remarks>
internal static class FilterValueComparer
{
    /// <summary>2^63 as a double: the first double above every long.</summary>
    private const double TwoPow63 = 9223372036854775808.0;

    /// <summary>The largest decimal as a double; any double beyond it is outside every decimal.</summary>
    private const double DecimalLimit = 7.9228162514264337593543950335e28;

    public static int? CompareLiteral(string field, FilterLiteral literal)
    {
        if (literal.Kind == MetadataKind.String)
        {
            return Sign(string.CompareOrdinal(field, literal.String));
        }

        if (literal.Kind == MetadataKind.Timestamp && FilterTimestamps.TryParse(field, dateOnly: false, out var instant))
        {
            return instant.CompareTo(literal.Instant);
        }

        return null;
    }

    public static int? CompareLiteral(MetadataValue field, FilterLiteral literal)
    {
        switch (field.Kind)
        {
            case MetadataKind.Null:
            case MetadataKind.Array:
            case MetadataKind.Object:
                return null;
            case MetadataKind.String:
                return CompareLiteral(field.AsString(), literal);
            case MetadataKind.Timestamp:
                return literal.HasInstant ? field.AsTimestamp().CompareTo(literal.Instant) : null;
            default:
                return Compare(field, literal.Value);
        }
    }

    public static bool? EqualsLiteral(string field, FilterLiteral literal)
    {
        if (literal.Kind == MetadataKind.String)
        {
            return string.Equals(field, literal.String, StringComparison.Ordinal);
        }

        return CompareLiteral(field, literal) is { } order ? order == 0 : null;
    }

    public static bool? EqualsLiteral(MetadataValue field, FilterLiteral literal)
    {
        switch (field.Kind)
        {
            case MetadataKind.String:
                return EqualsLiteral(field.AsString(), literal);
            case MetadataKind.Array:
            case MetadataKind.Object:
                return field.Kind == literal.Kind ? StructurallyEqual(field, literal.Value) : null;
            default:
                return CompareLiteral(field, literal) is { } order ? order == 0 : null;
        }
    }

    /// <summary>Orders two scalar values, or null when they cannot be ordered.</summary>
    public static int? Compare(MetadataValue left, MetadataValue right)
    {
        var l = left.Kind;
        var r = right.Kind;
        if (IsNumeric(l) && IsNumeric(r))
        {
            return CompareNumbers(left, right);
        }

        switch (l)
        {
            case MetadataKind.String when r == MetadataKind.String:
                return Sign(string.CompareOrdinal(left.AsString(), right.AsString()));
            case MetadataKind.Timestamp when r == MetadataKind.Timestamp:
                return left.AsTimestamp().CompareTo(right.AsTimestamp());
            case MetadataKind.Timestamp when r == MetadataKind.String:
                return FilterTimestamps.TryParse(right.AsString(), dateOnly: false, out var rightInstant) ? left.AsTimestamp().CompareTo(rightInstant) : null;
            case MetadataKind.String when r == MetadataKind.Timestamp:
                return FilterTimestamps.TryParse(left.AsString(), dateOnly: false, out var leftInstant) ? leftInstant.CompareTo(right.AsTimestamp()) : null;
            case MetadataKind.Bool when r == MetadataKind.Bool:
                return left.AsBool().CompareTo(right.AsBool());
            case MetadataKind.Bytes when r == MetadataKind.Bytes:
                return Sign(left.AsBytes().Span.SequenceCompareTo(right.AsBytes().Span));
            default:
                return null;
        }
    }

    /// <summary>Equality inside arrays and objects: like <see cref="Compare"/> == 0, plus null equals null and nested structures recurse.</summary>
    private static bool ItemsEqual(MetadataValue left, MetadataValue right)
    {
        if (left.IsNull || right.IsNull)
        {
            return left.IsNull && right.IsNull;
        }

        if (left.Kind is MetadataKind.Array or MetadataKind.Object || right.Kind is MetadataKind.Array or MetadataKind.Object)
        {
            return left.Kind == right.Kind && StructurallyEqual(left, right);
        }

        return Compare(left, right) == 0;
    }

    private static bool StructurallyEqual(MetadataValue left, MetadataValue right)
    {
        if (left.Kind == MetadataKind.Array)
        {
            var a = left.AsArray();
            var b = right.AsArray();
            if (a.Count != b.Count)
            {
                return false;
            }

            for (var i = 0; i < a.Count; i++)
            {
                if (!ItemsEqual(a[i], b[i]))
                {
                    return false;
                }
            }

            return true;
        }

        var x = left.AsObject();
        var y = right.AsObject();
        if (x.Count != y.Count)
        {
            return false;
        }

        foreach (var (key, value) in x)
        {
            if (!y.TryGetValue(key, out var other) || !ItemsEqual(value, other))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNumeric(MetadataKind kind) => kind is MetadataKind.Integer or MetadataKind.Float or MetadataKind.Decimal;

    private static int? CompareNumbers(MetadataValue left, MetadataValue right)
    {
        switch (left.Kind, right.Kind)
        {
            case (MetadataKind.Integer, MetadataKind.Integer):
                return left.AsInteger().CompareTo(right.AsInteger());
            case (MetadataKind.Integer, MetadataKind.Float):
                return CompareLongDouble(left.AsInteger(), right.AsFloat());
            case (MetadataKind.Float, MetadataKind.Integer):
                return -CompareLongDouble(right.AsInteger(), left.AsFloat());
            case (MetadataKind.Float, MetadataKind.Float):
                return CompareDoubles(left.AsFloat(), right.AsFloat());
            case (MetadataKind.Decimal, MetadataKind.Decimal):
                return decimal.Compare(left.AsDecimal(), right.AsDecimal());
            case (MetadataKind.Integer, MetadataKind.Decimal):
                return decimal.Compare(left.AsInteger(), right.AsDecimal());
            case (MetadataKind.Decimal, MetadataKind.Integer):
                return decimal.Compare(left.AsDecimal(), right.AsInteger());
            case (MetadataKind.Decimal, MetadataKind.Float):
                return CompareDecimalDouble(left.AsDecimal(), right.AsFloat());
            case (MetadataKind.Float, MetadataKind.Decimal):
                return -CompareDecimalDouble(right.AsDecimal(), left.AsFloat());
            default:
                return null;
        }
    }

    private static int? CompareDoubles(double left, double right)
    {
        if (left < right)
        {
            return -1;
        }

        if (left > right)
        {
            return 1;
        }

        // Equal (including -0 against +0), or unordered because one side is NaN.
        return left == right ? 0 : null;
    }

    /// <summary>Exact: a long does not fit a double's 53-bit mantissa, so compare integral parts as longs, then the fraction.</summary>
    private static int? CompareLongDouble(long left, double right)
    {
        if (double.IsNaN(right))
        {
            return null;
        }

        if (right >= TwoPow63)
        {
            return -1;
        }

        if (right < -TwoPow63)
        {
            return 1;
        }

        var integral = Math.Truncate(right);
        var order = left.CompareTo((long)integral);
        if (order != 0)
        {
            return order;
        }

        var fraction = right - integral;
        return fraction > 0 ? -1 : fraction < 0 ? 1 : 0;
    }

    private static int? CompareDecimalDouble(decimal left, double right)
    {
        if (double.IsNaN(right))
        {
            return null;
        }

        if (right >= DecimalLimit)
        {
            return -1;
        }

        if (right <= -DecimalLimit)
        {
            return 1;
        }

        return CompareDoubles((double)left, right);
    }

    private static int Sign(int order) => order < 0 ? -1 : order > 0 ? 1 : 0;
}
