using Ferry.Sdk.Records;

namespace Ferry.Frame;

/// <summary>One search hit.</summary>
/// <param name="Id">The record id.</param>
/// <param name="Score">Cosine similarity or dot product (higher is closer), or Euclidean distance for L2 (lower is closer).</param>
/// <param name="Record">The record with the requested columns.</param>
public sealed record FrameSearchHit(string Id, double Score, Record Record);
