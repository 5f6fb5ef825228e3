using System.Globalization;
using System.Text;
using Ferry.Sdk.Records;

namespace Ferry.Sdk.Filtering;

/// <summary>
/// Renders filter trees, fields and values as canonical filter text: upper-case keywords, single spaces,
/// field on the left, parentheses only where the tree needs them (and around an AND inside an OR, for the
/// reader). For every well-formed tree (AND/OR with at least two operands) <c>FilterParser.Parse(Format(f))</c>
/// equals <c>f</c>; <see cref="FilterExpression.ToString"/> uses this formatter.
/// </summary>
public static class FilterFormatter
{
    /// <summary>Renders a filter as text that <see cref="FilterParser.Parse"/> reads back to an equal tree.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="filter"/> is <c>null</c>.</exception>
    /// <exception cref="ArgumentException">An AND or OR has no operands, or a node type is not one of the SDK's.</exception>
    public static string Format(FilterExpression filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var builder = new StringBuilder();
        if (!TryAppend(builder, filter, out var error))
        {
            throw new ArgumentException(error, nameof(filter));
        }

        return builder.ToString();
    }

    /// <summary>Renders a field path: plain identifiers as they are, other segments double-quoted (<c>"my field".x</c>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="field"/> is <c>null</c>.</exception>
    public static string FormatField(FieldReference field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var builder = new StringBuilder();
        AppendField(builder, field);
        return builder.ToString();
    }

    /// <summary>Renders a value as a literal of the filter language (e.g. <c>'it''s'</c>, <c>1.0</c>, <c>TIMESTAMP '…'</c>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <c>null</c>.</exception>
    public static string FormatValue(MetadataValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder();
        AppendValue(builder, value);
        return builder.ToString();
    }

    /// <summary>The non-throwing form behind <see cref="FilterExpression.ToString"/>.</summary>
    internal static string FormatForDisplay(FilterExpression filter)
    {
        var builder = new StringBuilder();
        return TryAppend(builder, filter, out var error) ? builder.ToString() : $"<{error}>";
    }

    private static bool TryAppend(StringBuilder builder, FilterExpression filter, out string? error)
    {
        error = null;
        switch (filter)
        {
            case ComparisonFilter comparison:
                AppendField(builder, comparison.Field);
                builder.Append(' ').Append(OperatorText(comparison.Operator)).Append(' ');
                AppendValue(builder, comparison.Value);
                return true;
            case InFilter inFilter:
                AppendField(builder, inFilter.Field);
                builder.Append(inFilter.Negated ? " NOT IN (" : " IN (");
                for (var i = 0; i < inFilter.Values.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    AppendValue(builder, inFilter.Values[i]);
                }

                builder.Append(')');
                return true;
            case NullFilter nullFilter:
                AppendField(builder, nullFilter.Field);
                builder.Append(nullFilter.Negated ? " IS NOT NULL" : " IS NULL");
                return true;
            case LikeFilter like:
                AppendField(builder, like.Field);
                builder.Append(like.Negated ? " NOT LIKE " : " LIKE ");
                AppendString(builder, like.Pattern, '\'');
                return true;
            case ContainsFilter contains:
                AppendField(builder, contains.Field);
                builder.Append(" CONTAINS ");
                AppendValue(builder, contains.Value);
                return true;
            case AndFilter and:
                return TryAppendJunction(builder, and.Operands, " AND ", "AND", out error);
            case OrFilter or:
                return TryAppendJunction(builder, or.Operands, " OR ", "OR", out error);
            case NotFilter not:
                builder.Append("NOT ");
                return TryAppendOperand(builder, not.Operand, out error);
            default:
                error = $"{filter.GetType().Name} is not a filter node of the filter language";
                return false;
        }
    }

    private static bool TryAppendJunction(StringBuilder builder, IReadOnlyList<FilterExpression> operands, string separator, string name, out string? error)
    {
        if (operands.Count == 0)
        {
            error = $"an {name} without operands has no text form";
            return false;
        }

        for (var i = 0; i < operands.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(separator);
            }

            if (!TryAppendOperand(builder, operands[i], out error))
            {
                return false;
            }
        }

        error = null;
        return true;
    }

    /// <summary>
    /// Writes an operand of AND, OR or NOT. A nested AND/OR is always parenthesised: inside NOT and AND the
    /// precedence needs it, inside OR it keeps an explicit nesting from being flattened on re-parse (and reads better).
    /// </summary>
    private static bool TryAppendOperand(StringBuilder builder, FilterExpression operand, out string? error)
    {
        if (operand is AndFilter { Operands.Count: > 1 } or OrFilter { Operands.Count: > 1 })
        {
            builder.Append('(');
            var ok = TryAppend(builder, operand, out error);
            builder.Append(')');
            return ok;
        }

        return TryAppend(builder, operand, out error);
    }

    private static string OperatorText(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.LessThan => "<",
        ComparisonOperator.LessThanOrEqual => "<=",
        ComparisonOperator.GreaterThan => ">",
        ComparisonOperator.GreaterThanOrEqual => ">=",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown comparison operator."),
    };

    private static void AppendField(StringBuilder builder, FieldReference field)
    {
        for (var i = 0; i < field.Path.Count; i++)
        {
            if (i > 0)
            {
                builder.Append('.');
            }

            var segment = field.Path[i];
            if (FilterSyntax.NeedsQuoting(segment))
            {
                AppendString(builder, segment, '"');
            }
            else
            {
                builder.Append(segment);
            }
        }
    }

    private static void AppendString(StringBuilder builder, string text, char quote)
    {
        builder.Append(quote);
        foreach (var c in text)
        {
            if (c == quote)
            {
                builder.Append(quote);
            }

            builder.Append(c);
        }

        builder.Append(quote);
    }

    private static void AppendValue(StringBuilder builder, MetadataValue value)
    {
        switch (value.Kind)
        {
            case MetadataKind.Null:
                builder.Append("NULL");
                break;
            case MetadataKind.Bool:
                builder.Append(value.AsBool() ? "TRUE" : "FALSE");
                break;
            case MetadataKind.Integer:
                builder.Append(value.AsInteger().ToString(CultureInfo.InvariantCulture));
                break;
            case MetadataKind.Float:
                AppendFloat(builder, value.AsFloat());
                break;
            case MetadataKind.Decimal:
                // Keeps the scale and the sign of a negative zero, so the literal reads back bit for bit.
                builder.Append("DECIMAL '").Append(MetadataText.FormatDecimal(value.AsDecimal())).Append('\'');
                break;
            case MetadataKind.String:
                AppendString(builder, value.AsString(), '\'');
                break;
            case MetadataKind.Timestamp:
                // "O" keeps every tick and the offset, so the literal reads back to an exactly equal value.
                builder.Append("TIMESTAMP '").Append(MetadataText.FormatTimestamp(value.AsTimestamp())).Append('\'');
                break;
            case MetadataKind.Bytes:
                builder.Append("X'").Append(Convert.ToHexString(value.AsBytes().Span)).Append('\'');
                break;
            case MetadataKind.Array:
                builder.Append('[');
                var items = value.AsArray();
                for (var i = 0; i < items.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    AppendValue(builder, items[i]);
                }

                builder.Append(']');
                break;
            case MetadataKind.Object:
                builder.Append('{');
                var first = true;
                foreach (var (key, item) in value.AsObject())
                {
                    if (!first)
                    {
                        builder.Append(", ");
                    }

                    first = false;
                    AppendString(builder, key, '\'');
                    builder.Append(": ");
                    AppendValue(builder, item);
                }

                builder.Append('}');
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value), value.Kind, "Unknown metadata kind.");
        }
    }

    /// <summary>The shortest text that reads back to the same double, always with a fraction or exponent so it reads back as a Float.</summary>
    private static void AppendFloat(StringBuilder builder, double number)
    {
        if (double.IsNaN(number))
        {
            builder.Append("FLOAT 'NaN'");
            return;
        }

        if (double.IsInfinity(number))
        {
            builder.Append(number > 0 ? "FLOAT 'Infinity'" : "FLOAT '-Infinity'");
            return;
        }

        builder.Append(MetadataText.FormatFloat(number));
    }
}
