using System.Globalization;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;

namespace Ferry.Plugins.Chroma.Internal;

/// <summary>
/// Where the collection is and how to talk to it, parsed from <c>chroma://host:port/collection?tenant=&amp;database=</c>
/// and the connector options. Every option is documented in docs/from-chroma.md.
/// </summary>
internal sealed class ChromaSettings
{
    /// <summary>Chroma's own default port.</summary>
    public const int DefaultPort = 8000;

    /// <summary>The secret holding the API token (sent as <c>x-chroma-token</c> or as a bearer token).</summary>
    public const string TokenSecret = "CHROMA_TOKEN";

    /// <summary>The request size the sink stays under: Chroma's server refuses bodies of about 40 MB with 413.</summary>
    public const long DefaultMaxRequestBytes = 32L * 1024 * 1024;

    private static readonly HashSet<string> KnownOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        "tenant", "database", "tls", "timeout_seconds", "auth_header", "rich_types", "title_key", "vector",
        "batch_size", "max_request_bytes", "space", "partition_min_records",
    };

    private ChromaSettings()
    {
    }

    public required Uri BaseAddress { get; init; }

    public required string Collection { get; init; }

    public string Tenant { get; init; } = "default_tenant";

    public string Database { get; init; } = "default_database";

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    public string? Token { get; init; }

    /// <summary><c>x-chroma-token</c> (Chroma's token auth) or <c>authorization</c> (a bearer token).</summary>
    public string AuthHeader { get; init; } = "x-chroma-token";

    public RichTypeMode RichTypes { get; init; } = RichTypeMode.Encode;

    /// <summary>The metadata key that carries a record's title; empty to keep titles out of Chroma.</summary>
    public string TitleKey { get; init; } = "title";

    /// <summary>Which of a record's vectors the sink writes (Chroma holds one per record); <c>null</c> for the only one.</summary>
    public string? VectorName { get; init; }

    /// <summary>The most records per upsert the user allows (the server's max_batch_size caps it further).</summary>
    public int? BatchSize { get; init; }

    public long MaxRequestBytes { get; init; } = DefaultMaxRequestBytes;

    /// <summary>The fewest records a parallel read partition gets (fewer, larger partitions for small collections).</summary>
    public int PartitionMinRecords { get; init; } = 1000;

    /// <summary>The space a new collection is created with when the schema says nothing (<c>space=</c> overrides the schema).</summary>
    public string? Space { get; init; }

    /// <summary>A readable location for messages and provenance: tenant/database/collection.</summary>
    public string Location => $"{Tenant}/{Database}/{Collection}";

    public static ChromaSettings Parse(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var uri = context.Uri;
        if (uri is null || !string.Equals(uri.Scheme, "chroma", StringComparison.OrdinalIgnoreCase))
        {
            throw new ConnectorConfigurationException($"A Chroma location looks like chroma://host:port/collection, got '{context.Location}'.");
        }

        var options = context.Options;
        foreach (var key in options.Values.Keys)
        {
            if (!KnownOptions.Contains(key))
            {
                throw new ConnectorConfigurationException(
                    $"Unknown Chroma option '{key}'. Known options: {string.Join(", ", KnownOptions.Order(StringComparer.Ordinal))}.");
            }
        }

        var collection = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        if (collection.Length == 0 || collection.Contains('/', StringComparison.Ordinal))
        {
            throw new ConnectorConfigurationException($"The Chroma location must name one collection as its path (chroma://host:port/collection), got '{context.Location}'.");
        }

        var tls = options.GetBoolean("tls", false);
        var port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port;
        var baseAddress = new UriBuilder(tls ? "https" : "http", uri.Host, port, "/").Uri;
        var timeoutSeconds = options.GetInt32("timeout_seconds", 60);
        if (timeoutSeconds <= 0)
        {
            throw new ConnectorConfigurationException($"Option 'timeout_seconds' must be positive, got {timeoutSeconds}.");
        }

        var authHeader = options.GetString("auth_header", "x-chroma-token").ToLowerInvariant();
        if (authHeader is not ("x-chroma-token" or "authorization"))
        {
            throw new ConnectorConfigurationException($"Option 'auth_header' must be x-chroma-token or authorization, got '{authHeader}'.");
        }

        int? batchSize = options.Get("batch_size") is null ? null : options.GetInt32("batch_size", 0);
        if (batchSize is <= 0)
        {
            throw new ConnectorConfigurationException($"Option 'batch_size' must be positive, got {batchSize}.");
        }

        var maxRequestBytes = options.Get("max_request_bytes") is { } rawBytes
            ? long.TryParse(rawBytes, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= 1024
                ? parsed
                : throw new ConnectorConfigurationException($"Option 'max_request_bytes' must be an integer of at least 1024, got '{rawBytes}'.")
            : DefaultMaxRequestBytes;

        var space = options.Get("space")?.ToLowerInvariant();
        if (space is not null && ChromaSpace.ToMetric(space) is null)
        {
            throw new ConnectorConfigurationException($"Option 'space' must be cosine, l2 or ip, got '{space}'.");
        }

        var partitionMin = options.GetInt32("partition_min_records", 1000);
        if (partitionMin <= 0)
        {
            throw new ConnectorConfigurationException($"Option 'partition_min_records' must be positive, got {partitionMin}.");
        }

        return new ChromaSettings
        {
            PartitionMinRecords = partitionMin,
            BaseAddress = baseAddress,
            Collection = collection,
            Tenant = options.GetString("tenant", "default_tenant"),
            Database = options.GetString("database", "default_database"),
            Timeout = TimeSpan.FromSeconds(timeoutSeconds),
            Token = context.GetSecret(TokenSecret),
            AuthHeader = authHeader,
            RichTypes = options.GetEnum("rich_types", RichTypeMode.Encode),
            TitleKey = options.GetString("title_key", "title"),
            VectorName = options.Get("vector"),
            BatchSize = batchSize,
            MaxRequestBytes = maxRequestBytes,
            Space = space,
        };
    }
}
