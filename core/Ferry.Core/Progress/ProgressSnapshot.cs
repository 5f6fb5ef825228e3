namespace Ferry.Core.Progress;

/// <summary>
/// The state of a run at one instant. Counts are of this run (records resumed from a checkpoint are in
/// <see cref="ResumedRecords"/>); rates are averages since <see cref="MigrationPhase.Migrating"/> began.
/// </summary>
public sealed record ProgressSnapshot
{
    /// <summary>What the run is doing.</summary>
    public MigrationPhase Phase { get; init; }

    /// <summary>Time since the run started.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Records read from the source (including ones that failed or were filtered out).</summary>
    public long Read { get; init; }

    /// <summary>Records accepted by the target.</summary>
    public long Written { get; init; }

    /// <summary>Records that failed (dead-lettered) in strict or lenient mode.</summary>
    public long Failed { get; init; }

    /// <summary>Records that failed in skip mode.</summary>
    public long Skipped { get; init; }

    /// <summary>Records the filter left out.</summary>
    public long Filtered { get; init; }

    /// <summary>Retries of calls to the source, target and transformers.</summary>
    public long Retries { get; init; }

    /// <summary>Estimated size of the records read (bytes).</summary>
    public long BytesRead { get; init; }

    /// <summary>Records written durably in earlier runs of the same migration.</summary>
    public long ResumedRecords { get; init; }

    /// <summary>The number of records the run is expected to read, when known.</summary>
    public long? Total { get; init; }

    /// <summary>Records read per second.</summary>
    public double RecordsPerSecond { get; init; }

    /// <summary>Bytes read per second (estimated record sizes).</summary>
    public double BytesPerSecond { get; init; }

    /// <summary>The estimated time left, when <see cref="Total"/> is known.</summary>
    public TimeSpan? Eta { get; init; }

    /// <summary>The last retry's reason, for display.</summary>
    public string? LastRetry { get; init; }
}
