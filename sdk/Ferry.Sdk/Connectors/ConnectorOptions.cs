using System.Globalization;
using Ferry.Sdk.Errors;

namespace Ferry.Sdk.Connectors;

/// <summary>
/// A connector's options: the query string of its URI merged with the job file's options, keys
/// compared case-insensitively. Typed getters throw <see cref="ConnectorConfigurationException"/>
/// naming the option when a value does not parse.
/// </summary>
public sealed class ConnectorOptions
{
    private readonly Dictionary<string, string> _values;

    /// <summary>Creates the options from key/value pairs (later keys win).</summary>
    public ConnectorOptions(IEnumerable<KeyValuePair<string, string>>? values = null)
    {
        _values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (values is not null)
        {
            foreach (var (key, value) in values)
            {
                _values[key] = value;
            }
        }
    }

    /// <summary>An empty set of options.</summary>
    public static ConnectorOptions Empty { get; } = new();

    /// <summary>All options.</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>The raw value, or <c>null</c>.</summary>
    public string? Get(string name) => _values.TryGetValue(name, out var value) ? value : null;

    /// <summary>The raw value, or the default.</summary>
    public string GetString(string name, string defaultValue) => Get(name) ?? defaultValue;

    /// <summary>The value as an integer, or the default when absent.</summary>
    public int GetInt32(string name, int defaultValue)
    {
        var raw = Get(name);
        if (raw is null)
        {
            return defaultValue;
        }

        return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ConnectorConfigurationException($"Option '{name}' must be an integer, got '{raw}'.");
    }

    /// <summary>The value as a boolean (true/false/1/0/yes/no), or the default when absent.</summary>
    public bool GetBoolean(string name, bool defaultValue)
    {
        var raw = Get(name);
        if (raw is null)
        {
            return defaultValue;
        }

        return raw.ToUpperInvariant() switch
        {
            "TRUE" or "1" or "YES" or "ON" => true,
            "FALSE" or "0" or "NO" or "OFF" => false,
            _ => throw new ConnectorConfigurationException($"Option '{name}' must be true or false, got '{raw}'."),
        };
    }

    /// <summary>The value as an enum member (case-insensitive), or the default when absent.</summary>
    public TEnum GetEnum<TEnum>(string name, TEnum defaultValue)
        where TEnum : struct, Enum
    {
        var raw = Get(name);
        if (raw is null)
        {
            return defaultValue;
        }

        return Enum.TryParse<TEnum>(raw.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new ConnectorConfigurationException($"Option '{name}' must be one of {string.Join(", ", Enum.GetNames<TEnum>())}, got '{raw}'.");
    }

    /// <summary>A copy with the given option set.</summary>
    public ConnectorOptions With(string name, string value)
    {
        var copy = new ConnectorOptions(_values);
        copy._values[name] = value;
        return copy;
    }
}
