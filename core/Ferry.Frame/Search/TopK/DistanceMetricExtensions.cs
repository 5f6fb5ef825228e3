using Ferry.Sdk.Schema;

namespace Ferry.Frame.Search.TopK;

/// <summary>How each metric's kernel scores rank.</summary>
public static class DistanceMetricExtensions
{
    /// <summary>
    /// <see cref="ScoreOrder.HigherIsBetter"/> for the similarities (cosine, dot);
    /// <see cref="ScoreOrder.LowerIsBetter"/> for L2, whose kernels return the squared distance.
    /// </summary>
    /// <param name="metric">The metric.</param>
    /// <returns>The order of its scores.</returns>
    public static ScoreOrder ScoreOrder(this DistanceMetric metric) => metric switch
    {
        DistanceMetric.Cosine or DistanceMetric.Dot => TopK.ScoreOrder.HigherIsBetter,
        DistanceMetric.L2 => TopK.ScoreOrder.LowerIsBetter,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown distance metric."),
    };
}
