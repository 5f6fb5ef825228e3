using Ferry.Sdk.Filtering;
using Ferry.Sdk.Schema;

namespace Ferry.Frame;

/// <summary>An exact top-k vector query on a <see cref="FrameDataset"/>.</summary>
/// <param name="Vector">The query vector; its length must be the field's dimension.</param>
/// <param name="K">How many hits to return at most.</param>
public sealed record FrameSearchRequest(float[] Vector, int K)
{
    /// <summary>The vector field searched; <c>null</c> means the dataset's only vector field (or <c>default</c>).</summary>
    public string? VectorName { get; init; }

    /// <summary>The metric; <c>null</c> means the field's metric from the schema.</summary>
    public DistanceMetric? Metric { get; init; }

    /// <summary>A filter applied before scoring: rows that fail it are never scored.</summary>
    public FilterExpression? Filter { get; init; }

    /// <summary>
    /// The parts of each hit's record to return: <c>text</c>, <c>title</c>, <c>source</c>, <c>relationships</c>,
    /// <c>sparse</c>, <c>vectors</c>, <c>vector.NAME</c>, <c>metadata</c>, <c>metadata.KEY</c> (id, record type and
    /// collection always). <c>null</c> returns everything except vectors; an empty list returns only the ids.
    /// </summary>
    public IReadOnlyList<string>? Columns { get; init; }
}
