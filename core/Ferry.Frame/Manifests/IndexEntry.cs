namespace Ferry.Frame.Manifests;

/// <summary>A secondary index over some fragments (format.md, section 3.1).</summary>
internal sealed record IndexEntry
{
    public string Name { get; init; } = string.Empty;

    public string Type { get; init; } = string.Empty;

    public string Column { get; init; } = string.Empty;

    public string Path { get; init; } = string.Empty;

    public List<long> FragmentIds { get; init; } = [];

    public long CreatedVersion { get; init; }
}
