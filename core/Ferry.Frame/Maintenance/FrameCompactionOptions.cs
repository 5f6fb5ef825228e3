namespace Ferry.Frame;

/// <summary>Which fragments <see cref="FrameDataset.CompactAsync"/> rewrites (format.md, section 8).</summary>
public sealed class FrameCompactionOptions
{
    /// <summary>The shared defaults.</summary>
    public static FrameCompactionOptions Default { get; } = new();

    /// <summary>Fragments with fewer live rows than this are merged (default 131,072); output fragments hold up to this many rows.</summary>
    public int TargetRowsPerFragment { get; init; } = 131_072;

    /// <summary>Fragments with a larger share of deleted rows are rewritten whatever their size (default 0.1).</summary>
    public double MaxDeletedFraction { get; init; } = 0.1;

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(TargetRowsPerFragment, 1, nameof(TargetRowsPerFragment));
        if (MaxDeletedFraction is < 0 or > 1 || double.IsNaN(MaxDeletedFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDeletedFraction), MaxDeletedFraction, "Must be between 0 and 1.");
        }
    }
}
