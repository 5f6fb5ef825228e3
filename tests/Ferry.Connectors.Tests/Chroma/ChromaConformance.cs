using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using Ferry.Sdk.Testing;

namespace Ferry.Connectors.Tests.Chroma;

/// <summary>What Chroma keeps of a Ferry record (docs/from-chroma.md), for the SDK conformance tests.</summary>
internal static class ChromaConformance
{
    /// <summary>
    /// Everything but provenance: a record read from Chroma says it came from Chroma (the sink does not store where a
    /// record came from before). Every metadata kind, sparse vectors, titles, record types, collections and
    /// relationships survive through the documented encoding.
    /// </summary>
    public static ConformanceFeatures Features { get; } = ConformanceFeatures.All with { Provenance = false };

    /// <summary>
    /// The conformance schema in space l2: in cosine collections Chroma alters stored embeddings in the last bits
    /// (documented; see ChromaCosineTests), and the conformance tests compare bit for bit.
    /// </summary>
    public static DatasetSchema Schema { get; } = ConformanceData.Schema(Features) with
    {
        Vectors = [new VectorField(Record.DefaultVectorName, Features.Dimension, DistanceMetric.L2)],
    };
}
