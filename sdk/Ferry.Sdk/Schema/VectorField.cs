namespace Ferry.Sdk.Schema;

/// <summary>A named dense vector field: its dimension and the metric it is searched with.</summary>
/// <param name="Name">The vector's name (<c>default</c> for single-vector sources).</param>
/// <param name="Dimension">The number of float32 components; every record's vector must have exactly this many.</param>
/// <param name="Metric">The distance metric of the source's index, or the one to use in the target.</param>
public sealed record VectorField(string Name, int Dimension, DistanceMetric Metric)
{
    /// <summary>How the source stores the components (e.g. <c>float32</c>, <c>float16</c>); informative, records always carry float32.</summary>
    public string StorageType { get; init; } = "float32";
}
