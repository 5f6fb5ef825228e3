using System.Text.Json;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;

namespace Ferry.Plugins.Chroma.Internal;

/// <summary>Top-k search through <c>POST …/query</c>; the score is Chroma's distance in the collection's space (lower is closer).</summary>
internal static class ChromaSearch
{
    public static async Task<IReadOnlyList<SearchHit>> RunAsync(ChromaClient client, ChromaCollection collection, SearchRequest request, CancellationToken cancellationToken)
    {
        if (request.Filter is not null)
        {
            throw new ConnectorConfigurationException("Chroma search through Ferry takes no metadata filter.");
        }

        if (request.VectorName != Sdk.Records.Record.DefaultVectorName)
        {
            throw new ConnectorConfigurationException($"A Chroma collection has one vector, '{Sdk.Records.Record.DefaultVectorName}'; asked to search '{request.VectorName}'.");
        }

        var body = await client.QueryAsync(collection.Id, request.Vector, request.K, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var ids = root.GetProperty("ids")[0];
        var distances = root.TryGetProperty("distances", out var d) && d.ValueKind == JsonValueKind.Array ? d[0] : default;
        var hits = new List<SearchHit>(ids.GetArrayLength());
        var i = 0;
        foreach (var id in ids.EnumerateArray())
        {
            var distance = distances.ValueKind == JsonValueKind.Array && distances[i].ValueKind == JsonValueKind.Number ? distances[i].GetDouble() : double.NaN;
            hits.Add(new SearchHit(id.GetString()!, distance));
            i++;
        }

        return hits;
    }
}
