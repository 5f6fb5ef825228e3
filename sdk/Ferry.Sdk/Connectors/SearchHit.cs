namespace Ferry.Sdk.Connectors;

/// <summary>One search result.</summary>
/// <param name="Id">The record id.</param>
/// <param name="Score">The similarity or distance as the system reports it (compare ranks, not raw scores, across systems).</param>
public sealed record SearchHit(string Id, double Score);
