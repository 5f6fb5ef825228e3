using System.Globalization;
using Ferry.Plugins.Postgres.Internal.Catalog;
using Ferry.Plugins.Postgres.Internal.Mapping;
using Ferry.Sdk.Filtering;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Postgres.Internal.Reading;

/// <summary>
/// Translates a Ferry filter into a parameterized SQL condition with the same answer, row for row, as
/// <see cref="FilterEvaluator"/>: both use SQL's three-valued logic, so each predicate is written to be NULL
/// exactly where the evaluator says "unknown" (an absent value, a literal of a kind the column cannot be compared
/// with, a NaN), TRUE or FALSE otherwise. Strings compare with the "C" collation (code point order, like the
/// evaluator's ordinal order outside the astral planes). A filter, or any part of it, that names something other
/// than a real column, or needs semantics SQL cannot reproduce exactly, is not translated at all
/// (<see cref="TryTranslate"/> returns <c>null</c>) and the host evaluates it instead.
/// </summary>
internal sealed class FilterTranslator
{
    /// <summary>2^53: integers up to this magnitude are exact as doubles.</summary>
    private const double ExactIntegerLimit = 9007199254740992.0;

    private readonly ReadPlan _plan;

    public FilterTranslator(ReadPlan plan)
    {
        _plan = plan;
    }

    private enum Semantic
    {
        Integer,
        Float,
        Numeric,
        String,
        Bool,
        Instant,
        Bytes,
        Array,
        Unsupported,
    }

    /// <summary>The SQL condition, or <c>null</c> when the filter cannot be pushed down exactly.</summary>
    public string? TryTranslate(FilterExpression filter, SqlParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var mark = parameters.Items.Count;
        var sql = Translate(filter, parameters);
        return sql is not null && parameters.Items.Count >= mark ? sql : null;
    }

    private string? Translate(FilterExpression filter, SqlParameters p)
    {
        switch (filter)
        {
            case AndFilter and:
                return Join(and.Operands, " AND ", p);
            case OrFilter or:
                return Join(or.Operands, " OR ", p);
            case NotFilter not:
                return Translate(not.Operand, p) is { } inner ? "(NOT " + inner + ")" : null;
            case NullFilter isNull:
                return TranslateNull(isNull);
            case ComparisonFilter comparison:
                return TranslateComparison(comparison, p);
            case InFilter inFilter:
                return TranslateIn(inFilter, p);
            case LikeFilter like:
                return TranslateLike(like, p);
            case ContainsFilter contains:
                return TranslateContains(contains, p);
            default:
                return null;
        }
    }

    private string? Join(IReadOnlyList<FilterExpression> operands, string separator, SqlParameters p)
    {
        var parts = new string[operands.Count];
        for (var i = 0; i < operands.Count; i++)
        {
            if (Translate(operands[i], p) is not { } part)
            {
                return null;
            }

            parts[i] = part;
        }

        return "(" + string.Join(separator, parts) + ")";
    }

    private string? TranslateNull(NullFilter filter)
    {
        if (Resolve(filter.Field) is not { } target)
        {
            return null;
        }

        if (target.Absent)
        {
            return filter.Negated ? "FALSE" : "TRUE";
        }

        return "(" + target.Raw + (filter.Negated ? " IS NOT NULL)" : " IS NULL)");
    }

    private string? TranslateComparison(ComparisonFilter filter, SqlParameters p)
    {
        if (Resolve(filter.Field) is not { } target)
        {
            return null;
        }

        var literal = filter.Value;
        if (target.Absent || literal.IsNull)
        {
            return "NULL::boolean";
        }

        var op = filter.Operator switch
        {
            ComparisonOperator.Equal => "=",
            ComparisonOperator.NotEqual => "<>",
            ComparisonOperator.LessThan => "<",
            ComparisonOperator.LessThanOrEqual => "<=",
            ComparisonOperator.GreaterThan => ">",
            _ => ">=",
        };
        switch (target.Semantic)
        {
            case Semantic.Integer:
            case Semantic.Numeric:
                if (target.Semantic == Semantic.Numeric && literal.Kind == MetadataKind.Float)
                {
                    // The evaluator compares Decimal with Float in double precision; so does numeric → float8.
                    return double.IsNaN(literal.AsFloat()) ? "NULL::boolean" : $"({target.Raw}::float8 {op} {p.AddValue(literal.AsFloat())})";
                }

                return NumericOperand(literal, p) is { } number
                    ? number.Length == 0 ? "NULL::boolean" : $"({target.Raw} {op} {number})"
                    : null;
            case Semantic.Float:
                return FloatOperand(literal, p) is { } value
                    ? value.Length == 0 ? "NULL::boolean" : $"(NULLIF({target.Raw}::float8, 'NaN'::float8) {op} {value})"
                    : null;
            case Semantic.String:
                if (literal.Kind == MetadataKind.Timestamp)
                {
                    return null; // the evaluator reads the column's strings as ISO-8601 here; SQL cannot do it the same way
                }

                return literal.Kind == MetadataKind.String
                    ? $"({target.Raw} COLLATE \"C\" {op} {p.AddValue(literal.AsString())})"
                    : "NULL::boolean";
            case Semantic.Bool:
                return literal.Kind == MetadataKind.Bool ? $"({target.Raw} {op} {p.AddValue(literal.AsBool())})" : "NULL::boolean";
            case Semantic.Instant:
                return InstantOperand(literal, p) is { } instant
                    ? instant.Length == 0 ? "NULL::boolean" : $"({target.Raw} {op} {instant})"
                    : null;
            case Semantic.Bytes:
                return literal.Kind == MetadataKind.Bytes ? $"({target.Raw} {op} {p.AddValue(literal.AsBytes().ToArray())})" : "NULL::boolean";
            default:
                return null;
        }
    }

    private string? TranslateIn(InFilter filter, SqlParameters p)
    {
        if (Resolve(filter.Field) is not { } target)
        {
            return null;
        }

        if (target.Absent)
        {
            return "NULL::boolean";
        }

        string? any;
        switch (target.Semantic)
        {
            case Semantic.Integer:
            case Semantic.Numeric:
                var numbers = new List<string>();
                foreach (var item in filter.Values)
                {
                    switch (item.Kind)
                    {
                        case MetadataKind.Integer:
                            numbers.Add(item.AsInteger().ToString(CultureInfo.InvariantCulture));
                            break;
                        case MetadataKind.Decimal:
                            numbers.Add(item.AsDecimal().ToString(CultureInfo.InvariantCulture));
                            break;
                        case MetadataKind.Float when target.Semantic == Semantic.Integer:
                            var d = item.AsFloat();
                            if (double.IsNaN(d))
                            {
                                break;
                            }

                            if (!double.IsFinite(d) || Math.Abs(d) >= ExactIntegerLimit)
                            {
                                return null;
                            }

                            numbers.Add(d.ToString("R", CultureInfo.InvariantCulture));
                            break;
                        case MetadataKind.Float:
                            return null; // numeric IN float: the evaluator's double-precision rule per item is not worth mirroring
                    }
                }

                any = numbers.Count == 0 ? null : $"{target.Raw} = ANY({p.AddValue(numbers.ToArray())}::numeric[])";
                break;
            case Semantic.Float:
                var floats = new List<double>();
                foreach (var item in filter.Values)
                {
                    if (item.IsNull || item.Kind is not (MetadataKind.Integer or MetadataKind.Float or MetadataKind.Decimal))
                    {
                        continue;
                    }

                    if (ToDouble(item) is not { } value)
                    {
                        return null;
                    }

                    if (!double.IsNaN(value))
                    {
                        floats.Add(value);
                    }
                }

                any = floats.Count == 0 ? null : $"{target.Raw}::float8 = ANY({p.AddValue(floats.ToArray())})";
                break;
            case Semantic.String:
                var strings = new List<string>();
                foreach (var item in filter.Values)
                {
                    if (item.Kind == MetadataKind.Timestamp)
                    {
                        return null;
                    }

                    if (item.Kind == MetadataKind.String)
                    {
                        strings.Add(item.AsString());
                    }
                }

                any = strings.Count == 0 ? null : $"{target.Raw} COLLATE \"C\" = ANY({p.AddValue(strings.ToArray())})";
                break;
            case Semantic.Bool:
                var bools = new List<bool>();
                foreach (var item in filter.Values)
                {
                    if (item.Kind == MetadataKind.Bool)
                    {
                        bools.Add(item.AsBool());
                    }
                }

                any = bools.Count == 0 ? null : $"{target.Raw} = ANY({p.AddValue(bools.ToArray())})";
                break;
            case Semantic.Instant:
                var instants = new List<DateTime>();
                foreach (var item in filter.Values)
                {
                    if (item.Kind is not (MetadataKind.Timestamp or MetadataKind.String))
                    {
                        continue;
                    }

                    if (InstantOf(item) is not { } instant)
                    {
                        continue; // a string that is not a timestamp never equals one
                    }

                    if (instant.UtcTicks % 10 != 0 || instant.UtcTicks == DateTime.MinValue.Ticks)
                    {
                        return null;
                    }

                    instants.Add(instant.UtcDateTime);
                }

                any = instants.Count == 0 ? null : $"{target.Raw} = ANY({p.AddValue(instants.ToArray())})";
                break;
            case Semantic.Bytes:
                var blobs = new List<byte[]>();
                foreach (var item in filter.Values)
                {
                    if (item.Kind == MetadataKind.Bytes)
                    {
                        blobs.Add(item.AsBytes().ToArray());
                    }
                }

                any = blobs.Count == 0 ? null : $"{target.Raw} = ANY({p.AddValue(blobs.ToArray())})";
                break;
            default:
                return null;
        }

        var membership = $"(CASE WHEN {target.Raw} IS NULL THEN NULL ELSE {(any is null ? "FALSE" : "COALESCE(" + any + ", FALSE)")} END)";
        return filter.Negated ? "(NOT " + membership + ")" : membership;
    }

    private string? TranslateLike(LikeFilter filter, SqlParameters p)
    {
        if (Resolve(filter.Field) is not { } target)
        {
            return null;
        }

        if (target.Absent || target.Semantic != Semantic.String)
        {
            return target.Absent || target.Semantic != Semantic.Unsupported ? "NULL::boolean" : null;
        }

        var like = $"({target.Raw} COLLATE \"C\" LIKE {p.AddValue(PostgresPattern(filter.Pattern))})";
        return filter.Negated ? "(NOT " + like + ")" : like;
    }

    private string? TranslateContains(ContainsFilter filter, SqlParameters p)
    {
        if (Resolve(filter.Field) is not { } target)
        {
            return null;
        }

        if (target.Absent)
        {
            return "NULL::boolean";
        }

        if (target.Semantic != Semantic.Array)
        {
            return target.Semantic == Semantic.Unsupported ? null : "NULL::boolean";
        }

        var value = filter.Value;
        if (value.IsNull)
        {
            return "NULL::boolean";
        }

        var column = target.Column!;
        string? any;
        switch (SemanticOf(column.ElementKind))
        {
            case Semantic.Integer:
                any = value.Kind switch
                {
                    MetadataKind.Integer => $"{p.AddValue(value.AsInteger())}::bigint = ANY({target.Raw})",
                    MetadataKind.Decimal => $"{p.AddValue(value.AsDecimal())}::numeric = ANY({target.Raw})",
                    MetadataKind.Float when double.IsNaN(value.AsFloat()) => "FALSE",
                    MetadataKind.Float when double.IsFinite(value.AsFloat()) && Math.Abs(value.AsFloat()) < ExactIntegerLimit
                        => $"{p.AddValue(value.AsFloat().ToString("R", CultureInfo.InvariantCulture))}::numeric = ANY({target.Raw})",
                    MetadataKind.Float => null,
                    _ => "FALSE",
                };
                break;
            case Semantic.Float:
                if (value.Kind is MetadataKind.Integer or MetadataKind.Float or MetadataKind.Decimal)
                {
                    if (ToDouble(value) is not { } d)
                    {
                        return null;
                    }

                    any = double.IsNaN(d) ? "FALSE" : $"{p.AddValue(d)} = ANY({target.Raw}::float8[])";
                }
                else
                {
                    any = "FALSE";
                }

                break;
            case Semantic.Numeric:
                any = value.Kind switch
                {
                    MetadataKind.Integer => $"{p.AddValue((decimal)value.AsInteger())} = ANY({target.Raw}::numeric[])",
                    MetadataKind.Decimal => $"{p.AddValue(value.AsDecimal())} = ANY({target.Raw}::numeric[])",
                    MetadataKind.Float => null,
                    _ => "FALSE",
                };
                break;
            case Semantic.String:
                any = value.Kind switch
                {
                    MetadataKind.String => $"{p.AddValue(value.AsString())} COLLATE \"C\" = ANY({target.Raw}::text[])",
                    MetadataKind.Timestamp => null,
                    _ => "FALSE",
                };
                break;
            case Semantic.Bool:
                any = value.Kind == MetadataKind.Bool ? $"{p.AddValue(value.AsBool())} = ANY({target.Raw})" : "FALSE";
                break;
            case Semantic.Instant:
                if (value.Kind is MetadataKind.Timestamp or MetadataKind.String)
                {
                    var instant = InstantOf(value);
                    if (instant is { } i && (i.UtcTicks % 10 != 0 || i.UtcTicks == DateTime.MinValue.Ticks))
                    {
                        return null;
                    }

                    any = instant is { } at ? $"{p.AddValue(at.UtcDateTime)}::timestamptz = ANY({InstantArray(column, target.Raw)})" : "FALSE";
                }
                else
                {
                    any = "FALSE";
                }

                break;
            case Semantic.Bytes:
                any = value.Kind == MetadataKind.Bytes ? $"{p.AddValue(value.AsBytes().ToArray())} = ANY({target.Raw})" : "FALSE";
                break;
            default:
                return null;
        }

        return any is null ? null : $"(CASE WHEN {target.Raw} IS NULL THEN NULL ELSE COALESCE({any}, FALSE) END)";
    }

    private static string InstantArray(ColumnInfo column, string raw) => column.ElementKind switch
    {
        PgValueKind.TimestampTz => raw,
        PgValueKind.Timestamp => $"ARRAY(SELECT x AT TIME ZONE 'UTC' FROM unnest({raw}) AS x)",
        _ => $"ARRAY(SELECT x::timestamp AT TIME ZONE 'UTC' FROM unnest({raw}) AS x)",
    };

    /// <summary>A numeric operand for an integer or numeric column; "" when the comparison is unknown, <c>null</c> when it cannot be pushed down.</summary>
    private static string? NumericOperand(MetadataValue literal, SqlParameters p)
    {
        switch (literal.Kind)
        {
            case MetadataKind.Integer:
                return p.AddValue(literal.AsInteger()) + "::bigint";
            case MetadataKind.Decimal:
                return p.AddValue(literal.AsDecimal()) + "::numeric";
            case MetadataKind.Float:
                var d = literal.AsFloat();
                if (double.IsNaN(d))
                {
                    return string.Empty;
                }

                // The shortest round-trip text of a double below 2^53 orders against integers exactly as the double does.
                return double.IsFinite(d) && Math.Abs(d) < ExactIntegerLimit
                    ? p.AddValue(d.ToString("R", CultureInfo.InvariantCulture)) + "::numeric"
                    : null;
            default:
                return string.Empty;
        }
    }

    private static string? FloatOperand(MetadataValue literal, SqlParameters p)
    {
        if (literal.Kind is not (MetadataKind.Integer or MetadataKind.Float or MetadataKind.Decimal))
        {
            return string.Empty;
        }

        if (ToDouble(literal) is not { } value)
        {
            return null;
        }

        return double.IsNaN(value) ? string.Empty : p.AddValue(value) + "::float8";
    }

    private static string? InstantOperand(MetadataValue literal, SqlParameters p)
    {
        if (literal.Kind is not (MetadataKind.Timestamp or MetadataKind.String))
        {
            return string.Empty;
        }

        if (InstantOf(literal) is not { } instant)
        {
            return string.Empty;
        }

        // PostgreSQL keeps microseconds; a literal with finer ticks would be rounded and move the boundary. Npgsql
        // sends 0001-01-01 as -infinity.
        return instant.UtcTicks % 10 == 0 && instant.UtcTicks != DateTime.MinValue.Ticks ? p.AddValue(instant.UtcDateTime) + "::timestamptz" : null;
    }

    /// <summary>The instant a timestamp literal is, or a string literal denotes under the filter language's own ISO-8601 rules.</summary>
    private static DateTimeOffset? InstantOf(MetadataValue literal)
    {
        if (literal.Kind == MetadataKind.Timestamp)
        {
            return literal.AsTimestamp();
        }

        try
        {
            var parsed = FilterParser.ParseValue("TIMESTAMP " + Sql.Literal(literal.AsString()));
            return parsed.AsTimestamp();
        }
        catch (FilterSyntaxException)
        {
            return null;
        }
    }

    /// <summary>The literal as a double when that is exact (or is how the evaluator compares it); <c>null</c> when not.</summary>
    private static double? ToDouble(MetadataValue literal) => literal.Kind switch
    {
        MetadataKind.Float => literal.AsFloat(),
        MetadataKind.Integer when Math.Abs((double)literal.AsInteger()) <= ExactIntegerLimit => literal.AsInteger(),
        MetadataKind.Decimal => (double)literal.AsDecimal(),
        _ => null,
    };

    /// <summary>The evaluator reads a trailing lone backslash literally; PostgreSQL refuses a pattern that ends in its escape.</summary>
    private static string PostgresPattern(string pattern)
    {
        var trailing = 0;
        for (var i = pattern.Length - 1; i >= 0 && pattern[i] == '\\'; i--)
        {
            trailing++;
        }

        // Pairs of backslashes are escaped backslashes; an odd count leaves one unpaired at the end.
        return trailing % 2 == 1 ? pattern + "\\" : pattern;
    }

    private Target? Resolve(FieldReference field)
    {
        switch (field.RecordField)
        {
            case "id":
                if (_plan.Key.Count != 1)
                {
                    return null;
                }

                var key = _plan.Key[0];
                return new Target(key.Kind == PgValueKind.Text ? Sql.Identifier(key.Name) : Sql.Identifier(key.Name) + "::text", Semantic.String, null, false);
            case "text":
                return _plan.Text is { } text ? StringTarget(text.Column) : Target.Missing;
            case "title":
                return _plan.Title is { } title ? StringTarget(title.Column) : Target.Missing;
            case "record_type":
                return _plan.Layout is not null ? new Target(Sql.Identifier(LayoutColumns.RecordType), Semantic.String, null, false) : null;
            case "collection":
                return _plan.Layout is not null ? new Target(Sql.Identifier(LayoutColumns.Collection), Semantic.String, null, false) : null;
        }

        // Metadata of a Ferry table may sit in the tagged jsonb column instead of its typed column: not pushed down.
        var path = field.MetadataPath;
        if (_plan.Layout is not null || path.Count != 1)
        {
            return null;
        }

        foreach (var column in _plan.Metadata)
        {
            if (column.Name == path[0])
            {
                var semantic = SemanticOf(column.Column.Kind);
                var raw = column.Column.Kind switch
                {
                    PgValueKind.Timestamp => $"({Sql.Identifier(column.Column.Name)} AT TIME ZONE 'UTC')",
                    PgValueKind.Date => $"({Sql.Identifier(column.Column.Name)}::timestamp AT TIME ZONE 'UTC')",
                    PgValueKind.Uuid or PgValueKind.Other => Sql.Identifier(column.Column.Name) + "::text",
                    _ => Sql.Identifier(column.Column.Name),
                };
                return new Target(raw, semantic, column.Column, false);
            }
        }

        return null;
    }

    private static Target StringTarget(ColumnInfo column) =>
        new(column.Kind == PgValueKind.Text ? Sql.Identifier(column.Name) : Sql.Identifier(column.Name) + "::text", Semantic.String, column, false);

    private static Semantic SemanticOf(PgValueKind kind) => kind switch
    {
        PgValueKind.Int16 or PgValueKind.Int32 or PgValueKind.Int64 or PgValueKind.Oid => Semantic.Integer,
        PgValueKind.Float4 or PgValueKind.Float8 => Semantic.Float,
        PgValueKind.Numeric => Semantic.Numeric,
        PgValueKind.Text or PgValueKind.Uuid or PgValueKind.Other => Semantic.String,
        PgValueKind.Bool => Semantic.Bool,
        PgValueKind.Timestamp or PgValueKind.TimestampTz or PgValueKind.Date => Semantic.Instant,
        PgValueKind.Bytea => Semantic.Bytes,
        PgValueKind.Array => Semantic.Array,
        _ => Semantic.Unsupported,
    };

    /// <summary>What a field resolves to: an SQL expression and how its values compare, or a field no row has.</summary>
    private sealed record Target(string Raw, Semantic Semantic, ColumnInfo? Column, bool Absent)
    {
        public static Target Missing { get; } = new("NULL", Semantic.Unsupported, null, true);
    }
}
