using System.CommandLine;
using Ferry.Core.Jobs;
using Ferry.Core.Validation;

namespace Ferry.Host.Migration;

/// <summary>
/// The options shared by <c>migrate</c>, <c>estimate</c> and <c>validate</c>, and how they fill a
/// <see cref="MigrationJob"/>: a job file (<c>-c</c>) first, then every option given on the command line on top.
/// </summary>
internal sealed class JobOptions
{
    public Option<string?> Config { get; } = new("--config", "-c") { Description = "A YAML job file (see docs/migration.md); options given on the command line override it." };

    public Option<string?> From { get; } = new("--from") { Description = "The source: a URI (chroma://host:8000/docs) or a path (./dump.jsonl.gz); ?key=value adds options. Secrets as ${env:NAME}." };

    public Option<string?> To { get; } = new("--to") { Description = "The target, likewise (e.g. ./docs.frame)." };

    public Option<string?> FromFormat { get; } = new("--from-format") { Description = "The source's connector or extension when the location does not tell (e.g. jsonl)." };

    public Option<string?> ToFormat { get; } = new("--to-format") { Description = "The target's connector or extension when the location does not tell." };

    public Option<string?> Filter { get; } = new("--filter") { Description = "Only records matching this filter (Ferry's filter language, e.g. \"year >= 2020 AND category = 'news'\"); pushed down to the source when it can." };

    public Option<string?> Since { get; } = new("--since") { Description = "Only records with FIELD >= DATE: --since FIELD=DATE (ISO 8601, e.g. published=2024-01-01); joined with --filter by AND." };

    public Option<string?> Until { get; } = new("--until") { Description = "Only records with FIELD <= DATE (a date without a time includes that whole day): --until FIELD=DATE." };

    public Option<string?> DateRange { get; } = new("--date-range") { Description = "Only records with FIELD in FROM..TO (inclusive; either end may be empty): --date-range FIELD:2024-01-01..2024-12-31." };

    public Option<string?> Types { get; } = new("--types") { Description = "Only records whose record_type is one of these (comma-separated): --types document,chunk." };

    public Option<string?> Tags { get; } = new("--tags") { Description = "Only records whose tags array holds any of these (comma-separated): --tags x,y, or --tags FIELD=x,y for another array field." };

    public Option<string[]> Transform { get; } = new("--transform") { Description = "A transformer to apply, by name or by its configuration file (e.g. ./mapping.yaml; repeatable, applied in order; options in the job file).", AllowMultipleArgumentsPerToken = false };

    public Option<string?> IdMode { get; } = new("--id-mode") { Description = "Ids in the target: keep (default), uuid (deterministic UUID v5 of the source id) or hash (content hash); the source id stays in the record's provenance." };

    public Option<int?> Parallel { get; } = new("--parallel", "-p") { Description = "Partitions read at once (default: processor count). A resumed run keeps its recorded partitioning." };

    public Option<int?> BatchSize { get; } = new("--batch-size") { Description = "Records per batch (default 1000; capped by the target's limits)." };

    public Option<string?> BatchBytes { get; } = new("--batch-bytes") { Description = "Estimated bytes per batch (default 16MiB)." };

    public Option<string?> StateDir { get; } = new("--state-dir") { Description = "Folder for checkpoints, dead letters and checksum logs (default .ferry)." };

    public Option<int?> Seed { get; } = new("--seed") { Description = "Seed for sampling (default 1)." };

    public Option<bool> Json { get; } = new("--json") { Description = "Machine-readable output: JSON progress lines, then one JSON result line." };

    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Log more (resume decisions, checkpoints, connector messages)." };

    public Option<string?> Timeout { get; } = new("--timeout") { Description = "Per-call timeout for source and target calls (default 2m)." };

    public Option<int?> Retries { get; } = new("--retries") { Description = "Retries of a failing call, with exponential backoff and jitter honouring Retry-After (default 6; 0 = none)." };

    public Option<string?> RetryDelay { get; } = new("--retry-delay") { Description = "Delay before the first retry, doubled each time (default 500ms)." };

    public Option<string?> MaxRetryDelay { get; } = new("--max-retry-delay") { Description = "Longest computed retry delay (default 30s)." };

    public void AddSourceOptions(Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(From);
        command.Options.Add(FromFormat);
        command.Options.Add(Filter);
        command.Options.Add(Since);
        command.Options.Add(Until);
        command.Options.Add(DateRange);
        command.Options.Add(Types);
        command.Options.Add(Tags);
        command.Options.Add(Transform);
        command.Options.Add(IdMode);
        command.Options.Add(Parallel);
        command.Options.Add(BatchSize);
        command.Options.Add(BatchBytes);
        command.Options.Add(Seed);
        command.Options.Add(Json);
        command.Options.Add(Verbose);
        command.Options.Add(Timeout);
        command.Options.Add(Retries);
        command.Options.Add(RetryDelay);
        command.Options.Add(MaxRetryDelay);
    }

    public void AddTargetOptions(Command command)
    {
        command.Options.Add(To);
        command.Options.Add(ToFormat);
        command.Options.Add(StateDir);
    }

    /// <summary>Builds the job: the file's, then the command line's options on top.</summary>
    public MigrationJob Bind(ParseResult parse, TextWriter warnings)
    {
        var config = parse.GetValue(Config);
        var job = config is null ? new MigrationJob() : JobFile.Load(config);
        if (parse.GetValue(From) is { } from)
        {
            job.Source = new EndpointSpec(from);
            Warn(from, "--from", warnings);
        }

        if (parse.GetValue(To) is { } to)
        {
            job.Target = new EndpointSpec(to);
            Warn(to, "--to", warnings);
        }

        if (parse.GetValue(FromFormat) is { } fromFormat)
        {
            (job.Source ?? throw new JobValidationException("--from-format needs a source (--from or the job file).")).Format = fromFormat;
        }

        if (parse.GetValue(ToFormat) is { } toFormat)
        {
            (job.Target ?? throw new JobValidationException("--to-format needs a target (--to or the job file).")).Format = toFormat;
        }

        Set(parse, Filter, v => job.Filter = v);
        var shortcuts = new List<Ferry.Sdk.Filtering.FilterExpression>();
        Set(parse, Since, v => shortcuts.Add(FilterShortcuts.Since(v)));
        Set(parse, Until, v => shortcuts.Add(FilterShortcuts.Until(v)));
        Set(parse, DateRange, v => shortcuts.Add(FilterShortcuts.DateRange(v)));
        Set(parse, Types, v => shortcuts.Add(FilterShortcuts.Types(v)));
        Set(parse, Tags, v => shortcuts.Add(FilterShortcuts.Tags(v)));
        job.Filter = FilterShortcuts.Combine(job.Filter, shortcuts);
        if (parse.GetValue(Transform) is { Length: > 0 } transforms)
        {
            job.Transformers.Clear();
            foreach (var name in transforms)
            {
                job.Transformers.Add(new TransformerSpec(name));
            }
        }

        Set(parse, IdMode, v => job.IdMode = JobValues.ParseEnum<Core.Jobs.IdMode>(v, "--id-mode"));
        SetValue(parse, Parallel, v => job.Parallel = v);
        SetValue(parse, BatchSize, v => job.BatchSize = v);
        Set(parse, BatchBytes, v => job.MaxBatchBytes = JobValues.ParseSize(v, "--batch-bytes"));
        Set(parse, StateDir, v => job.StateDirectory = v);
        SetValue(parse, Seed, v => job.Seed = v);
        Set(parse, Timeout, v => job.Resilience.AttemptTimeout = JobValues.ParseDuration(v, "--timeout"));
        SetValue(parse, Retries, v => job.Resilience.Retry.MaxRetries = v);
        Set(parse, RetryDelay, v => job.Resilience.Retry.BaseDelay = JobValues.ParseDuration(v, "--retry-delay"));
        Set(parse, MaxRetryDelay, v => job.Resilience.Retry.MaxDelay = JobValues.ParseDuration(v, "--max-retry-delay"));
        if (job.Resilience.Retry.MaxDelay < job.Resilience.Retry.BaseDelay && parse.GetValue(MaxRetryDelay) is null)
        {
            job.Resilience.Retry.MaxDelay = job.Resilience.Retry.BaseDelay;
        }

        return job;
    }

    public static ValidationLevel ParseLevel(string text, string what) => JobValues.ParseEnum<ValidationLevel>(text, what);

    internal static void Set(ParseResult parse, Option<string?> option, Action<string> apply)
    {
        if (parse.GetValue(option) is { } value)
        {
            apply(value);
        }
    }

    internal static void SetValue<T>(ParseResult parse, Option<T?> option, Action<T> apply)
        where T : struct
    {
        if (parse.GetValue(option) is { } value)
        {
            apply(value);
        }
    }

    private static void Warn(string location, string option, TextWriter warnings)
    {
        if (EnvironmentReferences.HasLiteralPassword(location))
        {
            warnings.WriteLine($"warning: the password in {option} is visible in the shell history and the process list; write it as ${{env:NAME}} (single-quoted) or put it in a job file reference instead.");
        }
    }
}
