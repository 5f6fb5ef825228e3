using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.DynamoDb.Internal;

/// <summary>
/// Where the table is and how to map it, parsed from <c>dynamodb://host:port/table?region=…</c> (a local endpoint such
/// as dynalite or DynamoDB Local, over http unless <c>tls=true</c>) or <c>dynamodb://aws/table?region=…</c> (the AWS
/// endpoint of the region) and the options documented in docs/from-dynamodb.md.
/// </summary>
internal sealed class DynamoSettings
{
    /// <summary>The host name that means "the AWS endpoint of the region".</summary>
    public const string AwsHost = "aws";

    private static readonly HashSet<string> KnownOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        "region", "tls", "profile", "timeout_seconds", "sdk_retries", "vector", "vector_format", "dimension", "metric",
        "text", "title", "id_separator", "numbers", "consistent_read", "create", "key", "write_concurrency",
    };

    private DynamoSettings()
    {
    }

    public required string Table { get; init; }

    /// <summary>The endpoint of a local or compatible server; <c>null</c> for the AWS endpoint of <see cref="Region"/>.</summary>
    public Uri? ServiceUrl { get; init; }

    public string Region { get; init; } = "us-east-1";

    public string? Profile { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The AWS SDK's own retries per call before Ferry's error mapping (and the host's retry) takes over.</summary>
    public int SdkRetries { get; init; } = 2;

    /// <summary>The attribute holding the vector.</summary>
    public string VectorAttribute { get; init; } = "embedding";

    /// <summary>How the sink stores vectors; <c>null</c> when not set (then the source's format, else list).</summary>
    public VectorFormat? VectorFormat { get; init; }

    public int? Dimension { get; init; }

    public DistanceMetric Metric { get; init; } = DistanceMetric.Cosine;

    /// <summary>The string attribute that is the record's text (empty: none).</summary>
    public string TextAttribute { get; init; } = "text";

    /// <summary>The string attribute that is the record's title (empty: none).</summary>
    public string TitleAttribute { get; init; } = "title";

    public string IdSeparator { get; init; } = "#";

    public NumberMode Numbers { get; init; } = NumberMode.Auto;

    public bool ConsistentRead { get; init; }

    /// <summary>Create the table when it is missing (sink).</summary>
    public bool Create { get; init; }

    /// <summary>The key schema a created table gets: <c>id:S</c>, or <c>pk:S,sk:N</c>.</summary>
    public string KeySpec { get; init; } = "id:S";

    /// <summary>How many BatchWriteItem calls the sink keeps in flight.</summary>
    public int WriteConcurrency { get; init; } = 4;

    public string Location => ServiceUrl is null ? $"aws/{Region}/{Table}" : $"{ServiceUrl.Authority}/{Table}";

    public static DynamoSettings Parse(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var uri = context.Uri;
        if (uri is null || !string.Equals(uri.Scheme, "dynamodb", StringComparison.OrdinalIgnoreCase))
        {
            throw new ConnectorConfigurationException($"A DynamoDB location looks like dynamodb://host:port/table?region=… or dynamodb://aws/table?region=…, got '{context.Location}'.");
        }

        var options = context.Options;
        foreach (var key in options.Values.Keys)
        {
            if (!KnownOptions.Contains(key))
            {
                throw new ConnectorConfigurationException(
                    $"Unknown DynamoDB option '{key}'. Known options: {string.Join(", ", KnownOptions.Order(StringComparer.Ordinal))}.");
            }
        }

        var table = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        if (table.Length is < 3 or > 255 || table.Contains('/', StringComparison.Ordinal))
        {
            throw new ConnectorConfigurationException($"The DynamoDB location must name one table (3 to 255 characters) as its path, got '{context.Location}'.");
        }

        Uri? serviceUrl = null;
        if (!string.Equals(uri.Host, AwsHost, StringComparison.OrdinalIgnoreCase))
        {
            var tls = options.GetBoolean("tls", false);
            serviceUrl = new UriBuilder(tls ? "https" : "http", uri.Host, uri.IsDefaultPort || uri.Port < 0 ? (tls ? 443 : 8000) : uri.Port).Uri;
        }

        var dimension = options.Get("dimension") is null ? (int?)null : options.GetInt32("dimension", 0);
        if (dimension is <= 0)
        {
            throw new ConnectorConfigurationException($"Option 'dimension' must be positive, got {dimension}.");
        }

        var concurrency = options.GetInt32("write_concurrency", 4);
        if (concurrency is < 1 or > 64)
        {
            throw new ConnectorConfigurationException($"Option 'write_concurrency' must be between 1 and 64, got {concurrency}.");
        }

        var timeout = options.GetInt32("timeout_seconds", 30);
        var retries = options.GetInt32("sdk_retries", 2);
        if (timeout <= 0 || retries < 0)
        {
            throw new ConnectorConfigurationException("Options 'timeout_seconds' must be positive and 'sdk_retries' not negative.");
        }

        var separator = options.GetString("id_separator", "#");
        if (separator.Length != 1 || separator == "\\")
        {
            throw new ConnectorConfigurationException($"Option 'id_separator' must be one character other than a backslash, got '{separator}'.");
        }

        var settings = new DynamoSettings
        {
            Table = table,
            ServiceUrl = serviceUrl,
            Region = options.GetString("region", "us-east-1"),
            Profile = options.Get("profile"),
            Timeout = TimeSpan.FromSeconds(timeout),
            SdkRetries = retries,
            VectorAttribute = options.GetString("vector", "embedding"),
            VectorFormat = options.Get("vector_format") is null ? null : options.GetEnum("vector_format", Internal.VectorFormat.List),
            Dimension = dimension,
            Metric = options.GetEnum("metric", DistanceMetric.Cosine),
            TextAttribute = options.GetString("text", "text"),
            TitleAttribute = options.GetString("title", "title"),
            IdSeparator = separator,
            Numbers = options.GetEnum("numbers", NumberMode.Auto),
            ConsistentRead = options.GetBoolean("consistent_read", false),
            Create = options.GetBoolean("create", false),
            KeySpec = options.GetString("key", "id:S"),
            WriteConcurrency = concurrency,
        };
        _ = KeySchema.Parse(settings.KeySpec);
        return settings;
    }
}
