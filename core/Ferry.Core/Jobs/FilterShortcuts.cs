using System.Text.RegularExpressions;
using Ferry.Sdk.Filtering;
using Ferry.Sdk.Records;

namespace Ferry.Core.Jobs;

/// <summary>
/// The filter shortcuts of the command line (docs/migration.md, "Filter shortcuts"), each compiled into a node of
/// Ferry's filter language and joined with <c>--filter</c> by AND, so the result is one ordinary filter: it is pushed
/// down to a source that can evaluate it, and it makes the migration's fingerprint like any other filter.
/// <list type="bullet">
/// <item><c>--since FIELD=DATE</c>: <c>FIELD &gt;= TIMESTAMP 'DATE'</c>.</item>
/// <item><c>--until FIELD=DATE</c>: <c>FIELD &lt;= TIMESTAMP 'DATE'</c>; a date without a time means the whole day,
/// <c>FIELD &lt; TIMESTAMP 'next day'</c>.</item>
/// <item><c>--date-range FIELD:FROM..TO</c>: both of the above; either end may be left out.</item>
/// <item><c>--types a,b</c>: <c>record_type IN ('a', 'b')</c>.</item>
/// <item><c>--tags x,y</c> or <c>--tags FIELD=x,y</c>: <c>tags CONTAINS 'x' OR tags CONTAINS 'y'</c> (any of them).</item>
/// </list>
/// Dates are ISO 8601 as in the filter language: <c>2024-01-31</c>, <c>2024-01-31T10:00:00Z</c>, with an offset or UTC.
/// </summary>
public static partial class FilterShortcuts
{
    /// <summary><c>FIELD &gt;= DATE</c> from <c>FIELD=DATE</c>.</summary>
    public static FilterExpression Since(string text, string option = "--since")
    {
        var (field, date) = FieldAndValue(text, option, '=', "FIELD=DATE, e.g. published=2024-01-01");
        return new ComparisonFilter(field, ComparisonOperator.GreaterThanOrEqual, Timestamp(date, option, endOfDay: false));
    }

    /// <summary><c>FIELD &lt;= DATE</c> (a whole day for a date without a time) from <c>FIELD=DATE</c>.</summary>
    public static FilterExpression Until(string text, string option = "--until")
    {
        var (field, date) = FieldAndValue(text, option, '=', "FIELD=DATE, e.g. published=2024-12-31");
        return UntilNode(field, date, option);
    }

    /// <summary><c>FIELD &gt;= FROM AND FIELD &lt;= TO</c> from <c>FIELD:FROM..TO</c>.</summary>
    public static FilterExpression DateRange(string text, string option = "--date-range")
    {
        var (field, range) = FieldAndValue(text, option, ':', "FIELD:FROM..TO, e.g. published:2024-01-01..2024-12-31");
        var dots = range.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0)
        {
            throw new JobValidationException($"{option} must be FIELD:FROM..TO (either end may be empty), got '{text}'.");
        }

        var from = range[..dots].Trim();
        var to = range[(dots + 2)..].Trim();
        var parts = new List<FilterExpression>(2);
        if (from.Length > 0)
        {
            parts.Add(new ComparisonFilter(field, ComparisonOperator.GreaterThanOrEqual, Timestamp(from, option, endOfDay: false)));
        }

        if (to.Length > 0)
        {
            parts.Add(UntilNode(field, to, option));
        }

        return parts.Count switch
        {
            0 => throw new JobValidationException($"{option} needs at least one end of the range, got '{text}'."),
            1 => parts[0],
            _ => new AndFilter(parts),
        };
    }

    /// <summary><c>record_type IN (…)</c> from <c>a,b</c>.</summary>
    public static FilterExpression Types(string text, string option = "--types")
    {
        var types = List(text, option);
        return new InFilter(new FieldReference(["record_type"]), types.Select(MetadataValue.FromString).ToArray(), Negated: false);
    }

    /// <summary><c>tags CONTAINS 'x' OR …</c> from <c>x,y</c> or <c>FIELD=x,y</c>.</summary>
    public static FilterExpression Tags(string text, string option = "--tags")
    {
        ArgumentNullException.ThrowIfNull(text);
        var field = new FieldReference(["tags"]);
        var values = text;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals > 0)
        {
            field = Field(text[..equals], option);
            values = text[(equals + 1)..];
        }

        var tags = List(values, option);
        var contains = tags.Select(t => (FilterExpression)new ContainsFilter(field, MetadataValue.FromString(t))).ToArray();
        return contains.Length == 1 ? contains[0] : new OrFilter(contains);
    }

    /// <summary>The filter text and the shortcuts joined by AND, in canonical form; <c>null</c> when there is neither.</summary>
    /// <exception cref="FilterSyntaxException">The filter text does not parse.</exception>
    public static string? Combine(string? filter, IReadOnlyList<FilterExpression> shortcuts)
    {
        ArgumentNullException.ThrowIfNull(shortcuts);
        if (shortcuts.Count == 0)
        {
            return filter;
        }

        var parts = new List<FilterExpression>(shortcuts.Count + 1);
        if (!string.IsNullOrWhiteSpace(filter))
        {
            parts.Add(FilterParser.Parse(filter));
        }

        parts.AddRange(shortcuts);
        return (parts.Count == 1 ? parts[0] : new AndFilter(parts)).ToString();
    }

    private static ComparisonFilter UntilNode(FieldReference field, string date, string option) =>
        DateOnly().IsMatch(date.Trim())
            ? new ComparisonFilter(field, ComparisonOperator.LessThan, Timestamp(date, option, endOfDay: true))
            : new ComparisonFilter(field, ComparisonOperator.LessThanOrEqual, Timestamp(date, option, endOfDay: false));

    private static (FieldReference Field, string Value) FieldAndValue(string text, string option, char separator, string expected)
    {
        ArgumentNullException.ThrowIfNull(text);
        var index = text.IndexOf(separator, StringComparison.Ordinal);
        if (index <= 0 || index == text.Length - 1)
        {
            throw new JobValidationException($"{option} must be {expected}; got '{text}'.");
        }

        return (Field(text[..index], option), text[(index + 1)..].Trim());
    }

    private static FieldReference Field(string name, string option)
    {
        try
        {
            return FilterParser.ParseField(name.Trim());
        }
        catch (FilterSyntaxException e)
        {
            throw new JobValidationException($"{option}: '{name}' is not a field name ({e.Message}).", e);
        }
    }

    private static MetadataValue Timestamp(string text, string option, bool endOfDay)
    {
        MetadataValue value;
        try
        {
            value = FilterParser.ParseValue("TIMESTAMP '" + text.Trim().Replace("'", "''", StringComparison.Ordinal) + "'");
        }
        catch (FilterSyntaxException e)
        {
            throw new JobValidationException($"{option}: '{text}' is not an ISO 8601 date such as 2024-01-31 or 2024-01-31T10:00:00Z.", e);
        }

        return endOfDay ? MetadataValue.FromTimestamp(value.AsTimestamp().AddDays(1)) : value;
    }

    private static List<string> List(string text, string option)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        return items.Count > 0 ? items : throw new JobValidationException($"{option} needs at least one value (comma-separated), got '{text}'.");
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DateOnly();
}
