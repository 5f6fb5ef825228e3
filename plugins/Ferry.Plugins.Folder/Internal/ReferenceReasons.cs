namespace Ferry.Plugins.Folder.Internal;

/// <summary>Why a file became a <c>reference</c> record (metadata <c>reference_reason</c>).</summary>
internal static class ReferenceReasons
{
    /// <summary>A binary format by its extension, or an unknown extension whose bytes are not text.</summary>
    public const string Binary = "binary";

    /// <summary>Larger than <c>max_text_bytes</c>.</summary>
    public const string TooLarge = "too_large";

    /// <summary>A text format by its extension whose bytes do not decode (no BOM and not UTF-8, or NUL characters).</summary>
    public const string InvalidEncoding = "invalid_encoding";

    /// <summary>The same bytes as an earlier file (dedupe=true); the record links to it with <c>duplicate_of</c>.</summary>
    public const string Duplicate = "duplicate";
}
