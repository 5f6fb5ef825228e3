namespace Ferry.Plugins.Mapping.Internal.Operations;

/// <summary>How parse_date reads its input (option <c>format</c>).</summary>
internal enum DateMode
{
    /// <summary>ISO 8601 / RFC 3339 (no format given).</summary>
    Iso = 0,

    /// <summary>One or more .NET custom date and time format strings, tried in order.</summary>
    Custom,

    /// <summary>Seconds since 1970-01-01T00:00:00Z (format: unix).</summary>
    UnixSeconds,

    /// <summary>Milliseconds since 1970-01-01T00:00:00Z (format: unix_ms).</summary>
    UnixMilliseconds,
}
