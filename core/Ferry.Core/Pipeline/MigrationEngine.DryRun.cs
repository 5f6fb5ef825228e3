using Ferry.Core.DeadLetter;
using Ferry.Core.Jobs;
using Ferry.Core.Progress;

namespace Ferry.Core.Pipeline;

public sealed partial class MigrationEngine
{
    private const int DryRunExamples = 3;
    private const int KeptDryRunErrors = 10;

    private async Task<MigrationResult> DryRunAsync(MigrationJob job, MigrationProgress progress, CancellationToken cancellationToken)
    {
        var time = Environment.TimeProvider;
        var started = time.GetTimestamp();
        if (job.Target is not null)
        {
            // Resolve the target's connector so that a dry run also proves the target location is understood.
            _catalog.Resolve(Catalog.ConnectorKind.Sink, EnvironmentReferences.Expand(job.Target.Location, Environment.GetEnvironmentVariable), job.Target.Format);
        }

        var session = MigrationSession.Open(_catalog, job, Environment, progress, withSink: false);
        await using (session.ConfigureAwait(false))
        {
            progress.SetPhase(MigrationPhase.Preparing);
            var schema = await session.DescribeAsync(cancellationToken).ConfigureAwait(false);
            if (schema.Count is { } count)
            {
                progress.SetTotal(count);
            }

            var partitions = await session.SourceCalls.ExecuteAsync(Resilience.ExternalCall.Partition, ct => session.Source.GetPartitionsAsync(job.Parallel, ct), cancellationToken).ConfigureAwait(false);
            var states = partitions.Select(p => new PartitionState(p, null, false, 0)).ToList();
            var observer = new SchemaObserver();
            var examples = new List<string>();
            var errors = new List<string>();
            var gate = new Lock();
            long read = 0, wouldWrite = 0, failed = 0, filtered = 0;
            PipelineRunner? runner = null;
            runner = new PipelineRunner(session, session.CreateChain(computeChecksums: false), progress, states, (work, _) =>
            {
                observer.Observe(work.Records);
                lock (gate)
                {
                    read += work.ReadCount;
                    wouldWrite += work.Records.Count;
                    failed += work.Failures.Count;
                    filtered += work.Filtered;
                    for (var i = 0; i < work.Records.Count && examples.Count < DryRunExamples; i++)
                    {
                        examples.Add(RecordJsonWriter.ToJson(work.Records[i]));
                    }

                    foreach (var failure in work.Failures)
                    {
                        if (errors.Count >= KeptDryRunErrors)
                        {
                            break;
                        }

                        errors.Add($"{failure.Stage.ToString().ToLowerInvariant()}{(failure.Line is { } line ? $", line {line}" : string.Empty)}: {failure.Error}");
                    }
                }

                progress.AddWritten(work.Records.Count);
                if (work.Failures.Count > 0)
                {
                    progress.AddFailed(work.Failures.Count, job.Errors == ErrorMode.Skip);
                    if (job.Errors == ErrorMode.Strict)
                    {
                        runner!.Stop($"A record failed and --errors is strict: {work.Failures[0].Error}");
                    }
                }

                return ValueTask.CompletedTask;
            })
            {
                ReadParallelism = job.Parallel,
                TransformParallelism = job.TransformParallel,
                ConsumerParallelism = 1,
                ChannelCapacity = job.ChannelCapacity,
            };
            progress.SetPhase(MigrationPhase.Migrating);
            var migrating = time.GetTimestamp();
            await runner.RunAsync(cancellationToken).ConfigureAwait(false);
            var duration = time.GetElapsedTime(migrating);
            progress.SetPhase(MigrationPhase.Completed);
            var snapshot = progress.Snapshot();
            var outcome = runner.Fatal switch
            {
                Resilience.ConnectorUnavailableException => MigrationOutcome.Unavailable,
                not null => MigrationOutcome.Failed,
                _ when cancellationToken.IsCancellationRequested => MigrationOutcome.Cancelled,
                _ when runner.StopReason is not null => MigrationOutcome.Stopped,
                _ when failed > 0 && job.Errors != ErrorMode.Skip => MigrationOutcome.CompletedWithFailures,
                _ => MigrationOutcome.Completed,
            };
            return new MigrationResult
            {
                Outcome = outcome,
                Message = runner.Fatal?.Message ?? runner.StopReason,
                Error = runner.Fatal,
                Source = job.Source!.Display,
                Target = job.Target?.Display,
                DryRun = true,
                Read = read,
                Migrated = wouldWrite,
                Failed = job.Errors == ErrorMode.Skip ? 0 : failed,
                Skipped = job.Errors == ErrorMode.Skip ? failed : 0,
                Filtered = filtered,
                Retries = snapshot.Retries,
                BytesRead = snapshot.BytesRead,
                Duration = time.GetElapsedTime(started),
                MigrationDuration = duration,
                RecordsPerSecond = duration.TotalSeconds > 0 ? read / duration.TotalSeconds : 0,
                BytesPerSecond = duration.TotalSeconds > 0 ? snapshot.BytesRead / duration.TotalSeconds : 0,
                Filter = session.Filter?.ToString(),
                FilterPlacement = session.Placement,
                Partitions = states.Count,
                FirstErrors = errors,
                DryRunReport = new DryRunReport(observer.ToSchema(), examples),
            };
        }
    }
}
