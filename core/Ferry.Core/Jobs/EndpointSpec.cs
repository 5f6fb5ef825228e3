using System.Globalization;

namespace Ferry.Core.Jobs;

/// <summary>
/// A source or target as the user describes it: a location (URI or path, possibly with <c>?key=value</c>
/// options), an optional explicit format and options. Values may hold <c>${env:NAME}</c> references; they are
/// expanded only when the connector is created, so checkpoints and logs never contain the secrets.
/// </summary>
public sealed class EndpointSpec
{
    /// <summary>Creates a spec from a location; a query string (<c>?a=1&amp;b=2</c>) becomes options.</summary>
    public EndpointSpec(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        var query = location.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            foreach (var pair in location[(query + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
                var value = equals < 0 ? "true" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
                Options[key] = value;
            }

            location = location[..query];
        }

        Location = location;
    }

    /// <summary>The location without its query string.</summary>
    public string Location { get; }

    /// <summary>An explicit connector name or extension (<c>--from-format</c> / <c>--to-format</c>, <c>format:</c> in a job file), when the location does not tell.</summary>
    public string? Format { get; set; }

    /// <summary>Options (query string first, then the job file's, later ones winning), keys case-insensitive.</summary>
    public Dictionary<string, string> Options { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The location for display and checkpoints: literal URI passwords hidden.</summary>
    public string Display => EnvironmentReferences.Redact(Location);

    /// <summary>A stable text of location, format and options, for fingerprints.</summary>
    public string Canonical()
    {
        var keys = Options.Keys.Select(k => k.ToLowerInvariant()).Order(StringComparer.Ordinal).ToArray();
        var parts = new List<string>(keys.Length + 2) { Location, "format=" + (Format ?? string.Empty).ToLowerInvariant() };
        foreach (var key in keys)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{key}={Options[key]}"));
        }

        return string.Join('\n', parts);
    }
}
