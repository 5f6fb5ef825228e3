using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Chroma.Internal;

/// <summary>Chroma's distance spaces and Ferry's metrics: cosine ↔ Cosine, l2 ↔ L2, ip ↔ Dot.</summary>
internal static class ChromaSpace
{
    /// <summary>Chroma's default when a collection's configuration names no space.</summary>
    public const string Default = "l2";

    public static DistanceMetric? ToMetric(string? space) => space?.ToLowerInvariant() switch
    {
        "cosine" => DistanceMetric.Cosine,
        "l2" => DistanceMetric.L2,
        "ip" => DistanceMetric.Dot,
        _ => null,
    };

    public static string FromMetric(DistanceMetric metric) => metric switch
    {
        DistanceMetric.Cosine => "cosine",
        DistanceMetric.L2 => "l2",
        DistanceMetric.Dot => "ip",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown distance metric."),
    };
}
