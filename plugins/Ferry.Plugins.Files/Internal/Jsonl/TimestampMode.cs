namespace Ferry.Plugins.Files.Internal.Jsonl;

/// <summary>Which metadata strings the reader turns into timestamps.</summary>
internal enum TimestampMode
{
    /// <summary>Strings shaped like an ISO-8601 date-time with a zone (<c>2020-03-13T00:00:00.000Z</c>).</summary>
    Auto,
    /// <summary>None: strings stay strings (tagged <c>{"$timestamp": …}</c> values are still timestamps).</summary>
    None,
    /// <summary>Only the listed fields, which must hold ISO-8601 date-times.</summary>
    Fields,
}
