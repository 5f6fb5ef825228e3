using Ferry.Core.Checkpoints;
using Ferry.Core.Jobs;
using Ferry.Core.Progress;
using Ferry.Core.Resilience;
using Ferry.Core.Validation;
using Ferry.Sdk.Records;

namespace Ferry.Core.Pipeline;

public sealed partial class MigrationEngine
{
    /// <summary>
    /// Compares a target with its source, as the job describes them (the filter, transformers and id mode say
    /// what the target should hold). Streams the source once (partitions in parallel) and reads the target by
    /// ids in batches; a count-only validation asks both sides to count when the source can.
    /// </summary>
    public async Task<ValidationReport> ValidateAsync(MigrationJob job, ValidationLevel level, MigrationProgress? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (level == ValidationLevel.None)
        {
            throw new JobValidationException("Choose a validation level: count, sample, full or search.");
        }

        job.Validate(needsTarget: true);
        progress ??= new MigrationProgress(Environment.TimeProvider);
        var session = MigrationSession.Open(_catalog, job, Environment, progress, withSink: true);
        await using (session.ConfigureAwait(false))
        {
            progress.SetPhase(MigrationPhase.Preparing);
            await session.DescribeAsync(cancellationToken).ConfigureAwait(false);
            RequireSearch(session, level);
            progress.SetPhase(MigrationPhase.Validating);
            var time = Environment.TimeProvider;
            var started = time.GetTimestamp();
            var target = new TargetReader(session.Sink!, session.SinkCalls!);
            var checks = new List<ValidationCheck>();
            if (level == ValidationLevel.Count && session.Steps.Count == 0 && session.Placement != FilterPlacement.Pipeline)
            {
                var counted = await session.SourceCalls.ExecuteAsync(ExternalCall.Count, ct => session.Source.CountAsync(session.Placement == FilterPlacement.Source ? session.Filter : null, ct), cancellationToken).ConfigureAwait(false);
                if (counted is { } sourceCount)
                {
                    checks.Add(await ValidationChecks.CountAsync(sourceCount, "counted by the source", target, time, cancellationToken).ConfigureAwait(false));
                    return new ValidationReport(level, checks, time.GetElapsedTime(started));
                }
            }

            var wantSample = level is ValidationLevel.Sample or ValidationLevel.Search;
            var streamed = await StreamSourceAsync(session, job, target, full: level == ValidationLevel.Full, wantSample ? Math.Max(job.SampleSize, job.SearchQueries) : 0, progress, cancellationToken).ConfigureAwait(false);
            checks.Add(await ValidationChecks.CountAsync(streamed.Records, streamed.Failures > 0 ? $"records read from the source, not counting {streamed.Failures} that failed to convert" : "records read from the source", target, time, cancellationToken).ConfigureAwait(false));
            if (streamed.Full is not null)
            {
                checks.Add(ValidationChecks.Result("full", streamed.Full, streamed.Duration, what: "records"));
            }

            if (streamed.Sample is not null)
            {
                var items = streamed.Sample.Items;
                checks.Add(await ValidationChecks.SampleAsync(items.Take(job.SampleSize).ToArray(), target, time, cancellationToken).ConfigureAwait(false));
                if (level == ValidationLevel.Search)
                {
                    checks.Add(await SearchCheckAsync(session, job, target, items, cancellationToken).ConfigureAwait(false));
                }
            }

            return new ValidationReport(level, checks, time.GetElapsedTime(started));
        }
    }

    /// <summary>Validation right after a migration: uses what the run recorded (checksum log, sample) and streams the source only for what it lacks.</summary>
    internal async Task<ValidationReport> ValidateAfterMigrationAsync(MigrationSession session, MigrationJob job, Checkpoint checkpoint, IReadOnlyList<Record>? sample, RunningFullValidation? running, CancellationToken cancellationToken)
    {
        var time = Environment.TimeProvider;
        var started = time.GetTimestamp();
        var level = job.Validation;
        var target = new TargetReader(session.Sink!, session.SinkCalls!);
        var checks = new List<ValidationCheck>
        {
            await ValidationChecks.CountAsync(
                checkpoint.Totals.Migrated + checkpoint.Totals.Duplicates,
                checkpoint.Totals.Duplicates > 0 ? "records migrated, plus the duplicates that were there already" : "records migrated",
                target,
                time,
                cancellationToken).ConfigureAwait(false),
        };
        var progress = new MigrationProgress(time);
        if (level == ValidationLevel.Full)
        {
            if (running is not null && checkpoint.ChecksumLogComplete)
            {
                // Most of the log was compared while migrating; this compares the rest.
                checks.Add(await running.CompleteAsync(checkpoint.ChecksumLogLength, target, cancellationToken).ConfigureAwait(false));
            }
            else if (checkpoint.ChecksumLogComplete && checkpoint.ChecksumLogPath is { } log && File.Exists(log))
            {
                checks.Add(await ValidationChecks.FullFromLogAsync(log, checkpoint.ChecksumLogLength, target, parallelism: 2, time, cancellationToken).ConfigureAwait(false));
            }
            else
            {
                // An earlier run of this migration went without --validate full: the log does not cover everything.
                var streamed = await StreamSourceAsync(session, job, target, full: true, 0, progress, cancellationToken).ConfigureAwait(false);
                checks.Add(ValidationChecks.Result("full", streamed.Full!, streamed.Duration, what: "records"));
            }
        }
        else if (level is ValidationLevel.Sample or ValidationLevel.Search)
        {
            IReadOnlyList<Record> items = sample is { Count: > 0 }
                ? sample
                : (await StreamSourceAsync(session, job, target, full: false, Math.Max(job.SampleSize, job.SearchQueries), progress, cancellationToken).ConfigureAwait(false)).Sample!.Items;
            checks.Add(await ValidationChecks.SampleAsync(items.Take(job.SampleSize).ToArray(), target, time, cancellationToken).ConfigureAwait(false));
            if (level == ValidationLevel.Search)
            {
                checks.Add(await SearchCheckAsync(session, job, target, items, cancellationToken).ConfigureAwait(false));
            }
        }

        return new ValidationReport(level, checks, time.GetElapsedTime(started));
    }

    private static void RequireSearch(MigrationSession session, ValidationLevel level)
    {
        if (level == ValidationLevel.Search && (!session.Source.CanSearch || !session.Sink!.CanSearch))
        {
            throw new ValidationNotPossibleException($"Search validation needs both sides to support vector search; the {(session.Source.CanSearch ? "target" : "source")} cannot. Use --level full or sample.");
        }
    }

    private ValueTask<ValidationCheck> SearchCheckAsync(MigrationSession session, MigrationJob job, TargetReader target, IReadOnlyList<Record> sample, CancellationToken cancellationToken)
    {
        Func<string, string?> map = job.IdMode switch
        {
            IdMode.Keep => id => id,
            IdMode.Uuid => id => IdAssigner.Uuid5(IdAssigner.Namespace, id).ToString("D"),
            _ => _ => null,
        };
        if (job.IdMode == IdMode.Hash)
        {
            return ValueTask.FromResult(new ValidationCheck
            {
                Name = "search",
                Passed = true,
                Inconclusive = true,
                Summary = "not checked: with --id-mode hash the source's search hits cannot be matched to target ids",
            });
        }

        var queries = sample.Take(job.SearchQueries).ToArray();
        return ValidationChecks.SearchAsync(session.Source, session.SourceCalls, target, queries, map, session.Filter, job.SearchK, job.SearchMinOverlap, Environment.TimeProvider, cancellationToken);
    }

    private sealed record StreamedSource(long Records, long Failures, MismatchCollector? Full, SampleReservoir? Sample, TimeSpan Duration);

    /// <summary>Reads the whole source through the job's chain: counts, compares every record with the target (full), samples.</summary>
    private async Task<StreamedSource> StreamSourceAsync(MigrationSession session, MigrationJob job, TargetReader target, bool full, int sampleSize, MigrationProgress progress, CancellationToken cancellationToken)
    {
        var time = Environment.TimeProvider;
        var started = time.GetTimestamp();
        var partitions = await session.SourceCalls.ExecuteAsync(ExternalCall.Partition, ct => session.Source.GetPartitionsAsync(job.Parallel, ct), cancellationToken).ConfigureAwait(false);
        var states = partitions.Select(p => new PartitionState(p, null, false, 0)).ToList();
        var collector = full ? new MismatchCollector() : null;
        var reservoir = sampleSize > 0 ? new SampleReservoir(sampleSize, job.Seed) : null;
        long records = 0, failures = 0;
        var runner = new PipelineRunner(session, session.CreateChain(computeChecksums: full), progress, states, async (work, ct) =>
        {
            Interlocked.Add(ref records, work.Records.Count);
            Interlocked.Add(ref failures, work.Failures.Count);
            if (collector is not null && work.Records.Count > 0)
            {
                await ValidationChecks.CompareBatchAsync(work.Records, work.Checksums!, target, collector, ct).ConfigureAwait(false);
            }

            if (reservoir is not null)
            {
                foreach (var record in work.Records)
                {
                    reservoir.Offer(record);
                }
            }
        })
        {
            ReadParallelism = job.Parallel,
            TransformParallelism = job.TransformParallel,
            ConsumerParallelism = full ? 2 : 1,
            ChannelCapacity = job.ChannelCapacity,
        };
        await runner.RunAsync(cancellationToken).ConfigureAwait(false);
        if (runner.Fatal is not null)
        {
            throw runner.Fatal;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new StreamedSource(records, failures, collector, reservoir, time.GetElapsedTime(started));
    }
}
