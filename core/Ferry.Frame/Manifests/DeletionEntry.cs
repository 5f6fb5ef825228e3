namespace Ferry.Frame.Manifests;

/// <summary>A deletion file: every row deleted from one fragment as of a version.</summary>
internal sealed record DeletionEntry
{
    public string Path { get; init; } = string.Empty;

    public long Rows { get; init; }

    public long Bytes { get; init; }

    public string Checksum { get; init; } = string.Empty;
}
