using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Postgres.Internal.Catalog;

/// <summary>An approximate-nearest-neighbour index on a vector column, and the metric its operator class implies.</summary>
/// <param name="Column">The indexed column.</param>
/// <param name="Method">The access method (<c>hnsw</c>, <c>ivfflat</c>).</param>
/// <param name="OperatorClass">The operator class, e.g. <c>vector_cosine_ops</c>.</param>
/// <param name="Metric">The metric the operator class searches with.</param>
internal sealed record VectorIndexInfo(string Column, string Method, string OperatorClass, DistanceMetric Metric)
{
    /// <summary>The metric of a pgvector operator class, or <c>null</c> when it is not a distance pgvector's search maps to.</summary>
    public static DistanceMetric? MetricOf(string operatorClass)
    {
        if (operatorClass.EndsWith("_cosine_ops", StringComparison.Ordinal))
        {
            return DistanceMetric.Cosine;
        }

        if (operatorClass.EndsWith("_ip_ops", StringComparison.Ordinal))
        {
            return DistanceMetric.Dot;
        }

        if (operatorClass.EndsWith("_l2_ops", StringComparison.Ordinal))
        {
            return DistanceMetric.L2;
        }

        return null;
    }
}
