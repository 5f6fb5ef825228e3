namespace Ferry.Files;

/// <summary>What is wrong with a wrapped (compressed, encrypted or split) file.</summary>
public enum FileIntegrityProblem
{
    /// <summary>The compressed data ends before its end marker (gzip trailer or Brotli last block missing).</summary>
    TruncatedCompression,

    /// <summary>The compressed data is not valid gzip or Brotli, or its checksum does not match.</summary>
    CorruptCompression,

    /// <summary>The file is encrypted with another key than the one supplied.</summary>
    WrongKey,

    /// <summary>An encrypted chunk failed authentication: the file was altered or damaged.</summary>
    TamperedChunk,

    /// <summary>The encrypted file ends before its final chunk.</summary>
    TruncatedEncryption,

    /// <summary>The file does not start with a Ferry encryption header, or uses an unknown version or algorithm.</summary>
    NotEncrypted,

    /// <summary>A part listed in a manifest is missing, or its size or SHA-256 differs from the manifest.</summary>
    PartMismatch,
}
