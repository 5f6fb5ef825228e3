using System.Globalization;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Postgres.Internal.Mapping;

/// <summary>A named dense vector's column in a sink-created table.</summary>
internal sealed record LayoutVector(string Name, string Column, int Dimension, DistanceMetric Metric, VectorStorage Storage)
{
    public string SqlType => Storage switch
    {
        VectorStorage.Vector => "vector(" + Dimension.ToString(CultureInfo.InvariantCulture) + ")",
        VectorStorage.Halfvec => "halfvec(" + Dimension.ToString(CultureInfo.InvariantCulture) + ")",
        _ => "real[]",
    };
}
