namespace Ferry.Sdk.Schema;

/// <summary>The similarity a vector field is searched with.</summary>
public enum DistanceMetric
{
    /// <summary>Cosine similarity (higher is closer).</summary>
    Cosine = 0,
    /// <summary>Dot product (higher is closer).</summary>
    Dot = 1,
    /// <summary>Euclidean distance (lower is closer; kernels may work on its square).</summary>
    L2 = 2,
}
