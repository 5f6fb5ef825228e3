using Ferry.Files.Compression;

namespace Ferry.Plugins.Files.Wrapping;

/// <summary>
/// One file of records to read: a single file, a part from a manifest (with what the manifest promises about it), or
/// the flushed beginning of a file still being written.
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="Records">The records it holds, when known (a manifest part, a flushed prefix).</param>
/// <param name="Bytes">Its size, when a manifest states it; for an unfinished file, the flushed bytes to read.</param>
/// <param name="Sha256">Its SHA-256, when a manifest states it.</param>
internal sealed record PartFile(string Path, long? Records, long? Bytes, string? Sha256)
{
    /// <summary>The wrappers a manifest states (<c>null</c>: detect).</summary>
    public (CompressionKind Compression, bool Encrypted)? Wrappers { get; init; }

    /// <summary>True for a file whose writer has not finished it: read leniently, only <see cref="Records"/> records from the first <see cref="Bytes"/> bytes.</summary>
    public bool Unfinished { get; init; }
}
