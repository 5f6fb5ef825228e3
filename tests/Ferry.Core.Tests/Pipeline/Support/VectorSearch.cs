using Ferry.Sdk.Connectors;
using Ferry.Sdk.Filtering;
using Ferry.Sdk.Records;

namespace Ferry.Core.Tests.Pipeline.Support;

/// <summary>Exact cosine top-k over records, for the in-memory connectors.</summary>
internal static class VectorSearch
{
    public static IReadOnlyList<SearchHit> TopK(IEnumerable<Record> records, SearchRequest request)
    {
        var filter = request.Filter is null ? null : FilterEvaluator.Compile(request.Filter);
        return records
            .Where(r => r.Vectors.ContainsKey(request.VectorName) && (filter is null || filter.Matches(r)))
            .Select(r => new SearchHit(r.Id, Cosine(r.Vectors[request.VectorName], request.Vector)))
            .OrderByDescending(h => h.Score)
            .ThenBy(h => h.Id, StringComparer.Ordinal)
            .Take(request.K)
            .ToArray();
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }
}
