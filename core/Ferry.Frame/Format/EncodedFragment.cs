using Ferry.Arrow;
using Ferry.Sdk.Records;

namespace Ferry.Frame.Format;

/// <summary>A batch of records turned into one fragment's columns, with the schema facts the manifest needs.</summary>
internal sealed class EncodedFragment
{
    public required RecordBatch Batch { get; init; }

    /// <summary>The ids in row order.</summary>
    public required string[] Ids { get; init; }

    /// <summary>The dense vector fields the fragment has, with their dimensions.</summary>
    public required Dictionary<string, int> VectorDimensions { get; init; }

    public required List<string> SparseNames { get; init; }

    /// <summary>Per metadata key: the one kind all its non-null values have (<see cref="MetadataKind.Null"/> when all are null), or null when kinds vary.</summary>
    public required Dictionary<string, (MetadataKind? Kind, MetadataKind? ItemKind)> MetadataKinds { get; init; }

    public bool HasText { get; init; }

    public bool HasTitle { get; init; }
}
