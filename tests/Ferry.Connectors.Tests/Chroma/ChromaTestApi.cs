using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ferry.Sdk.Records;
using Xunit;

namespace Ferry.Connectors.Tests.Chroma;

/// <summary>
/// Chroma's HTTP API v2 called directly by the tests (independently of the plugin), to load data the way other
/// tools would and to check what the sink stored.
/// </summary>
public sealed class ChromaTestApi : IDisposable
{
    private const string DatabasePath = "api/v2/tenants/default_tenant/databases/default_database";
    private readonly HttpClient _http;

    public ChromaTestApi(Uri baseAddress)
    {
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
    }

    /// <summary>Creates a collection with an HNSW index in the space (cosine, l2, ip) and returns its id.</summary>
    public async Task<string> CreateCollectionAsync(string name, string space = "cosine")
    {
        var body = JsonSerializer.Serialize(new { name, configuration = new { hnsw = new { space } } });
        using var document = await SendAsync(HttpMethod.Post, $"{DatabasePath}/collections", body);
        return document.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>The collection's JSON (id, configuration_json, dimension, …).</summary>
    public async Task<JsonDocument> GetCollectionAsync(string name) => await SendAsync(HttpMethod.Get, $"{DatabasePath}/collections/{name}", null);

    public async Task<string> CollectionIdAsync(string name)
    {
        using var document = await GetCollectionAsync(name);
        return document.RootElement.GetProperty("id").GetString()!;
    }

    public async Task UpsertAsync(string collectionId, string body)
    {
        using var _ = await SendAsync(HttpMethod.Post, $"{DatabasePath}/collections/{collectionId}/upsert", body);
    }

    /// <summary>Gets records with embeddings, documents and metadatas (by ids, or a page).</summary>
    public async Task<JsonDocument> GetAsync(string collectionId, IEnumerable<string>? ids = null, int? limit = null, int? offset = null)
    {
        var request = new Dictionary<string, object> { ["include"] = new[] { "embeddings", "documents", "metadatas" } };
        if (ids is not null)
        {
            request["ids"] = ids.ToArray();
        }

        if (limit is not null)
        {
            request["limit"] = limit.Value;
        }

        if (offset is not null)
        {
            request["offset"] = offset.Value;
        }

        return await SendAsync(HttpMethod.Post, $"{DatabasePath}/collections/{collectionId}/get", JsonSerializer.Serialize(request));
    }

    /// <summary>
    /// Loads records as a Chroma user would: embeddings as exact decimals, native metadata as JSON values (floats
    /// always with a fraction), the title under "title", and arrays in Ferry's documented encoding (a JSON string
    /// plus <c>_ferry_types</c>), because Chroma metadata has no arrays.
    /// </summary>
    public async Task LoadAsync(string collectionId, IReadOnlyList<Record> records, int batch = 1000)
    {
        for (var start = 0; start < records.Count; start += batch)
        {
            var slice = records.Skip(start).Take(batch).ToList();
            await UpsertAsync(collectionId, UpsertBody(slice));
        }
    }

    public void Dispose() => _http.Dispose();

    private static string UpsertBody(IReadOnlyList<Record> records)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("ids");
            foreach (var record in records)
            {
                writer.WriteStringValue(record.Id);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("embeddings");
            foreach (var record in records)
            {
                writer.WriteStartArray();
                foreach (var component in record.Vector!)
                {
                    writer.WriteRawValue(((double)component).ToString("R", CultureInfo.InvariantCulture));
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("documents");
            foreach (var record in records)
            {
                writer.WriteStringValue(record.Text);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("metadatas");
            foreach (var record in records)
            {
                writer.WriteStartObject();
                var types = new List<string>();
                if (record.Title is not null)
                {
                    writer.WriteString("title", record.Title);
                }

                foreach (var (key, value) in record.Metadata)
                {
                    switch (value.Kind)
                    {
                        case MetadataKind.String: writer.WriteString(key, value.AsString()); break;
                        case MetadataKind.Integer: writer.WriteNumber(key, value.AsInteger()); break;
                        case MetadataKind.Bool: writer.WriteBoolean(key, value.AsBool()); break;
                        case MetadataKind.Float:
                            var text = value.AsFloat().ToString("R", CultureInfo.InvariantCulture);
                            writer.WritePropertyName(key);
                            writer.WriteRawValue(text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0");
                            break;
                        case MetadataKind.Array:
                            writer.WriteString(key, JsonSerializer.Serialize(value.AsArray().Select(item => item.AsString())));
                            types.Add($"\"{key}\":\"array\"");
                            break;
                        default:
                            throw new InvalidOperationException($"The test loader does not write {value.Kind}.");
                    }
                }

                if (types.Count > 0)
                {
                    writer.WriteString("_ferry_types", "{" + string.Join(',', types) + "}");
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Chroma {method} {path}: HTTP {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text);
    }
}
