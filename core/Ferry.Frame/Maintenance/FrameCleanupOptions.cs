namespace Ferry.Frame;

/// <summary>What <see cref="FrameDataset.CleanupAsync"/> removes (format.md, section 8).</summary>
public sealed class FrameCleanupOptions
{
    /// <summary>The shared defaults.</summary>
    public static FrameCleanupOptions Default { get; } = new();

    /// <summary>
    /// Versions committed longer ago than this are removed (never the latest), and so are unreferenced files last written
    /// longer ago than this (default 7 days). The file age rule protects commits that are being written right now.
    /// </summary>
    public TimeSpan OlderThan { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Versions kept whatever their age.</summary>
    public IReadOnlyCollection<long> KeepVersions { get; init; } = [];

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate() => ArgumentOutOfRangeException.ThrowIfLessThan(OlderThan, TimeSpan.Zero, nameof(OlderThan));
}
