using System.CommandLine;
using Ferry.Core.Jobs;
using Ferry.Core.Progress;
using Ferry.Host.Migration;

namespace Ferry.Host.Commands;

/// <summary><c>ferry migrate</c>: move records from a source to a target, resumably (docs/migration.md).</summary>
internal static class MigrateCommand
{
    public static Command Create(CliContext context)
    {
        var common = new JobOptions();
        var errors = new Option<string?>("--errors") { Description = "What a failed record does: strict (stop, exit 6), lenient (dead-letter, go on, exit 5; default) or skip (dead-letter, go on, exit 0)." };
        var deadLetter = new Option<string?>("--dead-letter") { Description = "The dead-letter file (JSON Lines); default beside the checkpoint." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Read and transform everything, write nothing; report counts, schema and examples." };
        var restart = new Option<bool>("--restart") { Description = "Ignore this migration's checkpoint and start over (the default is to resume)." };
        var overwrite = new Option<bool>("--overwrite") { Description = "On a fresh run, remove the target's existing data first." };
        var onDuplicate = new Option<string?>("--on-duplicate") { Description = "Records whose ids were in the target before this migration: overwrite (upsert, default), skip (leave the target's record) or fail (stop, exit 6). Records the migration wrote itself never count." };
        var transformParallel = new Option<int?>("--transform-parallel") { Description = "Workers for the filter and transformers (default: processor count)." };
        var writeParallel = new Option<int?>("--write-parallel") { Description = "Concurrent writes to the target (default 1)." };
        var channelCapacity = new Option<int?>("--channel-capacity") { Description = "Batches queued between stages (default 4); bounds memory." };
        var checkpointEvery = new Option<long?>("--checkpoint-every") { Description = "Flush the target and checkpoint after this many records (default 20000)." };
        var checkpointInterval = new Option<string?>("--checkpoint-interval") { Description = "… or after this long (default 30s)." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "The checkpoint file (default: STATE_DIR/<fingerprint>.checkpoint.json)." };
        var validate = new Option<string?>("--validate") { Description = "Validate after migrating: count, sample, full or search." };
        var sample = new Option<int?>("--sample") { Description = "Records compared field by field at the sample level (default 100)." };
        var searchQueries = new Option<int?>("--search-queries") { Description = "Queries at the search level (default 20)." };
        var searchK = new Option<int?>("--search-k") { Description = "Hits per query at the search level (default 10)." };
        var searchOverlap = new Option<double?>("--search-min-overlap") { Description = "Mean top-k overlap required at the search level (default 0.9)." };
        var maxFailures = new Option<long?>("--max-failures") { Description = "Stop once this many records failed (default: no limit)." };
        var progressInterval = new Option<string?>("--progress-interval") { Description = "How often progress is reported with --json or without a terminal (default 1s with --json, 10s otherwise)." };

        var command = new Command("migrate", "Move records from a source to a target: parallel, resumable (re-run the same command to resume; --restart to start over), with validation.");
        common.AddSourceOptions(command);
        common.AddTargetOptions(command);
        foreach (var option in new Option[] { errors, deadLetter, dryRun, restart, overwrite, onDuplicate, transformParallel, writeParallel, channelCapacity, checkpointEvery, checkpointInterval, checkpoint, validate, sample, searchQueries, searchK, searchOverlap, maxFailures, progressInterval })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var json = parse.GetValue(common.Json);
            return await CommandRunner.RunAsync(context, json, parse.GetValue(common.Verbose), async engine =>
            {
                var job = common.Bind(parse, context.Error);
                JobOptions.Set(parse, errors, v => job.Errors = JobValues.ParseEnum<ErrorMode>(v, "--errors"));
                JobOptions.Set(parse, deadLetter, v => job.DeadLetterPath = v);
                job.DryRun |= parse.GetValue(dryRun);
                job.Restart |= parse.GetValue(restart);
                job.Overwrite |= parse.GetValue(overwrite);
                JobOptions.Set(parse, onDuplicate, v => job.OnDuplicate = JobValues.ParseEnum<DuplicatePolicy>(v, "--on-duplicate"));
                JobOptions.SetValue(parse, transformParallel, v => job.TransformParallel = v);
                JobOptions.SetValue(parse, writeParallel, v => job.WriteParallel = v);
                JobOptions.SetValue(parse, channelCapacity, v => job.ChannelCapacity = v);
                JobOptions.SetValue(parse, checkpointEvery, v => job.CheckpointEveryRecords = v);
                JobOptions.Set(parse, checkpointInterval, v => job.CheckpointInterval = JobValues.ParseDuration(v, "--checkpoint-interval"));
                JobOptions.Set(parse, checkpoint, v => job.CheckpointPath = v);
                JobOptions.Set(parse, validate, v => job.Validation = JobOptions.ParseLevel(v, "--validate"));
                JobOptions.SetValue(parse, sample, v => job.SampleSize = v);
                JobOptions.SetValue(parse, searchQueries, v => job.SearchQueries = v);
                JobOptions.SetValue(parse, searchK, v => job.SearchK = v);
                JobOptions.SetValue(parse, searchOverlap, v => job.SearchMinOverlap = v);
                JobOptions.SetValue(parse, maxFailures, v => job.MaxFailures = v);
                var mode = ProgressDisplay.Choose(context, json);
                var interval = parse.GetValue(progressInterval) is { } text
                    ? JobValues.ParseDuration(text, "--progress-interval")
                    : TimeSpan.FromSeconds(mode == OutputMode.Json ? 1 : 10);
                if (interval <= TimeSpan.Zero)
                {
                    throw new JobValidationException("--progress-interval must be positive.");
                }

                job.Validate(needsTarget: !job.DryRun);
                var progress = new MigrationProgress();
                var result = await ProgressDisplay.RunAsync(context, mode, progress, interval, job.DryRun ? "dry run" : "migrate", () => engine.RunAsync(job, progress, cancellationToken)).ConfigureAwait(false);
                if (json)
                {
                    await context.Output.WriteLineAsync(ResultWriter.Json(result)).ConfigureAwait(false);
                }
                else
                {
                    ResultWriter.WriteText(context.Output, result);
                }

                if (result.Error is not null && !ExitCodeMapper.IsExpected(result.Error))
                {
                    await context.Error.WriteLineAsync($"internal error (a bug; please report it): {result.Error}").ConfigureAwait(false);
                }

                return ExitCodeMapper.For(result);
            }).ConfigureAwait(false);
        });
        return command;
    }
}
