using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ferry.Sdk.Errors;

namespace Ferry.Plugins.Chroma.Internal;

/// <summary>
/// The Chroma HTTP API v2 calls Ferry needs (docs: the OpenAPI document of the Chroma frontend), with errors mapped
/// to the SDK's exceptions: transport failures, timeouts, 429 and 5xx gateway errors are transient (the host
/// retries them, honouring Retry-After), authentication and missing collections are configuration errors, and a
/// refused request body is a <see cref="ChromaRequestException"/> the sink narrows down to the records at fault.
/// </summary>
internal sealed class ChromaClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly ChromaSettings _settings;
    private readonly HttpClient _http;
    private readonly string _databasePath;
    private readonly TimeProvider _timeProvider;

    public ChromaClient(ChromaSettings settings, TimeProvider timeProvider, HttpMessageHandler? handler = null)
    {
        _settings = settings;
        _timeProvider = timeProvider;
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(15),
            AutomaticDecompression = DecompressionMethods.All,
        })
        {
            BaseAddress = settings.BaseAddress,
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        if (!string.IsNullOrEmpty(settings.Token))
        {
            if (settings.AuthHeader == "authorization")
            {
                _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
            }
            else
            {
                _http.DefaultRequestHeaders.TryAddWithoutValidation("x-chroma-token", settings.Token);
            }
        }

        _databasePath = $"api/v2/tenants/{Uri.EscapeDataString(settings.Tenant)}/databases/{Uri.EscapeDataString(settings.Database)}";
    }

    /// <summary>The collection by name, or <c>null</c> when it does not exist.</summary>
    public async Task<ChromaCollection?> FindCollectionAsync(CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Get, $"{_databasePath}/collections/{Uri.EscapeDataString(_settings.Collection)}", null, "get collection", cancellationToken, allowNotFound: true).ConfigureAwait(false);
        return body is null ? null : ChromaJson.ParseCollection(body);
    }

    /// <summary>The collection by name; a configuration error naming it when it does not exist.</summary>
    public async Task<ChromaCollection> GetCollectionAsync(CancellationToken cancellationToken) =>
        await FindCollectionAsync(cancellationToken).ConfigureAwait(false)
        ?? throw new ConnectorConfigurationException($"Chroma collection '{_settings.Location}' does not exist at {_settings.BaseAddress}.");

    /// <summary>Creates the database when it does not exist (the tenant must exist).</summary>
    public async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        var found = await SendAsync(HttpMethod.Get, _databasePath, null, "get database", cancellationToken, allowNotFound: true).ConfigureAwait(false);
        if (found is not null)
        {
            return;
        }

        var payload = ChromaJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("name", _settings.Database);
            writer.WriteEndObject();
        });
        await SendAsync(HttpMethod.Post, $"api/v2/tenants/{Uri.EscapeDataString(_settings.Tenant)}/databases", payload, "create database", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates the collection with an HNSW index in the given space (cosine, l2 or ip); get-or-create, so that two
    /// sinks preparing at once both end up with the one collection (the caller checks its space).
    /// </summary>
    public async Task<ChromaCollection> CreateCollectionAsync(string space, CancellationToken cancellationToken)
    {
        var payload = ChromaJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("name", _settings.Collection);
            writer.WriteStartObject("configuration");
            writer.WriteStartObject("hnsw");
            writer.WriteString("space", space);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteBoolean("get_or_create", true);
            writer.WriteEndObject();
        });
        var body = await SendAsync(HttpMethod.Post, $"{_databasePath}/collections", payload, "create collection", cancellationToken).ConfigureAwait(false);
        return ChromaJson.ParseCollection(body!);
    }

    public async Task DeleteCollectionAsync(CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Delete, $"{_databasePath}/collections/{Uri.EscapeDataString(_settings.Collection)}", null, "delete collection", cancellationToken, allowNotFound: true).ConfigureAwait(false);

    /// <summary>The server's limits from <c>GET /api/v2/pre-flight-checks</c>.</summary>
    public async Task<ChromaPreflight> GetPreflightAsync(CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Get, "api/v2/pre-flight-checks", null, "pre-flight checks", cancellationToken).ConfigureAwait(false);
        return ChromaJson.ParsePreflight(body!);
    }

    public async Task<long> CountAsync(string collectionId, CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Get, $"{CollectionPath(collectionId)}/count", null, "count", cancellationToken).ConfigureAwait(false);
        return ChromaJson.ParseCount(body!);
    }

    /// <summary>One page of records in the collection's internal order (<c>POST …/get</c> with offset and limit, and a <c>where</c> when given).</summary>
    public async Task<byte[]> GetPageAsync(string collectionId, long offset, int limit, CancellationToken cancellationToken, ReadOnlyMemory<byte>? where = null)
    {
        var payload = ChromaJson.Write(writer =>
        {
            writer.WriteStartObject();
            if (where is { } filter)
            {
                writer.WritePropertyName("where");
                writer.WriteRawValue(filter.Span, skipInputValidation: true);
            }

            WriteInclude(writer);
            writer.WriteNumber("limit", limit);
            writer.WriteNumber("offset", offset);
            writer.WriteEndObject();
        });
        return (await SendAsync(HttpMethod.Post, $"{CollectionPath(collectionId)}/get", payload, "get", cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>The records with these ids (missing ids are left out).</summary>
    public async Task<byte[]> GetByIdsAsync(string collectionId, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var payload = ChromaJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("ids");
            foreach (var id in ids)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
            WriteInclude(writer);
            writer.WriteEndObject();
        });
        return (await SendAsync(HttpMethod.Post, $"{CollectionPath(collectionId)}/get", payload, "get by ids", cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Upserts one prepared request body (see <see cref="ChromaUpsertWriter"/>).</summary>
    public async Task UpsertAsync(string collectionId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Post, $"{CollectionPath(collectionId)}/upsert", payload, "upsert", cancellationToken).ConfigureAwait(false);

    /// <summary>A top-k nearest-neighbour query; returns ids with Chroma's distances (lower is closer).</summary>
    public async Task<byte[]> QueryAsync(string collectionId, ReadOnlyMemory<float> vector, int k, CancellationToken cancellationToken)
    {
        var payload = ChromaJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("query_embeddings");
            writer.WriteStartArray();
            ChromaJson.WriteVector(writer, vector.Span);
            writer.WriteEndArray();
            writer.WriteNumber("n_results", k);
            writer.WriteStartArray("include");
            writer.WriteStringValue("distances");
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
        return (await SendAsync(HttpMethod.Post, $"{CollectionPath(collectionId)}/query", payload, "query", cancellationToken).ConfigureAwait(false))!;
    }

    public void Dispose() => _http.Dispose();

    private static void WriteInclude(Utf8JsonWriter writer)
    {
        writer.WriteStartArray("include");
        writer.WriteStringValue("embeddings");
        writer.WriteStringValue("documents");
        writer.WriteStringValue("metadatas");
        writer.WriteEndArray();
    }

    private string CollectionPath(string collectionId) => $"{_databasePath}/collections/{Uri.EscapeDataString(collectionId)}";

    private async Task<byte[]?> SendAsync(HttpMethod method, string path, ReadOnlyMemory<byte>? payload, string operation, CancellationToken cancellationToken, bool allowNotFound = false)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.Timeout);
        using var request = new HttpRequestMessage(method, path);
        if (payload is { } body)
        {
            request.Content = new ReadOnlyMemoryContent(body);
            request.Content.Headers.ContentType = JsonMediaType;
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return bytes;
            }

            if (allowNotFound && response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            throw MapError(response, bytes, operation);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientConnectorException($"Chroma {operation} at {_settings.BaseAddress} timed out after {_settings.Timeout.TotalSeconds:0} s.", null, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new TransientConnectorException($"Chroma {operation} at {_settings.BaseAddress} failed: {ex.Message}", null, ex);
        }
        catch (IOException ex)
        {
            throw new TransientConnectorException($"Chroma {operation} at {_settings.BaseAddress} failed: {ex.Message}", null, ex);
        }
    }

    private Exception MapError(HttpResponseMessage response, byte[] body, string operation)
    {
        var (error, message) = ChromaJson.ParseError(body);
        var status = (int)response.StatusCode;
        var text = $"Chroma {operation} on '{_settings.Location}' failed with HTTP {status}{(error is null ? string.Empty : " " + error)}: {message ?? Encoding.UTF8.GetString(body)}";
        switch (response.StatusCode)
        {
            case HttpStatusCode.TooManyRequests:
            case HttpStatusCode.ServiceUnavailable:
            case HttpStatusCode.BadGateway:
            case HttpStatusCode.GatewayTimeout:
            case HttpStatusCode.RequestTimeout:
                return new TransientConnectorException(text, RetryAfter(response));
            case HttpStatusCode.Unauthorized:
            case HttpStatusCode.Forbidden:
                return new ConnectorConfigurationException($"{text} (set the {ChromaSettings.TokenSecret} environment variable to the server's token)");
            case HttpStatusCode.NotFound:
                return new ConnectorConfigurationException(text);
            case HttpStatusCode.BadRequest:
            case HttpStatusCode.UnprocessableEntity:
            case HttpStatusCode.RequestEntityTooLarge:
                return new ChromaRequestException(text, response.StatusCode, message ?? text);
            default:
                return new ConnectorException(text);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _timeProvider.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
