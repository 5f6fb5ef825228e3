using Ferry.Sdk.Records;

namespace Ferry.Sdk.Filtering;

/// <summary>
/// A literal of a compiled filter with what comparisons need worked out once: notably the instant a string
/// literal denotes, so that <c>published &gt;= '2024-01-01'</c> does not parse the date per row.
/// </summary>
internal sealed class FilterLiteral
{
    public FilterLiteral(MetadataValue value)
    {
        Value = value;
        Kind = value.Kind;
        if (Kind == MetadataKind.String)
        {
            String = value.AsString();
            HasInstant = FilterTimestamps.TryParse(String, dateOnly: false, out var instant);
            Instant = instant;
        }
        else if (Kind == MetadataKind.Timestamp)
        {
            HasInstant = true;
            Instant = value.AsTimestamp();
        }
    }

    public MetadataValue Value { get; }

    public MetadataKind Kind { get; }

    public bool IsNull => Kind == MetadataKind.Null;

    /// <summary>The string, when <see cref="Kind"/> is String.</summary>
    public string? String { get; }

    /// <summary>True when the literal is a timestamp or an ISO-8601 string.</summary>
    public bool HasInstant { get; }

    /// <summary>The instant, when <see cref="HasInstant"/>.</summary>
    public DateTimeOffset Instant { get; }
}
