using Ferry.Files.Compression;
using Ferry.Files.Encryption;

namespace Ferry.Files.Wrapping;

/// <summary>How a wrapped file is opened for reading.</summary>
public sealed record ReadSettings
{
    /// <summary>Detect everything from the name and the magic bytes; strict.</summary>
    public static ReadSettings Detect { get; } = new();

    /// <summary>The compression, or <c>null</c> to take it from the name (<c>.gz</c>, <c>.br</c>) or, for gzip, from the magic bytes.</summary>
    public CompressionKind? Compression { get; init; }

    /// <summary>Whether the file is encrypted, or <c>null</c> to take it from the name (<c>.enc</c>) or the <c>FERRYENC</c> magic.</summary>
    public bool? Encrypted { get; init; }

    /// <summary>Supplies the key when the file turns out to be encrypted (called at most once per open).</summary>
    public Func<EncryptionKey>? Key { get; init; }

    /// <summary>
    /// Report files whose end is missing (truncated gzip or Brotli, no final encrypted chunk). Default true; false only
    /// to recover what a writer flushed before it was interrupted.
    /// </summary>
    public bool Strict { get; init; } = true;
}
