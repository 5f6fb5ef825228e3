namespace Ferry.Files.Compression;

/// <summary>How a file's bytes are compressed.</summary>
public enum CompressionKind
{
    /// <summary>Not compressed.</summary>
    None = 0,

    /// <summary>gzip (RFC 1952), suffix <c>.gz</c> or <c>.gzip</c>.</summary>
    Gzip = 1,

    /// <summary>Brotli (RFC 7932), suffix <c>.br</c>.</summary>
    Brotli = 2,
}
