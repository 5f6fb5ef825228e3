using Ferry.Sdk.Testing;

namespace Ferry.Connectors.Tests.DynamoDb;

/// <summary>What DynamoDB keeps of a Ferry record (docs/from-dynamodb.md), for the SDK conformance tests.</summary>
internal static class DynamoConformance
{
    /// <summary>
    /// Everything but provenance (a record read from DynamoDB says it came from DynamoDB). Mixed arrays, -0 and
    /// subnormal components, every metadata kind, sparse vectors, titles, record types, collections and relationships
    /// survive through the documented mapping.
    /// </summary>
    public static ConformanceFeatures Features { get; } = ConformanceFeatures.All with { Provenance = false };
}
