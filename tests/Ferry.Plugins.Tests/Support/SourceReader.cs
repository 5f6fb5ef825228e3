using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Tests.Support;

/// <summary>Reads a source to the end.</summary>
internal static class SourceReader
{
    public static async Task<List<RecordBatch>> BatchesAsync(SourceConnector source, int batchSize = 1000, string? resumeToken = null, SourcePartition? partition = null, long maxBatchBytes = 16L * 1024 * 1024)
    {
        var batches = new List<RecordBatch>();
        var request = new ReadRequest { BatchSize = batchSize, ResumeToken = resumeToken, Partition = partition ?? SourcePartition.Whole, MaxBatchBytes = maxBatchBytes };
        await foreach (var batch in source.ReadAsync(request, CancellationToken.None))
        {
            batches.Add(batch);
        }

        return batches;
    }

    public static async Task<List<Record>> RecordsAsync(SourceConnector source, int batchSize = 1000)
    {
        var records = new List<Record>();
        foreach (var batch in await BatchesAsync(source, batchSize))
        {
            Assert.Empty(batch.Failures);
            records.AddRange(batch.Records);
        }

        return records;
    }
}
