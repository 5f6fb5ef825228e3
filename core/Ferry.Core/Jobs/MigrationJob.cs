using Ferry.Core.Resilience;
using Ferry.Core.Validation;

namespace Ferry.Core.Jobs;

/// <summary>
/// Everything that describes one migration, from command-line options or a YAML job file. Options that
/// change what ends up in the target (source, target, filter, transformers, id mode) make up the migration's
/// fingerprint; the others (parallelism, batch sizes, error mode, …) may change between a run and its resume.
/// </summary>
public sealed class MigrationJob
{
    /// <summary>The default state folder, relative to the working directory.</summary>
    public const string DefaultStateDirectory = ".ferry";

    /// <summary>Where records come from.</summary>
    public EndpointSpec? Source { get; set; }

    /// <summary>Where they go (not needed for estimate and dry run).</summary>
    public EndpointSpec? Target { get; set; }

    /// <summary>A filter in Ferry's filter language (e.g. <c>year &gt;= 2020 AND category = 'news'</c>).</summary>
    public string? Filter { get; set; }

    /// <summary>Transformers applied in order between source and target.</summary>
    public List<TransformerSpec> Transformers { get; } = [];

    /// <summary>How ids are formed in the target. Default <see cref="IdMode.Keep"/>.</summary>
    public IdMode IdMode { get; set; } = IdMode.Keep;

    /// <summary>What a failed record does to the run. Default <see cref="ErrorMode.Lenient"/>.</summary>
    public ErrorMode Errors { get; set; } = ErrorMode.Lenient;

    /// <summary>Read and transform everything, write nothing. Default false.</summary>
    public bool DryRun { get; set; }

    /// <summary>Ignore an existing checkpoint and start over. Default false.</summary>
    public bool Restart { get; set; }

    /// <summary>On a fresh (not resumed) run, remove the target's existing data first. Default false.</summary>
    public bool Overwrite { get; set; }

    /// <summary>What to do with records whose ids were in the target before this migration. Default <see cref="DuplicatePolicy.Overwrite"/>.</summary>
    public DuplicatePolicy OnDuplicate { get; set; } = DuplicatePolicy.Overwrite;

    /// <summary>Partitions read at the same time, and how many partitions a fresh run asks the source for. Default: the processor count.</summary>
    public int Parallel { get; set; } = Environment.ProcessorCount;

    /// <summary>Workers running the filter, transformers and id mode. Default: the processor count.</summary>
    public int TransformParallel { get; set; } = Environment.ProcessorCount;

    /// <summary>Concurrent write calls to the target. Default 1 (sinks need not be thread-safe; raise it for ones that are).</summary>
    public int WriteParallel { get; set; } = 1;

    /// <summary>Records per batch asked of the source and written per call (capped by the sink's limits). Default 1000.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>The estimated bytes per batch, likewise. Default 16 MiB.</summary>
    public long MaxBatchBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>Batches each channel between stages holds; with batch sizes this bounds memory. Default 4.</summary>
    public int ChannelCapacity { get; set; } = 4;

    /// <summary>The target is flushed and a checkpoint written after this many records. Default 20,000: frequent enough that full validation compares most records while the migration still runs.</summary>
    public long CheckpointEveryRecords { get; set; } = 20_000;

    /// <summary>… or after this much time, whichever comes first. Default 30 s.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The folder for checkpoints, dead-letter files and checksum logs. Default <c>.ferry</c>.</summary>
    public string StateDirectory { get; set; } = DefaultStateDirectory;

    /// <summary>An explicit checkpoint file (default: <c>STATE/&lt;fingerprint&gt;.checkpoint.json</c>).</summary>
    public string? CheckpointPath { get; set; }

    /// <summary>An explicit dead-letter file (default: beside the checkpoint, <c>&lt;fingerprint&gt;.dead-letter.jsonl</c>).</summary>
    public string? DeadLetterPath { get; set; }

    /// <summary>Validation after the run. Default none.</summary>
    public ValidationLevel Validation { get; set; } = ValidationLevel.None;

    /// <summary>Records compared field by field at the sample level. Default 100.</summary>
    public int SampleSize { get; set; } = 100;

    /// <summary>Queries run on both sides at the search level. Default 20.</summary>
    public int SearchQueries { get; set; } = 20;

    /// <summary>Hits per query at the search level. Default 10.</summary>
    public int SearchK { get; set; } = 10;

    /// <summary>The mean top-k overlap the search level requires, in [0, 1]. Default 0.9.</summary>
    public double SearchMinOverlap { get; set; } = 0.9;

    /// <summary>The seed for sampling, so that a validation can be repeated. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Stop the run (as in strict mode) once this many records failed; <c>null</c> for no limit.</summary>
    public long? MaxFailures { get; set; }

    /// <summary>Timeouts, retries and circuit breaking.</summary>
    public ResilienceOptions Resilience { get; set; } = new();

    /// <summary>Throws <see cref="JobValidationException"/> naming the first problem.</summary>
    /// <param name="needsTarget">Whether the command needs a target.</param>
    public void Validate(bool needsTarget)
    {
        if (Source is null)
        {
            throw new JobValidationException("No source: give --from (or 'source' in the job file).");
        }

        if (needsTarget && Target is null)
        {
            throw new JobValidationException("No target: give --to (or 'target' in the job file).");
        }

        Require(Parallel is >= 1 and <= 256, $"--parallel must be between 1 and 256, got {Parallel}.");
        Require(TransformParallel is >= 1 and <= 256, $"transform parallelism must be between 1 and 256, got {TransformParallel}.");
        Require(WriteParallel is >= 1 and <= 64, $"write parallelism must be between 1 and 64, got {WriteParallel}.");
        Require(BatchSize is >= 1 and <= 1_000_000, $"--batch-size must be between 1 and 1,000,000, got {BatchSize}.");
        Require(MaxBatchBytes >= 1024, $"--batch-bytes must be at least 1024, got {MaxBatchBytes}.");
        Require(ChannelCapacity is >= 1 and <= 1024, $"channel capacity must be between 1 and 1024, got {ChannelCapacity}.");
        Require(CheckpointEveryRecords >= 1, $"--checkpoint-every must be at least 1 record, got {CheckpointEveryRecords}.");
        Require(CheckpointInterval > TimeSpan.Zero, $"--checkpoint-interval must be positive, got {CheckpointInterval}.");
        Require(SampleSize is >= 1 and <= 1_000_000, $"--sample must be between 1 and 1,000,000, got {SampleSize}.");
        Require(SearchQueries is >= 1 and <= 10_000, $"search queries must be between 1 and 10,000, got {SearchQueries}.");
        Require(SearchK is >= 1 and <= 1000, $"search k must be between 1 and 1000, got {SearchK}.");
        Require(SearchMinOverlap is >= 0 and <= 1, $"search minimum overlap must be in [0, 1], got {SearchMinOverlap}.");
        Require(MaxFailures is null or >= 1, $"--max-failures must be at least 1, got {MaxFailures}.");
        Require(!string.IsNullOrWhiteSpace(StateDirectory), "the state folder must not be empty.");
        try
        {
            Resilience.Validate();
        }
        catch (ArgumentException e)
        {
            throw new JobValidationException(e.Message, e);
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new JobValidationException(message);
        }
    }
}
