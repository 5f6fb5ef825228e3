namespace Ferry.Frame.Manifests;

/// <summary>A fragment of a version: an immutable Arrow IPC file and, optionally, the rows deleted from it.</summary>
internal sealed record FragmentEntry
{
    public long Id { get; init; }

    public string Path { get; init; } = string.Empty;

    public long Rows { get; init; }

    public long Bytes { get; init; }

    public string Checksum { get; init; } = string.Empty;

    public DeletionEntry? Deletion { get; init; }

    /// <summary>Rows not deleted.</summary>
    public long LiveRows => Rows - (Deletion?.Rows ?? 0);
}
