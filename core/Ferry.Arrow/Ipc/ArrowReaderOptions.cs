namespace Ferry.Arrow;

/// <summary>Options of <see cref="ArrowStreamReader"/> and <see cref="ArrowFileReader"/>.</summary>
public sealed class ArrowReaderOptions
{
    /// <summary>The default options.</summary>
    public static ArrowReaderOptions Default { get; } = new();

    /// <summary>
    /// Check every offset and dictionary index of each batch when it is read (default true; O(rows),
    /// never touches float vector data). When false only the checks needed to keep every access
    /// inside the buffers are made (buffer bounds, first and last offsets).
    /// </summary>
    public bool ValidateData { get; init; } = true;

    /// <summary>Deepest type nesting accepted in a schema (default 64); deeper input is treated as corrupt.</summary>
    public int MaxNestingDepth { get; init; } = 64;

    /// <summary>Largest message metadata accepted, in bytes (default 64 MiB); guards against corrupt length prefixes.</summary>
    public int MaxMetadataLength { get; init; } = 64 << 20;
}
