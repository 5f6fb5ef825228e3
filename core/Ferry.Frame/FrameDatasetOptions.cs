namespace Ferry.Frame;

/// <summary>How a <see cref="FrameDataset"/> writes and caches. Every default is documented and safe; <see cref="Validate"/> checks ranges.</summary>
public sealed class FrameDatasetOptions
{
    /// <summary>The shared default options.</summary>
    public static FrameDatasetOptions Default { get; } = new();

    /// <summary>
    /// The most rows one fragment file holds (default 131,072). Larger writes are split; a fragment is one Arrow record
    /// batch, so this also bounds the memory one fragment takes while it is written.
    /// </summary>
    public int MaxRowsPerFragment { get; init; } = 131_072;

    /// <summary>
    /// The most bytes of text, titles and ids one fragment holds before the writer starts another (default 1 GiB),
    /// keeping every string column well under Arrow's 2 GiB limit for 32-bit offsets.
    /// </summary>
    public long MaxStringBytesPerFragment { get; init; } = 1L << 30;

    /// <summary>How many times a commit is retried on top of a newer version before <see cref="FrameCommitConflictException"/> (default 32).</summary>
    public int MaxCommitAttempts { get; init; } = 32;

    /// <summary>
    /// Whether files are flushed to stable storage (fsync) before the manifest that names them is published (default true).
    /// Turning it off trades crash safety of the last commits for speed, e.g. for throw-away datasets in tests.
    /// </summary>
    public bool FlushToDisk { get; init; } = true;

    /// <summary>Whether fragments are checked against their manifest checksum when first opened (default false: sizes are always checked; <see cref="FrameDataset.VerifyAsync"/> checks checksums on demand).</summary>
    public bool VerifyChecksumsOnOpen { get; init; }

    /// <summary>How many threads a search or scan uses at most (default: the processor count).</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The clock used for commit timestamps and cleanup retention; tests substitute a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Called after a commit's files and manifest are written and flushed, right before the manifest is published (tests use it to crash there).</summary>
    internal Action? BeforePublish { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRowsPerFragment, 1, nameof(MaxRowsPerFragment));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxStringBytesPerFragment, 1L << 20, nameof(MaxStringBytesPerFragment));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxStringBytesPerFragment, 3L << 29, nameof(MaxStringBytesPerFragment));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCommitAttempts, 1, nameof(MaxCommitAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDegreeOfParallelism, 1, nameof(MaxDegreeOfParallelism));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }
}
