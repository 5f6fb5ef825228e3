using Ferry.Sdk.Schema;

namespace Ferry.Frame.Manifests;

/// <summary>A dense vector field.</summary>
internal sealed record VectorEntry(string Name, int Dimension, DistanceMetric Metric);
