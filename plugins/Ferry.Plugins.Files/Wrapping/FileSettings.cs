using System.IO.Compression;
using Ferry.Files.Compression;
using Ferry.Files.Encryption;
using Ferry.Files.Splitting;
using Ferry.Files.Wrapping;
using Ferry.Plugins.Files.Typing;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;

namespace Ferry.Plugins.Files.Wrapping;

/// <summary>
/// The options every file connector shares (docs/formats.md, "Common options"): the path, compression, encryption
/// and its key source, splitting, and the import type schema. Keys are never options: <c>key</c> is refused.
/// </summary>
internal sealed class FileSettings
{
    /// <summary>
    /// The options every file format takes, reading or writing (docs/formats.md, section 2). A connector accepts the
    /// options of both directions, so one URI serves an export and its import; names outside these and the format's own
    /// are refused, so a misspelt option never goes unnoticed.
    /// </summary>
    public static readonly IReadOnlyList<string> CommonOptions =
    [
        "compression", "compression_level", "encrypt", "key_env", "key_file", "key_id", "chunk_size", "split_bytes", "split_records", "schema", "layout", "allow_incomplete",
    ];

    private readonly Func<string, string?> _getSecret;
    private EncryptionKey? _key;

    private FileSettings(string path, ConnectorContext context)
    {
        Path = path;
        Options = context.Options;
        _getSecret = context.GetSecret;
        Name = WrappedName.Parse(path);
        var options = context.Options;
        foreach (var forbidden in new[] { "key", "encryption_key", "password", "secret" })
        {
            if (options.Get(forbidden) is not null)
            {
                throw new ConnectorConfigurationException(
                    $"Option '{forbidden}' is refused: keys never go on a command line or in a URI. Put the key in an environment variable (key_env, default {EncryptionKey.DefaultEnvironmentVariable}) or a file (key_file).");
            }
        }

        Compression = options.Get("compression")?.ToLowerInvariant() switch
        {
            null or "auto" => Name.Compression,
            "none" or "off" or "false" => CompressionKind.None,
            "gzip" or "gz" => CompressionKind.Gzip,
            "brotli" or "br" => CompressionKind.Brotli,
            var other => throw new ConnectorConfigurationException($"Option 'compression' must be none, gzip, brotli or auto, got '{other}'."),
        };
        CompressionExplicit = options.Get("compression") is { } c && !c.Equals("auto", StringComparison.OrdinalIgnoreCase);
        Level = options.Get("compression_level")?.ToLowerInvariant() switch
        {
            null or "fastest" or "fast" => CompressionLevel.Fastest,
            "optimal" or "default" => CompressionLevel.Optimal,
            "smallest" or "best" => CompressionLevel.SmallestSize,
            var other => throw new ConnectorConfigurationException($"Option 'compression_level' must be fastest, optimal or smallest, got '{other}'."),
        };
        var encrypt = options.Get("encrypt");
        Encrypted = encrypt is null ? Name.Encrypted : options.GetBoolean("encrypt", false);
        EncryptedExplicit = encrypt is not null;
        ChunkSize = options.GetInt32("chunk_size", 64 * 1024);
        if (ChunkSize is < 1024 or > 16 * 1024 * 1024)
        {
            throw new ConnectorConfigurationException($"Option 'chunk_size' must be between 1024 and 16777216 bytes, got {ChunkSize}.");
        }

        Split = SplitLimits.Parse(options.Get("split_bytes"), options.Get("split_records"));
        Types = TypeSchema.Parse(options.Get("schema"));
    }

    /// <summary>The file (or target) path.</summary>
    public string Path { get; }

    /// <summary>The path taken apart.</summary>
    public WrappedName Name { get; }

    public ConnectorOptions Options { get; }

    public CompressionKind Compression { get; }

    /// <summary>Whether the compression came from the option rather than the name.</summary>
    public bool CompressionExplicit { get; }

    public CompressionLevel Level { get; }

    public bool Encrypted { get; }

    public bool EncryptedExplicit { get; }

    public int ChunkSize { get; }

    public SplitLimits Split { get; }

    public TypeSchema Types { get; }

    /// <summary>Creates the settings from a connector context; the location may be a plain path or a <c>file://</c> URI.</summary>
    public static FileSettings From(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new FileSettings(PathOf(context.Location), context);
    }

    /// <summary>Refuses an option that neither every file format nor <paramref name="format"/> knows.</summary>
    public static void CheckOptions(ConnectorOptions options, RecordFormat format)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(format);
        foreach (var key in options.Values.Keys)
        {
            if (!CommonOptions.Contains(key, StringComparer.OrdinalIgnoreCase) && !format.OwnOptions.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                throw new ConnectorConfigurationException(
                    $"Unknown option '{key}' for the {format.Name} format. Known: {string.Join(", ", format.OwnOptions.Concat(CommonOptions))} (docs/formats.md).");
            }
        }
    }

    /// <summary>The local path of a location: a plain path, or a <c>file://</c> or <c>&lt;format&gt;://</c> URI; a query string is removed.</summary>
    public static string PathOf(string location)
    {
        var path = location;
        var scheme = path.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 1)
        {
            path = path[(scheme + 3)..];
            path = Uri.UnescapeDataString(path);
        }

        var query = path.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0 && scheme > 1)
        {
            path = path[..query];
        }

        return path.Length == 0 ? throw new ConnectorConfigurationException($"'{location}' names no file.") : path;
    }

    /// <summary>The key, read once from key_file or key_env (default FERRY_ENCRYPTION_KEY).</summary>
    public EncryptionKey Key()
    {
        if (_key is not null)
        {
            return _key;
        }

        var keyId = Options.Get("key_id");
        var file = Options.Get("key_file");
        _key = file is not null
            ? EncryptionKey.FromFile(file, keyId)
            : EncryptionKey.FromEnvironment(Options.GetString("key_env", EncryptionKey.DefaultEnvironmentVariable), _getSecret, keyId);
        return _key;
    }

    /// <summary>How files are written.</summary>
    public WriteSettings WriteSettings() => new()
    {
        Compression = Compression,
        CompressionLevel = Level,
        Encryption = Encrypted ? Key() : null,
        ChunkSize = ChunkSize,
    };

    /// <summary>How a file is read: what the options say, the rest detected from name and magic bytes.</summary>
    public ReadSettings ReadSettings(bool strict = true) => new()
    {
        Compression = CompressionExplicit ? Compression : null,
        Encrypted = EncryptedExplicit ? Encrypted : null,
        Key = Key,
        Strict = strict,
    };

    /// <summary>Read settings for a part whose wrappers a manifest states.</summary>
    public ReadSettings ReadSettings(CompressionKind compression, bool encrypted, bool strict) => new()
    {
        Compression = compression,
        Encrypted = encrypted,
        Key = Key,
        Strict = strict,
    };
}
