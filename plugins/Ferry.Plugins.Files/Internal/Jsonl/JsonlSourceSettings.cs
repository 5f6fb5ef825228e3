using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Files.Internal.Jsonl;

/// <summary>The JSON Lines source's options (see plugin.json and docs/migration.md).</summary>
internal sealed class JsonlSourceSettings
{
    public const long DefaultPartitionMinBytes = 8L * 1024 * 1024;

    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "timestamps", "vector_field", "id_field", "text_field", "title_field", "metric", "partition_min_bytes",
    };

    public required string Path { get; init; }

    public string Display { get; init; } = "";

    public TimestampMode Timestamps { get; init; } = TimestampMode.Auto;

    /// <summary>For <see cref="TimestampMode.Fields"/>: dotted metadata paths.</summary>
    public IReadOnlySet<string> TimestampFields { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public IReadOnlyList<string> VectorFields { get; init; } = ["vector", "embedding"];

    public string IdField { get; init; } = "id";

    public string TextField { get; init; } = "text";

    public string TitleField { get; init; } = "title";

    public DistanceMetric Metric { get; init; } = DistanceMetric.Cosine;

    public long PartitionMinBytes { get; init; } = DefaultPartitionMinBytes;

    public static JsonlSourceSettings Parse(ConnectorContext context)
    {
        var options = context.Options;
        foreach (var key in options.Values.Keys)
        {
            if (!Known.Contains(key))
            {
                throw new ConnectorConfigurationException($"Unknown JSON Lines option '{key}'. Known options: {string.Join(", ", Known.Order(StringComparer.Ordinal))}.");
            }
        }

        var timestamps = options.GetString("timestamps", "auto").Trim();
        var mode = timestamps.ToLowerInvariant() switch
        {
            "auto" => TimestampMode.Auto,
            "none" or "off" or "false" => TimestampMode.None,
            "" => throw new ConnectorConfigurationException("Option 'timestamps' is empty: use auto, none, or a list of fields."),
            _ => TimestampMode.Fields,
        };
        var fields = new HashSet<string>(StringComparer.Ordinal);
        if (mode == TimestampMode.Fields)
        {
            foreach (var field in timestamps.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                fields.Add(field.StartsWith("metadata.", StringComparison.Ordinal) ? field["metadata.".Length..] : field);
            }
        }

        var vectorFields = options.GetString("vector_field", "vector,embedding")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (vectorFields.Length == 0)
        {
            throw new ConnectorConfigurationException("Option 'vector_field' names no field.");
        }

        var minBytes = options.Get("partition_min_bytes") is { } raw
            ? long.TryParse(raw, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed > 0
                ? parsed
                : throw new ConnectorConfigurationException($"Option 'partition_min_bytes' must be a positive number of bytes, got '{raw}'.")
            : DefaultPartitionMinBytes;
        return new JsonlSourceSettings
        {
            Path = JsonlPaths.Resolve(context.Location),
            Display = context.Location,
            Timestamps = mode,
            TimestampFields = fields,
            VectorFields = vectorFields,
            IdField = NonEmpty(options, "id_field", "id"),
            TextField = NonEmpty(options, "text_field", "text"),
            TitleField = NonEmpty(options, "title_field", "title"),
            Metric = options.GetEnum("metric", DistanceMetric.Cosine),
            PartitionMinBytes = minBytes,
        };
    }

    private static string NonEmpty(ConnectorOptions options, string name, string fallback)
    {
        var value = options.GetString(name, fallback).Trim();
        return value.Length > 0 ? value : throw new ConnectorConfigurationException($"Option '{name}' must not be empty.");
    }
}
