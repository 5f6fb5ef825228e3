using Ferry.Sdk.Connectors;
using Xunit;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Sdk.Testing;

/// <summary>
/// The contract every <see cref="SourceConnector"/> keeps, as xUnit tests. Subclass it in the connector's test project,
/// implement <see cref="CreateSourceAsync"/> over a fixed data set of <see cref="ExpectedCount"/> records (at least
/// three times <see cref="SmallBatchSize"/>), and the inherited facts check: describe, reading every partition,
/// batch size hints, resuming from every token, no duplicate ids, counting and cancellation.
/// </summary>
public abstract class SourceConformanceTests
{
    /// <summary>Creates a new source over the test data; each call gets a fresh instance over the same data.</summary>
    protected abstract ValueTask<SourceConnector> CreateSourceAsync(CancellationToken cancellationToken);

    /// <summary>How many records the test data holds.</summary>
    protected abstract long ExpectedCount { get; }

    /// <summary>The exact records of the test data when the test knows them (compared bit-exactly by id); <c>null</c> to check ids and counts only.</summary>
    protected virtual ValueTask<IReadOnlyList<Record>?> GetExpectedRecordsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<Record>?>(null);

    /// <summary>The batch size hint the tests read with.</summary>
    protected virtual int SmallBatchSize => 7;

    /// <summary>How many partitions the tests ask for.</summary>
    protected virtual int DesiredPartitions => 3;

    /// <summary>Whether batches carry resume tokens. A source that cannot resume must return <c>null</c> tokens.</summary>
    protected virtual bool SupportsResume => true;

    /// <summary>Whether the source cuts batches by <see cref="ReadRequest.MaxBatchBytes"/> (a source whose page size the server fixes may not).</summary>
    protected virtual bool HonoursMaxBatchBytes => true;

    /// <summary>The most resume tokens tried per partition (spread evenly), to bound the test's time on large data.</summary>
    protected virtual int MaxResumeChecks => 25;

    /// <summary>How long one test may take before it is cancelled and fails.</summary>
    protected virtual TimeSpan TestTimeout => TimeSpan.FromMinutes(2);

    /// <summary>The schema describes the vectors the records carry, and the count when it gives one.</summary>
    [Fact]
    public async Task DescribeAsync_Always_MatchesTheRecords()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var source = await CreateSourceAsync(timeout.Token);
        var schema = await source.DescribeAsync(timeout.Token);
        Assert.NotNull(schema);
        if (schema.Count is { } count)
        {
            Assert.Equal(ExpectedCount, count);
        }

        var batches = await ReadPartitionAsync(source, SourcePartition.Whole, SmallBatchSize, null, timeout.Token);
        foreach (var record in batches.SelectMany(b => b.Records))
        {
            foreach (var (name, vector) in record.Vectors)
            {
                var field = schema.FindVector(name);
                Assert.True(field is not null, $"Record '{record.Id}' has vector '{name}', which the schema does not describe.");
                Assert.True(field.Dimension == vector.Length, $"Record '{record.Id}': vector '{name}' has {vector.Length} components, the schema says {field.Dimension}.");
            }
        }
    }

    /// <summary>Reading every partition yields every record exactly once (and the expected content when known).</summary>
    [Fact]
    public async Task ReadAsync_AllPartitions_YieldsEveryRecordOnce()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var source = await CreateSourceAsync(timeout.Token);
        var partitions = await source.GetPartitionsAsync(DesiredPartitions, timeout.Token);
        Assert.NotEmpty(partitions);
        Assert.True(partitions.Count <= DesiredPartitions, $"Asked for at most {DesiredPartitions} partitions, got {partitions.Count}.");
        Assert.Equal(partitions.Count, partitions.Select(p => p.Id).Distinct(StringComparer.Ordinal).Count());
        var records = new List<Record>();
        foreach (var partition in partitions)
        {
            var batches = await ReadPartitionAsync(source, partition, SmallBatchSize, null, timeout.Token);
            records.AddRange(batches.SelectMany(b => b.Records));
        }

        AssertNoDuplicates(records.Select(r => r.Id), "reading all partitions");
        Assert.Equal(ExpectedCount, records.Count);
        var expected = await GetExpectedRecordsAsync(timeout.Token);
        if (expected is not null)
        {
            RecordAssert.EquivalentById(expected, records);
        }
    }

    /// <summary>Reading the whole source in one partition never yields an id twice.</summary>
    [Fact]
    public async Task ReadAsync_WholeSource_HasNoDuplicateIds()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var source = await CreateSourceAsync(timeout.Token);
        var batches = await ReadPartitionAsync(source, SourcePartition.Whole, SmallBatchSize, null, timeout.Token);
        var ids = batches.SelectMany(b => b.Records).Select(r => r.Id).ToList();
        AssertNoDuplicates(ids, "reading the whole source");
        Assert.Equal(ExpectedCount, ids.Count);
    }

    /// <summary>No batch holds more records than the batch size hint, and batches carry the partition they came from.</summary>
    [Fact]
    public async Task ReadAsync_BatchSizeHint_IsRespected()
    {
        AssertEnoughData();
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var source = await CreateSourceAsync(timeout.Token);
        var batches = await ReadPartitionAsync(source, SourcePartition.Whole, SmallBatchSize, null, timeout.Token);
        Assert.True(batches.Count >= 2, $"{ExpectedCount} records in batches of at most {SmallBatchSize} must take several batches, got {batches.Count}.");
        foreach (var batch in batches)
        {
            Assert.True(batch.Records.Count <= SmallBatchSize, $"A batch has {batch.Records.Count} records; the hint was {SmallBatchSize}.");
            Assert.Equal(SourcePartition.Whole.Id, batch.Partition.Id);
        }
    }

    /// <summary>With a byte hint smaller than any record, every batch holds a single record.</summary>
    [Fact]
    public async Task ReadAsync_TinyMaxBatchBytes_YieldsSingleRecordBatches()
    {
        AssertEnoughData();
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var source = await CreateSourceAsync(timeout.Token);
        var request = new ReadRequest { BatchSize = SmallBatchSize, MaxBatchBytes = 1 };
        var sizes = new List<int>();
        await foreach (var batch in source.ReadAsync(request, timeout.Token))
        {
            sizes.Add(batch.Records.Count);
        }

        Assert.Equal(ExpectedCount, sizes.Sum());
        if (HonoursMaxBatchBytes)
        {
            Assert.All(sizes, size => Assert.True(size <= 1, $"A batch has {size} records although MaxBatchBytes was 1."));
        }
    }

    /// <summary>Resuming from the token of any batch yields exactly the records after that batch: nothing skipped, nothing twice.</summary>
    [Fact]
    public async Task ReadAsync_ResumeFromEachToken_YieldsExactlyTheRest()
    {
        AssertEnoughData();
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var source = await CreateSourceAsync(timeout.Token);
        var partitions = await source.GetPartitionsAsync(DesiredPartitions, timeout.Token);
        foreach (var partition in partitions)
        {
            var batches = await ReadPartitionAsync(source, partition, SmallBatchSize, null, timeout.Token);
            if (!SupportsResume)
            {
                Assert.All(batches, b => Assert.Null(b.ResumeToken));
                continue;
            }

            var ids = batches.Select(b => b.Records.Select(r => r.Id).ToArray()).ToList();
            var step = Math.Max(1, batches.Count / MaxResumeChecks);
            for (var i = 0; i < batches.Count; i += step)
            {
                var token = batches[i].ResumeToken;
                Assert.True(token is not null, $"Batch {i} of partition '{partition.Id}' has no resume token.");

                // A fresh source instance, as after a crash.
                await using var resumed = await CreateSourceAsync(timeout.Token);
                var rest = await ReadPartitionAsync(resumed, partition, SmallBatchSize, token, timeout.Token);
                var expected = ids.Skip(i + 1).SelectMany(x => x).ToList();
                var actual = rest.SelectMany(b => b.Records).Select(r => r.Id).ToList();
                AssertNoDuplicates(actual, $"resuming partition '{partition.Id}' after batch {i}");
                var missing = expected.Except(actual, StringComparer.Ordinal).Take(5).ToList();
                var extra = actual.Except(expected, StringComparer.Ordinal).Take(5).ToList();
                Assert.True(
                    missing.Count == 0 && extra.Count == 0 && expected.Count == actual.Count,
                    $"Resuming partition '{partition.Id}' after batch {i} (token '{token}') yielded {actual.Count} records, expected the {expected.Count} after it; missing: [{string.Join(", ", missing)}], unexpected: [{string.Join(", ", extra)}].");
            }
        }
    }

    /// <summary>A token cancelled between batches stops the read with <see cref="OperationCanceledException"/>.</summary>
    [Fact]
    public async Task ReadAsync_CancelledBetweenBatches_ThrowsOperationCanceled()
    {
        AssertEnoughData();
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var source = await CreateSourceAsync(timeout.Token);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var request = new ReadRequest { BatchSize = SmallBatchSize };
        var afterCancel = 0;
        var read = 0L;
        var exception = await Xunit.Record.ExceptionAsync(async () =>
        {
            await foreach (var batch in source.ReadAsync(request, cancellation.Token))
            {
                read += batch.Records.Count;
                if (cancellation.IsCancellationRequested)
                {
                    afterCancel++;
                }
                else
                {
                    await cancellation.CancelAsync();
                }
            }
        });
        Assert.True(exception is OperationCanceledException, $"Expected OperationCanceledException after cancelling, got {exception?.GetType().Name ?? "a completed read"} after {read} of {ExpectedCount} records.");

        // One batch already in flight may still arrive; more means the token is not checked.
        Assert.True(afterCancel <= 1, $"{afterCancel} batches arrived after cancellation.");
        Assert.True(read < ExpectedCount, "The whole source was read although the token was cancelled after the first batch.");
    }

    /// <summary>A token cancelled before the read starts stops it before the first batch.</summary>
    [Fact]
    public async Task ReadAsync_CancelledBeforeStart_ThrowsOperationCanceled()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var source = await CreateSourceAsync(timeout.Token);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var batches = 0;
        var exception = await Xunit.Record.ExceptionAsync(async () =>
        {
            await foreach (var _ in source.ReadAsync(new ReadRequest { BatchSize = SmallBatchSize }, cancelled.Token))
            {
                batches++;
            }
        });
        Assert.IsAssignableFrom<OperationCanceledException>(exception);
        Assert.Equal(0, batches);
    }

    /// <summary>When the source can count, the count is the number of records.</summary>
    [Fact]
    public async Task CountAsync_WhenSupported_EqualsRecordCount()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var source = await CreateSourceAsync(timeout.Token);
        var count = await source.CountAsync(null, timeout.Token);
        Assert.True(count is null || count == ExpectedCount, $"CountAsync returned {count}, the data holds {ExpectedCount} records.");
    }

    /// <summary>Reads one partition to the end with the given batch size hint and resume token.</summary>
    protected static async Task<List<RecordBatch>> ReadPartitionAsync(SourceConnector source, SourcePartition partition, int batchSize, string? resumeToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var request = new ReadRequest { Partition = partition, BatchSize = batchSize, ResumeToken = resumeToken };
        var batches = new List<RecordBatch>();
        await foreach (var batch in source.ReadAsync(request, cancellationToken))
        {
            batches.Add(batch);
        }

        return batches;
    }

    private void AssertEnoughData() =>
        Assert.True(ExpectedCount >= 3L * SmallBatchSize, $"The conformance data must hold at least {3 * SmallBatchSize} records (3 x SmallBatchSize); it holds {ExpectedCount}.");

    private static void AssertNoDuplicates(IEnumerable<string> ids, string what)
    {
        var duplicates = ids.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).Take(10).ToList();
        Assert.True(duplicates.Count == 0, $"Duplicate ids when {what}: {string.Join(", ", duplicates)}.");
    }
}
