using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using Xunit;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Sdk.Testing;

/// <summary>
/// The contract every <see cref="SinkConnector"/> keeps, as xUnit tests. Subclass it in the connector's test project,
/// implement <see cref="CreateTarget"/> (a new, empty target per call: a folder, a table, a collection) and
/// <see cref="OpenSinkAsync"/>, and the inherited facts check: prepare, upsert, upserting twice equals once, an
/// upsert replaces, reading back by id is bit-exact, unknown ids are left out, read-back checksums agree with the records
/// read back, existence checks, counts, and that
/// flushed records survive into a new sink instance.
/// </summary>
public abstract class SinkConformanceTests
{
    /// <summary>A new, empty target (a location the sink understands), unique to the calling test.</summary>
    protected abstract string CreateTarget();

    /// <summary>Opens a new sink instance on a target returned by <see cref="CreateTarget"/>.</summary>
    protected abstract ValueTask<SinkConnector> OpenSinkAsync(string target, CancellationToken cancellationToken);

    /// <summary>What the target stores; the conformance records include exactly that.</summary>
    protected virtual ConformanceFeatures Features => ConformanceFeatures.All;

    /// <summary>How many records the tests write.</summary>
    protected virtual int RecordCount => 30;

    /// <summary>Whether <see cref="SinkConnector.CountAsync"/> answers (a sink that cannot count cheaply returns <c>null</c>).</summary>
    protected virtual bool SupportsCount => true;

    /// <summary>How long one test may take before it is cancelled and fails.</summary>
    protected virtual TimeSpan TestTimeout => TimeSpan.FromMinutes(2);

    /// <summary>The schema the sink is prepared with.</summary>
    protected virtual DatasetSchema Schema => ConformanceData.Schema(Features);

    /// <summary>The records written; by default <see cref="ConformanceData.CreateRecords"/> with <see cref="Features"/>.</summary>
    protected virtual IReadOnlyList<Record> CreateRecords() => ConformanceData.CreateRecords(RecordCount, Features);

    /// <summary>Compares a record read back with the one written. Override only for a documented difference of the target.</summary>
    protected virtual void AssertSame(Record expected, Record actual) => RecordAssert.Equal(expected, actual);

    /// <summary>A prepared new target holds nothing.</summary>
    [Fact]
    public async Task PrepareAsync_NewTarget_IsEmpty()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var sink = await OpenPreparedAsync(CreateTarget(), resuming: false, timeout.Token);
        await AssertCountAsync(sink, 0, timeout.Token);
        var found = await ReadBackAsync(sink, CreateRecords().Select(r => r.Id).ToList(), timeout.Token);
        Assert.Empty(found);
    }

    /// <summary>Records written, flushed and read back by id are equal to what was written, bit for bit.</summary>
    [Fact]
    public async Task UpsertAsync_ThenReadByIds_ReturnsRecordsBitExact()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var records = CreateRecords();
        await using var sink = await OpenPreparedAsync(CreateTarget(), resuming: false, timeout.Token);
        await WriteAsync(sink, records, timeout.Token);
        var found = await ReadBackAsync(sink, records.Select(r => r.Id).ToList(), timeout.Token);
        AssertSameRecords(records, found);
    }

    /// <summary>Writing the same records twice leaves the target as writing them once (idempotent upsert by id).</summary>
    [Fact]
    public async Task UpsertAsync_Twice_SameAsOnce()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var records = CreateRecords();
        await using var sink = await OpenPreparedAsync(CreateTarget(), resuming: false, timeout.Token);
        await WriteAsync(sink, records, timeout.Token);
        await WriteAsync(sink, records, timeout.Token);
        await AssertCountAsync(sink, records.Count, timeout.Token);
        var found = await ReadBackAsync(sink, records.Select(r => r.Id).ToList(), timeout.Token);
        AssertSameRecords(records, found);
    }

    /// <summary>An upsert of a changed record replaces the stored one.</summary>
    [Fact]
    public async Task UpsertAsync_ChangedRecord_ReplacesIt()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var records = CreateRecords();
        await using var sink = await OpenPreparedAsync(CreateTarget(), resuming: false, timeout.Token);
        await WriteAsync(sink, records, timeout.Token);
        var changed = records[1].Clone();
        changed.Text = "changed text";
        var vector = changed.Vector!;
        vector[^1] = -vector[^1] + 0.5f;
        await WriteAsync(sink, [changed], timeout.Token);
        var found = await ReadBackAsync(sink, [changed.Id], timeout.Token);
        Assert.Single(found);
        AssertSame(changed, found[0]);
        await AssertCountAsync(sink, records.Count, timeout.Token);
    }

    /// <summary>Reading back ids that were never written returns nothing for them.</summary>
    [Fact]
    public async Task ReadByIdsAsync_UnknownIds_AreLeftOut()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var records = CreateRecords();
        await using var sink = await OpenPreparedAsync(CreateTarget(), resuming: false, timeout.Token);
        await WriteAsync(sink, records.Take(5).ToList(), timeout.Token);
        var ids = new List<string> { records[0].Id, "no-such-id-1", records[4].Id, "no-such-id-2" };
        var found = await ReadBackAsync(sink, ids, timeout.Token);
        Assert.Equal([records[0].Id, records[4].Id], found.Select(r => r.Id).Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// The checksums the sink reads back (what full validation compares) are those of the records it reads back, one per
    /// written id, none for unknown ids: a sink that hashes its stored form directly must agree with its own records.
    /// </summary>
    [Fact]
    public async Task ReadChecksumsAsync_WrittenAndUnknownIds_AreTheChecksumsOfTheRecordsReadBack()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var records = CreateRecords();
        await using var sink = await OpenPreparedAsync(CreateTarget(), resuming: false, timeout.Token);
        await WriteAsync(sink, records, timeout.Token);
        var ids = records.Select(r => r.Id).Append("no-such-id").ToList();

        var checksums = await sink.ReadChecksumsAsync(ids, timeout.Token);

        var found = await ReadBackAsync(sink, ids, timeout.Token);
        Assert.Equal(records.Count, checksums.Count);
        Assert.False(checksums.ContainsKey("no-such-id"));
        foreach (var record in found)
        {
            Assert.True(checksums.TryGetValue(record.Id, out var checksum), $"No checksum for record '{record.Id}'.");
            Assert.True(RecordChecksum.Compute128(record) == checksum, $"The checksum of record '{record.Id}' is not the checksum of the record read back.");
        }
    }

    /// <summary>The existence check finds exactly the written ids.</summary>
    [Fact]
    public async Task FindExistingAsync_MixedIds_ReturnsOnlyWrittenOnes()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var records = CreateRecords();
        await using var sink = await OpenPreparedAsync(CreateTarget(), resuming: false, timeout.Token);
        var written = records.Where((_, i) => i % 2 == 0).ToList();
        await WriteAsync(sink, written, timeout.Token);
        var existing = await sink.FindExistingAsync(records.Select(r => r.Id).ToList(), timeout.Token);
        Assert.Equal(written.Select(r => r.Id).Order(StringComparer.Ordinal), existing.Order(StringComparer.Ordinal));
    }

    /// <summary>Records written in several batches (within the sink's limits) are all counted.</summary>
    [Fact]
    public async Task CountAsync_AfterBatches_EqualsDistinctIds()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var records = CreateRecords();
        await using var sink = await OpenPreparedAsync(CreateTarget(), resuming: false, timeout.Token);
        var half = records.Count / 2;
        await WriteAsync(sink, records.Take(half).ToList(), timeout.Token);
        await AssertCountAsync(sink, half, timeout.Token);

        // Overlapping second batch: the overlap must not be counted twice.
        await WriteAsync(sink, records.Skip(half - 3).ToList(), timeout.Token);
        await AssertCountAsync(sink, records.Count, timeout.Token);
    }

    /// <summary>Flushed records are there for a new sink instance prepared to resume, as after a restart.</summary>
    [Fact]
    public async Task FlushAsync_ThenNewSinkResuming_SeesRecords()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var records = CreateRecords();
        var target = CreateTarget();
        await using (var sink = await OpenPreparedAsync(target, resuming: false, timeout.Token))
        {
            await WriteAsync(sink, records, timeout.Token);
        }

        await using var reopened = await OpenPreparedAsync(target, resuming: true, timeout.Token);
        await AssertCountAsync(reopened, records.Count, timeout.Token);
        var found = await ReadBackAsync(reopened, records.Select(r => r.Id).ToList(), timeout.Token);
        AssertSameRecords(records, found);
    }

    /// <summary>Opens a sink on the target and prepares it with <see cref="Schema"/>.</summary>
    protected async Task<SinkConnector> OpenPreparedAsync(string target, bool resuming, CancellationToken cancellationToken)
    {
        var sink = await OpenSinkAsync(target, cancellationToken);
        await sink.PrepareAsync(Schema, new SinkPrepareOptions { CreateIfMissing = true, Resuming = resuming }, cancellationToken);
        return sink;
    }

    /// <summary>Upserts in batches within <see cref="SinkConnector.Limits"/>, then flushes; every record must be accepted.</summary>
    protected static async Task WriteAsync(SinkConnector sink, IReadOnlyList<Record> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(records);
        var batchSize = Math.Max(1, Math.Min(sink.Limits.MaxBatchRecords, 10));
        for (var start = 0; start < records.Count; start += batchSize)
        {
            var batch = records.Skip(start).Take(batchSize).Select(r => r.Clone()).ToList();
            var result = await sink.UpsertAsync(batch, cancellationToken);
            Assert.True(
                result.Failures.Count == 0,
                $"The sink refused {result.Failures.Count} record(s): {string.Join("; ", result.Failures.Take(5).Select(f => $"'{f.RecordId}': {f.Message}"))}");
            Assert.Equal(batch.Count, result.Written);
        }

        await sink.FlushAsync(cancellationToken);
    }

    /// <summary>Reads records back by id.</summary>
    protected static async Task<List<Record>> ReadBackAsync(SinkConnector sink, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var found = new List<Record>();
        await foreach (var record in sink.ReadByIdsAsync(ids, cancellationToken))
        {
            found.Add(record);
        }

        return found;
    }

    private void AssertSameRecords(IReadOnlyList<Record> expected, List<Record> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        var byId = new Dictionary<string, Record>(StringComparer.Ordinal);
        foreach (var record in actual)
        {
            Assert.True(byId.TryAdd(record.Id, record), $"Record '{record.Id}' was read back twice.");
        }

        foreach (var record in expected)
        {
            Assert.True(byId.TryGetValue(record.Id, out var other), $"Record '{record.Id}' was not read back.");
            AssertSame(record, other);
        }
    }

    private async Task AssertCountAsync(SinkConnector sink, long expected, CancellationToken cancellationToken)
    {
        var count = await sink.CountAsync(cancellationToken);
        if (SupportsCount)
        {
            Assert.True(count == expected, $"CountAsync returned {count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}, expected {expected}.");
        }
        else
        {
            Assert.Null(count);
        }
    }
}
