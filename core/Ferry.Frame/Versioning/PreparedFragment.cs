using Ferry.Frame.Manifests;
using Ferry.Sdk.Records;

namespace Ferry.Frame.Versioning;

/// <summary>A fragment file written by a commit's prepare step, with the facts its manifest entry and schema need.</summary>
internal sealed class PreparedFragment
{
    public required FragmentEntry Entry { get; init; }

    public required string[] Ids { get; init; }

    public required Dictionary<string, int> VectorDimensions { get; init; }

    public required List<string> SparseNames { get; init; }

    public required Dictionary<string, (MetadataKind? Kind, MetadataKind? ItemKind)> MetadataKinds { get; init; }

    public bool HasText { get; init; }

    public bool HasTitle { get; init; }
}
