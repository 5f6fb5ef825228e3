using Ferry.Sdk.Records;

namespace Ferry.Sdk.Testing;

/// <summary>
/// What a target can store, so that the conformance records include exactly that. Everything is on by default: turn
/// a feature off only for a documented limitation of the target system, never to make a failing test pass.
/// </summary>
public sealed record ConformanceFeatures
{
    /// <summary>All features, dimension 8.</summary>
    public static ConformanceFeatures All { get; } = new();

    /// <summary>The vector dimension.</summary>
    public int Dimension { get; init; } = 8;

    /// <summary>Ids with slashes, spaces and non-ASCII characters.</summary>
    public bool ArbitraryIds { get; init; } = true;

    /// <summary>Titles.</summary>
    public bool Titles { get; init; } = true;

    /// <summary>Record types other than document.</summary>
    public bool RecordTypes { get; init; } = true;

    /// <summary>Collection membership.</summary>
    public bool Collections { get; init; } = true;

    /// <summary>-0, subnormal and near-maximum float32 vector components.</summary>
    public bool SpecialFloats { get; init; } = true;

    /// <summary>Sparse vectors.</summary>
    public bool SparseVectors { get; init; } = true;

    /// <summary>Relationships.</summary>
    public bool Relationships { get; init; } = true;

    /// <summary>Provenance (<see cref="Record.Source"/>).</summary>
    public bool Provenance { get; init; } = true;

    /// <summary>Arrays whose items have different kinds.</summary>
    public bool MixedArrays { get; init; } = true;

    /// <summary>The metadata kinds stored; each gets a field <c>m_&lt;kind&gt;</c>.</summary>
    public IReadOnlySet<MetadataKind> MetadataKinds { get; init; } = new HashSet<MetadataKind>(Enum.GetValues<MetadataKind>());
}
