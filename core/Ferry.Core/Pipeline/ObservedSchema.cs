using Ferry.Sdk.Records;

namespace Ferry.Core.Pipeline;

/// <summary>What records actually carried, as seen while reading (dry run, estimate).</summary>
public sealed record ObservedSchema
{
    /// <summary>Records observed.</summary>
    public long Records { get; init; }

    /// <summary>Records with text.</summary>
    public long WithText { get; init; }

    /// <summary>Records with a title.</summary>
    public long WithTitle { get; init; }

    /// <summary>Dense vectors by name, with the dimensions seen (more than one means inconsistent data).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<int>> Vectors { get; init; } = new Dictionary<string, IReadOnlyList<int>>();

    /// <summary>Metadata fields by name, with the kinds seen.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<MetadataKind>> Metadata { get; init; } = new Dictionary<string, IReadOnlyList<MetadataKind>>();
}
