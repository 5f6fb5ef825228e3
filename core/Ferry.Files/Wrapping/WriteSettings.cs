using System.IO.Compression;
using Ferry.Files.Compression;
using Ferry.Files.Encryption;

namespace Ferry.Files.Wrapping;

/// <summary>How a file is wrapped on the way out: compression, then encryption.</summary>
public sealed record WriteSettings
{
    /// <summary>No compression, no encryption.</summary>
    public static WriteSettings Plain { get; } = new();

    /// <summary>The compression. Default none.</summary>
    public CompressionKind Compression { get; init; }

    /// <summary>The compression level. Default <see cref="System.IO.Compression.CompressionLevel.Fastest"/>: exports are large and I/O-bound, and the gain of higher levels is small on embeddings.</summary>
    public CompressionLevel CompressionLevel { get; init; } = CompressionLevel.Fastest;

    /// <summary>The key to encrypt with, or <c>null</c> for no encryption.</summary>
    public EncryptionKey? Encryption { get; init; }

    /// <summary>The plaintext bytes per encrypted chunk. Default 64 KiB; 1 KiB to 16 MiB.</summary>
    public int ChunkSize { get; init; } = 64 * 1024;
}
