using Ferry.Sdk.Filtering;

namespace Ferry.Sdk.Connectors;

/// <summary>A top-k vector query, used to check that source and target agree on search results.</summary>
/// <param name="VectorName">The vector field searched.</param>
/// <param name="Vector">The query vector.</param>
/// <param name="K">How many hits to return.</param>
public sealed record SearchRequest(string VectorName, float[] Vector, int K)
{
    /// <summary>An optional filter applied before ranking.</summary>
    public FilterExpression? Filter { get; init; }
}
