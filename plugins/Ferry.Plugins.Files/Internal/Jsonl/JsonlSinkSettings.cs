using System.IO.Compression;
using Ferry.Files.Compression;
using Ferry.Files.Wrapping;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;

namespace Ferry.Plugins.Files.Internal.Jsonl;

/// <summary>The JSON Lines sink's options.</summary>
internal sealed class JsonlSinkSettings
{
    public required string Path { get; init; }

    public string Display { get; init; } = "";

    public bool Gzip { get; init; }

    public CompressionLevel Level { get; init; } = CompressionLevel.Fastest;

    public static JsonlSinkSettings Parse(ConnectorContext context)
    {
        foreach (var key in context.Options.Values.Keys)
        {
            if (!string.Equals(key, "compression_level", StringComparison.OrdinalIgnoreCase))
            {
                throw new ConnectorConfigurationException($"Unknown JSON Lines output option '{key}'. Known options: compression_level.");
            }
        }

        var path = JsonlPaths.Resolve(context.Location);
        var name = WrappedName.Parse(path);
        if (name.Encrypted || name.Compression == CompressionKind.Brotli)
        {
            throw new ConnectorConfigurationException(
                $"JSON Lines output is written plain or gzip-compressed (.jsonl, .jsonl.gz); '{System.IO.Path.GetFileName(path)}' asks for {(name.Encrypted ? "encryption" : "Brotli")}, which output does not support because it must append to the file on resume.");
        }

        var level = context.Options.GetString("compression_level", "fastest").ToLowerInvariant() switch
        {
            "fastest" => CompressionLevel.Fastest,
            "optimal" => CompressionLevel.Optimal,
            "smallest" => CompressionLevel.SmallestSize,
            var other => throw new ConnectorConfigurationException($"Option 'compression_level' must be fastest, optimal or smallest, got '{other}'."),
        };
        return new JsonlSinkSettings { Path = path, Display = context.Location, Gzip = name.Compression == CompressionKind.Gzip, Level = level };
    }
}
