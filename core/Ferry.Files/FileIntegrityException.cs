using Ferry.Sdk.Errors;

namespace Ferry.Files;

/// <summary>
/// A wrapped file cannot be read as written: truncated or corrupt compressed data, a wrong key, a tampered or missing
/// encrypted chunk, or a part that differs from its manifest. Never transient: retrying reads the same bytes. The
/// message names the file and the place (byte offset, chunk number, part).
/// </summary>
public sealed class FileIntegrityException : ConnectorException
{
    /// <summary>Creates the exception.</summary>
    public FileIntegrityException(FileIntegrityProblem problem, string message, long? chunkIndex = null, long? byteOffset = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
        ChunkIndex = chunkIndex;
        ByteOffset = byteOffset;
    }

    /// <summary>What is wrong.</summary>
    public FileIntegrityProblem Problem { get; }

    /// <summary>The 0-based encrypted chunk at fault, when the problem is in one.</summary>
    public long? ChunkIndex { get; }

    /// <summary>The offset in the file (or in the compressed data) where the problem was found, when known.</summary>
    public long? ByteOffset { get; }
}
