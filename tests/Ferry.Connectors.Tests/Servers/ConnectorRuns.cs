using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;

namespace Ferry.Connectors.Tests.Servers;

/// <summary>Drives connectors the way the host does, for tests: read partitions to the end, copy source to sink.</summary>
public static class ConnectorRuns
{
    /// <summary>Everything one read of a partition produced.</summary>
    public sealed record ReadOutcome(List<Record> Records, List<RecordFailure> Failures, List<RecordBatch> Batches);

    /// <summary>Reads one partition to its end (from <paramref name="resumeToken"/> when given).</summary>
    public static async Task<ReadOutcome> ReadAllAsync(SourceConnector source, SourcePartition? partition = null, string? resumeToken = null, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(source);
        var outcome = new ReadOutcome([], [], []);
        var request = new ReadRequest { Partition = partition ?? SourcePartition.Whole, ResumeToken = resumeToken, BatchSize = batchSize };
        await foreach (var batch in source.ReadAsync(request, CancellationToken.None))
        {
            outcome.Batches.Add(batch);
            outcome.Records.AddRange(batch.Records);
            outcome.Failures.AddRange(batch.Failures);
        }

        return outcome;
    }

    /// <summary>Reads every partition (in parallel) and returns the records of each.</summary>
    public static async Task<IReadOnlyList<ReadOutcome>> ReadPartitionsAsync(SourceConnector source, int desired, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(source);
        var partitions = await source.GetPartitionsAsync(desired, CancellationToken.None);
        return await Task.WhenAll(partitions.Select(p => ReadAllAsync(source, p, null, batchSize)));
    }

    /// <summary>Copies a source into a sink as the host would: describe, prepare, read in batches, upsert, flush.</summary>
    public static async Task<(int Written, List<RecordFailure> Failures)> CopyAsync(SourceConnector source, SinkConnector sink, int batchSize = 1000, SinkPrepareOptions? prepare = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sink);
        var schema = await source.DescribeAsync(CancellationToken.None);
        await sink.PrepareAsync(schema, prepare ?? new SinkPrepareOptions(), CancellationToken.None);
        var size = Math.Min(batchSize, sink.Limits.MaxBatchRecords);
        var written = 0;
        var failures = new List<RecordFailure>();
        await foreach (var batch in source.ReadAsync(new ReadRequest { BatchSize = size }, CancellationToken.None))
        {
            failures.AddRange(batch.Failures);
            var result = await sink.UpsertAsync(batch.Records, CancellationToken.None);
            written += result.Written;
            failures.AddRange(result.Failures);
        }

        await sink.FlushAsync(CancellationToken.None);
        return (written, failures);
    }
}
