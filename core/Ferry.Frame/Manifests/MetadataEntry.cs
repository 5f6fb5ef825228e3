using Ferry.Sdk.Records;

namespace Ferry.Frame.Manifests;

/// <summary>A metadata key and its kind (null when kinds vary).</summary>
internal sealed record MetadataEntry(string Name, MetadataKind? Kind)
{
    public MetadataKind? ItemKind { get; init; }
}
