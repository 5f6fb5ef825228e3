namespace Ferry.Core.Checkpoints;

/// <summary>
/// The durable state of one migration (format documented in docs/migration.md): which partitioning it uses,
/// how far each partition is durably written, how long the dead-letter and checksum logs were at that moment,
/// and the totals so far. Written atomically after every flush of the target.
/// </summary>
public sealed class Checkpoint
{
    /// <summary>The current format version.</summary>
    public const int CurrentFormat = 1;

    /// <summary>The format version of this file.</summary>
    public int Format { get; set; } = CurrentFormat;

    /// <summary>The migration's fingerprint (see <see cref="MigrationFingerprint"/>); a file with another one is not this migration's.</summary>
    public string Fingerprint { get; set; } = "";

    /// <summary>The source as written by the user (secrets left as <c>${env:…}</c> references, passwords redacted).</summary>
    public string Source { get; set; } = "";

    /// <summary>The target, likewise.</summary>
    public string Target { get; set; } = "";

    /// <summary>When the first run started.</summary>
    public DateTimeOffset Created { get; set; }

    /// <summary>When this file was last written.</summary>
    public DateTimeOffset Updated { get; set; }

    /// <summary>How many runs have worked on this migration (1 for the first).</summary>
    public int Runs { get; set; } = 1;

    /// <summary>Whether the migration finished: every partition done.</summary>
    public bool Completed { get; set; }

    /// <summary>The partitioning recorded by the first run, with each partition's position.</summary>
    public List<PartitionCheckpoint> Partitions { get; set; } = [];

    /// <summary>The durable totals.</summary>
    public CheckpointTotals Totals { get; set; } = new();

    /// <summary>The dead-letter file.</summary>
    public string? DeadLetterPath { get; set; }

    /// <summary>The dead-letter file's durable length: a resumed run cuts it back to this, so no entry appears twice.</summary>
    public long DeadLetterLength { get; set; }

    /// <summary>The checksum log (full validation), when one is kept.</summary>
    public string? ChecksumLogPath { get; set; }

    /// <summary>The checksum log's durable length.</summary>
    public long ChecksumLogLength { get; set; }

    /// <summary>Whether the checksum log covers every record written since the first run (false once a run went without it).</summary>
    public bool ChecksumLogComplete { get; set; }

    /// <summary>The journal of ids this migration wrote (duplicate policies skip and fail), when one is kept.</summary>
    public string? WrittenIdsPath { get; set; }

    /// <summary>
    /// Whether that journal holds every id written since the first run (false once a run used the overwrite policy):
    /// only then can a skip or fail run tell the migration's own records from ones that were there before.
    /// </summary>
    public bool WrittenIdsComplete { get; set; }
}
