using Ferry.Core.Checkpoints;
using Ferry.Core.Validation;

namespace Ferry.Core.Pipeline;

/// <summary>The summary of a run. Counts are of this run; <see cref="Totals"/> sums every run of the migration.</summary>
public sealed record MigrationResult
{
    /// <summary>How the run ended.</summary>
    public required MigrationOutcome Outcome { get; init; }

    /// <summary>A sentence about why it ended that way, when it did not simply complete.</summary>
    public string? Message { get; init; }

    /// <summary>The failure that ended the run, when one did.</summary>
    public Exception? Error { get; init; }

    /// <summary>The source as displayed (secrets hidden).</summary>
    public required string Source { get; init; }

    /// <summary>The target as displayed, or <c>null</c> (dry run without one).</summary>
    public string? Target { get; init; }

    /// <summary>Whether nothing was written.</summary>
    public bool DryRun { get; init; }

    /// <summary>Whether the run continued an interrupted one.</summary>
    public bool Resumed { get; init; }

    /// <summary>Records read (including ones that failed to convert and ones filtered out).</summary>
    public long Read { get; init; }

    /// <summary>Records written to the target (in a dry run: that would be written).</summary>
    public long Migrated { get; init; }

    /// <summary>Records that failed (strict and lenient modes).</summary>
    public long Failed { get; init; }

    /// <summary>Records that failed in skip mode.</summary>
    public long Skipped { get; init; }

    /// <summary>Records the filter left out (evaluated in the pipeline; a pushed-down filter's are never read).</summary>
    public long Filtered { get; init; }

    /// <summary>Records not written because their ids were in the target before the migration (--on-duplicate skip).</summary>
    public long Duplicates { get; init; }

    /// <summary>Retried calls.</summary>
    public long Retries { get; init; }

    /// <summary>Estimated bytes of the records read.</summary>
    public long BytesRead { get; init; }

    /// <summary>Wall-clock time of the run (including validation).</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Time spent moving records (excluding preparation and validation).</summary>
    public TimeSpan MigrationDuration { get; init; }

    /// <summary>Records read per second while migrating.</summary>
    public double RecordsPerSecond { get; init; }

    /// <summary>Bytes read per second while migrating.</summary>
    public double BytesPerSecond { get; init; }

    /// <summary>The filter in canonical form, when there is one.</summary>
    public string? Filter { get; init; }

    /// <summary>Where the filter ran.</summary>
    public FilterPlacement FilterPlacement { get; init; }

    /// <summary>The number of source partitions.</summary>
    public int Partitions { get; init; }

    /// <summary>The checkpoint file.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>The dead-letter file (it exists only when something failed).</summary>
    public string? DeadLetterPath { get; init; }

    /// <summary>Entries this run added to the dead-letter file.</summary>
    public long DeadLetters { get; init; }

    /// <summary>The first failures' messages, for display.</summary>
    public IReadOnlyList<string> FirstErrors { get; init; } = [];

    /// <summary>Totals over every run of this migration.</summary>
    public CheckpointTotals? Totals { get; init; }

    /// <summary>What a dry run found.</summary>
    public DryRunReport? DryRunReport { get; init; }

    /// <summary>The validation, when one ran.</summary>
    public ValidationReport? Validation { get; init; }
}
