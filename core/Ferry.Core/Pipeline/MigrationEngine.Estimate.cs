using Ferry.Core.Jobs;
using Ferry.Core.Progress;
using Ferry.Core.Resilience;

namespace Ferry.Core.Pipeline;

public sealed partial class MigrationEngine
{
    /// <summary>
    /// Estimates a migration without writing: describes and counts the source, reads a sample of
    /// <paramref name="sampleSize"/> records from its first partition through the filter and transformers, and
    /// projects bytes and time from it.
    /// </summary>
    public async Task<EstimateReport> EstimateAsync(MigrationJob job, int sampleSize = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleSize, 1);
        job.Validate(needsTarget: false);
        var time = Environment.TimeProvider;
        var progress = new MigrationProgress(time);
        var session = MigrationSession.Open(_catalog, job, Environment, progress, withSink: false);
        await using (session.ConfigureAwait(false))
        {
            var schema = await session.DescribeAsync(cancellationToken).ConfigureAwait(false);
            var pushed = session.Placement == FilterPlacement.Source ? session.Filter : null;
            var count = schema.Count is { } declared && session.Filter is null
                ? declared
                : await session.SourceCalls.ExecuteAsync(ExternalCall.Count, ct => session.Source.CountAsync(pushed, ct), cancellationToken).ConfigureAwait(false);
            var partitions = await session.SourceCalls.ExecuteAsync(ExternalCall.Partition, ct => session.Source.GetPartitionsAsync(job.Parallel, ct), cancellationToken).ConfigureAwait(false);

            var chain = session.CreateChain(computeChecksums: false);
            var observer = new SchemaObserver();
            var state = new PartitionState(partitions[0], null, false, 0);
            long read = 0, kept = 0, failures = 0, filtered = 0, bytes = 0;
            var started = time.GetTimestamp();
            var request = session.CreateRequest(partitions[0], null) with { BatchSize = Math.Min(job.BatchSize, sampleSize) };
            await foreach (var batch in ResilientPartitionReader.ReadAsync(session.Source, session.SourceCalls, request, cancellationToken).ConfigureAwait(false))
            {
                var work = new WorkBatch(state, state.NextSequence(), batch);
                await chain.ApplyAsync(work, cancellationToken).ConfigureAwait(false);
                observer.Observe(work.Records);
                read += work.ReadCount;
                kept += work.Records.Count;
                failures += work.Failures.Count;
                filtered += work.Filtered;
                bytes += work.Bytes;
                if (read >= sampleSize)
                {
                    break;
                }
            }

            var elapsed = time.GetElapsedTime(started).TotalSeconds;
            var rate = elapsed > 0 ? read / elapsed : 0;
            var averageBytes = kept > 0 ? (double)bytes / kept : 0;
            var selectivity = session.Placement == FilterPlacement.Pipeline && read > 0 ? (double)(read - filtered) / read : 1;
            var toWrite = count is { } c ? c * selectivity : (double?)null;
            // Reading scales with parallel partitions up to the processor count (the sample read one partition).
            var scale = Math.Max(1, Math.Min(Math.Min(job.Parallel, partitions.Count), System.Environment.ProcessorCount));
            return new EstimateReport
            {
                Source = job.Source!.Display,
                Count = count,
                CountBeforeFilter = session.Placement == FilterPlacement.Pipeline && count is not null,
                Schema = schema,
                Observed = observer.ToSchema(),
                SampleRecords = kept,
                SampleRead = read,
                SampleFailures = failures,
                AverageRecordBytes = averageBytes,
                FilterSelectivity = selectivity,
                ProjectedBytes = toWrite * averageBytes,
                SampleRecordsPerSecond = rate,
                ProjectedDuration = count is { } total && rate > 0 ? TimeSpan.FromSeconds(total / (rate * scale)) : null,
                Partitions = partitions.Count,
                ProjectedBatches = toWrite is { } w ? (long)Math.Ceiling(w / job.BatchSize) : null,
                FilterPlacement = session.Placement,
            };
        }
    }
}
