namespace Ferry.Arrow;

/// <summary>Options of <see cref="ArrowStreamWriter"/> and <see cref="ArrowFileWriter"/>.</summary>
public sealed class ArrowWriterOptions
{
    /// <summary>The default options: 64-byte alignment.</summary>
    public static ArrowWriterOptions Default { get; } = new();

    /// <summary>
    /// Alignment in bytes of every buffer in a message body, and of the body itself within the
    /// output: 8 (the minimum the format allows), 16, 32 or 64 (default, the format's
    /// recommendation; lets memory-mapped readers use aligned SIMD loads).
    /// </summary>
    public int Alignment { get; init; } = 64;

    /// <summary>Custom metadata for the file footer (file format only); schema metadata belongs on the <see cref="Schema"/>.</summary>
    public IReadOnlyDictionary<string, string>? FooterMetadata { get; init; }

    internal void Validate()
    {
        if (Alignment is not (8 or 16 or 32 or 64))
        {
            throw new ArgumentOutOfRangeException(nameof(Alignment), Alignment, "Alignment must be 8, 16, 32 or 64.");
        }
    }
}
