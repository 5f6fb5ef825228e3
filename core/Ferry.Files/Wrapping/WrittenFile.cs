namespace Ferry.Files.Wrapping;

/// <summary>A file a <see cref="WrappedFileWriter"/> completed.</summary>
/// <param name="Path">Where it is.</param>
/// <param name="Bytes">Its size on disk.</param>
/// <param name="Sha256">The SHA-256 of its bytes, lower-case hex.</param>
/// <param name="PayloadBytes">The bytes the format wrote, before compression and encryption.</param>
public sealed record WrittenFile(string Path, long Bytes, string Sha256, long PayloadBytes);
