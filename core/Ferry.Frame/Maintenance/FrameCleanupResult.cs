namespace Ferry.Frame;

/// <summary>What a cleanup removed.</summary>
/// <param name="VersionsRemoved">The version numbers whose manifests were deleted.</param>
/// <param name="FilesRemoved">Data, deletion, index and temporary files deleted.</param>
/// <param name="BytesRemoved">Their total size.</param>
public sealed record FrameCleanupResult(IReadOnlyList<long> VersionsRemoved, int FilesRemoved, long BytesRemoved);
