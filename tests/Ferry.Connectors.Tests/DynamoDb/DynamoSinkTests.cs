using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Ferry.Connectors.Tests.Servers;
using Ferry.Plugins.DynamoDb;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using Ferry.Sdk.Testing;
using Xunit;

namespace Ferry.Connectors.Tests.DynamoDb;

[Collection(DynaliteCollection.Name)]
public sealed class DynamoSinkTests
{
    private readonly DynaliteFixture _fixture;

    public DynamoSinkTests(DynaliteFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task CopyAsync_CorpusIntoNewTable_ServerHoldsTheSameItemsAndSourceReadsThemBack()
    {
        var target = "copy-" + Guid.NewGuid().ToString("N")[..8];
        await using (var source = _fixture.Source(DynaliteFixture.CorpusTable))
        await using (var sink = _fixture.Sink(target, ("create", "true")))
        {
            var (written, failures) = await ConnectorRuns.CopyAsync(source, sink);
            Assert.Empty(failures);
            Assert.Equal(DynaliteFixture.CorpusSize, written);
            Assert.Equal(DynaliteFixture.CorpusSize, await sink.CountAsync(CancellationToken.None));
        }

        // Through the AWS SDK: every attribute as the original item, the vector's numbers equal as float32.
        var originals = _fixture.Corpus.Records.Where((_, i) => i % 50 == 0).ToList();
        foreach (var record in originals)
        {
            var original = DynamoTestApi.CorpusItem(record, binaryVector: false);
            var stored = await _fixture.Api.GetAsync(target, new() { ["id"] = new() { S = record.Id } });
            Assert.NotNull(stored);
            Assert.Equal(
                Floats(original["embedding"]).Select(BitConverter.SingleToInt32Bits),
                Floats(stored!["embedding"]).Select(BitConverter.SingleToInt32Bits));
            original.Remove("embedding");
            stored.Remove("embedding");
            Assert.Equal(DynamoItems.Canonical(original), DynamoItems.Canonical(stored));
        }

        await using var reread = _fixture.Source(target);
        var outcome = await ConnectorRuns.ReadAllAsync(reread);
        Assert.Empty(outcome.Failures);
        RecordAssert.EquivalentById(_fixture.Corpus.Records.Select(r => DynamoTestApi.ExpectedFromCorpus(r, _fixture.ProvenanceLocation(target))), outcome.Records);
    }

    [Fact]
    public async Task CopyAsync_EveryDynamoType_ComesBackAsTheSameItem()
    {
        var table = "types-" + Guid.NewGuid().ToString("N")[..8];
        await _fixture.Api.CreateTableAsync(table, ("id", "S"));
        var item = new Dictionary<string, AttributeValue>
        {
            ["id"] = new() { S = "all-types" },
            ["s"] = new() { S = "värde" },
            ["empty_s"] = new() { S = string.Empty },
            ["int"] = new() { N = "-9223372036854775808" },
            ["big_int"] = new() { N = "123456789012345678901234567" },
            ["huge_int"] = new() { N = "12345678901234567890123456789012345678" },
            ["decimal"] = new() { N = "0.1000000000000000000001" },
            ["float"] = new() { N = "0.3" },
            ["tiny"] = new() { N = "1E-130" },
            ["b"] = new() { B = new MemoryStream([0, 1, 2, 255]) },
            ["empty_b"] = new() { B = new MemoryStream() },
            ["yes"] = new() { BOOL = true },
            ["nothing"] = new() { NULL = true },
            ["ss"] = new() { SS = ["b", "a", "c"] },
            ["ns"] = new() { NS = ["1", "2.5", "99999999999999999999999999999999999999"] },
            ["bs"] = new() { BS = [new MemoryStream([1]), new MemoryStream([2, 3])] },
            ["list"] = new() { L = [new() { S = "x" }, new() { N = "7" }, new() { SS = ["q"] }, new() { L = [] }] },
            ["map"] = new() { M = new() { ["inner"] = new() { M = new() { ["ns"] = new() { NS = ["3"] }, ["n"] = new() { N = "1.5" } } }, ["a/b~c"] = new() { BOOL = false } } },
            ["embedding"] = new() { L = [new() { N = "0.5" }, new() { N = "-1.25" }] },
            ["text"] = new() { S = "the text" },
        };
        await _fixture.Api.PutAllAsync(table, [item]);
        await using var source = _fixture.Source(table);
        var read = await ConnectorRuns.ReadAllAsync(source);
        var record = Assert.Single(read.Records);
        Assert.Empty(read.Failures);

        Assert.Equal(MetadataKind.Integer, record.Metadata["int"].Kind);
        Assert.Equal(123456789012345678901234567m, record.Metadata["big_int"].AsDecimal());
        Assert.Equal("12345678901234567890123456789012345678", record.Metadata["huge_int"].AsString());
        Assert.Equal(0.1000000000000000000001m, record.Metadata["decimal"].AsDecimal());
        Assert.Equal(0.3, record.Metadata["float"].AsFloat());
        Assert.Equal(1e-130, record.Metadata["tiny"].AsFloat());
        Assert.Equal(["a", "b", "c"], record.Metadata["ss"].AsArray().Select(v => v.AsString()).Order(StringComparer.Ordinal));
        var types = record.Metadata["_dynamodb_types"].AsObject();
        Assert.Equal("SS", types["/ss"].AsString());
        Assert.Equal("NS", types["/ns"].AsString());
        Assert.Equal("BS", types["/bs"].AsString());
        Assert.Equal("N", types["/huge_int"].AsString());
        Assert.Equal("SS", types["/list/2"].AsString());
        Assert.Equal("NS", types["/map/inner/ns"].AsString());
        Assert.Equal("the text", record.Text);

        var copy = "types-copy-" + Guid.NewGuid().ToString("N")[..8];
        await using (var sink = _fixture.Sink(copy, ("create", "true")))
        {
            var (_, failures) = await ConnectorRuns.CopyAsync(source, sink);
            Assert.Empty(failures);
        }

        var stored = Assert.Single(await _fixture.Api.ScanAllAsync(copy));
        var original = Assert.Single(await _fixture.Api.ScanAllAsync(table));
        Assert.Equal(DynamoItems.Canonical(original), DynamoItems.Canonical(stored));

        await using var again = _fixture.Source(copy);
        var second = Assert.Single((await ConnectorRuns.ReadAllAsync(again)).Records);
        Expect.EqualIgnoringSource(record, second);
    }

    [Fact]
    public async Task UpsertAsync_FerryKindsDynamoCannotHold_AreMarkedAndReadBackExactly()
    {
        var table = "kinds-" + Guid.NewGuid().ToString("N")[..8];
        var record = new Record("kinds") { Vector = [0.25f, -0f, float.Epsilon], Title = "t" };
        record.Metadata["one"] = 1.0;
        record.Metadata["e20"] = 1e20;
        record.Metadata["third"] = 1.0 / 3;
        record.Metadata["nan"] = double.NaN;
        record.Metadata["neg_zero"] = -0.0;
        record.Metadata["huge"] = 1e300;
        record.Metadata["price"] = MetadataValue.FromDecimal(19.900m);
        record.Metadata["plain_decimal"] = MetadataValue.FromDecimal(0.1000000000000000000001m);
        record.Metadata["count"] = 3L;
        record.Metadata["when"] = new DateTimeOffset(2024, 2, 29, 1, 2, 3, TimeSpan.FromHours(-3));
        record.Metadata["nested"] = MetadataValue.FromObject([new("f", 2.0), new("l", MetadataValue.FromArray([1.0, 2L]))]);
        record.Sparse["kw"] = new SparseVector([1, 5], [0.5f, 2f]);
        record.Vectors["other"] = [1f, 2f];
        await using (var sink = _fixture.Sink(table, ("create", "true")))
        {
            await sink.PrepareAsync(new DatasetSchema { Vectors = [new VectorField(Record.DefaultVectorName, 3, DistanceMetric.Cosine)] }, new SinkPrepareOptions(), CancellationToken.None);
            var result = await sink.UpsertAsync([record.Clone()], CancellationToken.None);
            Assert.True(result.Failures.Count == 0, string.Join("; ", result.Failures.Select(f => f.Message)));
        }

        var item = Assert.Single(await _fixture.Api.ScanAllAsync(table));
        Assert.Equal("1", item["one"].N);
        Assert.Equal("NaN", item["nan"].S);
        Assert.Equal(19.9m, decimal.Parse(item["price"].N, CultureInfo.InvariantCulture));
        Assert.NotNull(item["embedding"].B);
        var kinds = item["_ferry_types"].M.ToDictionary(p => p.Key, p => p.Value.S);
        Assert.Equal("float", kinds["/one"]);
        Assert.Equal("float", kinds["/e20"]);
        Assert.Equal("float", kinds["/nan"]);
        Assert.Equal("float", kinds["/neg_zero"]);
        Assert.Equal("float", kinds["/huge"]);
        Assert.Equal("decimal:3", kinds["/price"]);
        Assert.Equal("timestamp", kinds["/when"]);
        Assert.Equal("float", kinds["/nested/f"]);
        Assert.Equal("float", kinds["/nested/l/0"]);
        Assert.Equal("sparse", kinds["/kw"]);
        Assert.Equal("vector", kinds["/other"]);
        Assert.False(kinds.ContainsKey("/third"));
        Assert.False(kinds.ContainsKey("/plain_decimal"));
        Assert.False(kinds.ContainsKey("/count"));

        await using var source = _fixture.Source(table);
        var outcome = await ConnectorRuns.ReadAllAsync(source);
        Assert.Empty(outcome.Failures);
        Expect.EqualIgnoringSource(record, Assert.Single(outcome.Records));
    }

    [Fact]
    public async Task UpsertAsync_BadRecords_AreReportedByIdAndTheRestIsWritten()
    {
        var table = "bad-" + Guid.NewGuid().ToString("N")[..8];
        await _fixture.Api.CreateTableAsync(table, ("pk", "S"), ("sk", "N"));
        await using var sink = _fixture.Sink(table);
        await sink.PrepareAsync(new DatasetSchema { Vectors = [new VectorField(Record.DefaultVectorName, 2, DistanceMetric.Cosine)] }, new SinkPrepareOptions(), CancellationToken.None);
        var keyClash = new Record("a#3") { Vector = [1, 2] };
        keyClash.Metadata["pk"] = "other";
        var records = new List<Record>
        {
            new("a#1") { Vector = [1, 2] },
            new("a#2") { Vector = [float.NaN, 2] },
            new("no-sort-key") { Vector = [1, 2] },
            new("a#not-a-number") { Vector = [1, 2] },
            new("a#4") { Vector = [1, 2, 3] },
            keyClash,
            new("a\\#b#5") { Vector = [3, 4] },
        };

        var result = await sink.UpsertAsync(records, CancellationToken.None);

        Assert.Equal(2, result.Written);
        Assert.Equal(["a#2", "a#3", "a#4", "a#not-a-number", "no-sort-key"], result.Failures.Select(f => f.RecordId).Order(StringComparer.Ordinal));
        Assert.All(result.Failures, f => Assert.NotNull(f.Record));
        var stored = await _fixture.Api.GetAsync(table, new() { ["pk"] = new() { S = "a#b" }, ["sk"] = new() { N = "5" } });
        Assert.NotNull(stored);
    }

    [Fact]
    public async Task UpsertAsync_ItemDynamoRefuses_IsIsolatedAndTheRestIsWritten()
    {
        // A partition key over DynamoDB's 2048-byte limit passes Ferry's own checks and is refused by the server,
        // inside a batch of good items.
        var table = "refused-" + Guid.NewGuid().ToString("N")[..8];
        await using var sink = _fixture.Sink(table, ("create", "true"));
        await sink.PrepareAsync(new DatasetSchema(), new SinkPrepareOptions(), CancellationToken.None);
        var records = Enumerable.Range(0, 20).Select(i => new Record($"r{i:00}") { Text = "ok" }).ToList();
        records[13] = new Record(new string('k', 3000)) { Text = "key too long" };

        var result = await sink.UpsertAsync(records, CancellationToken.None);

        Assert.Equal(19, result.Written);
        Assert.Equal(new string('k', 3000), Assert.Single(result.Failures).RecordId);
        Assert.Equal(19, await sink.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task UpsertAsync_DuplicateIdsInOneBatch_LastOneWins()
    {
        var table = "dupes-" + Guid.NewGuid().ToString("N")[..8];
        await using var sink = _fixture.Sink(table, ("create", "true"));
        await sink.PrepareAsync(new DatasetSchema(), new SinkPrepareOptions(), CancellationToken.None);

        var result = await sink.UpsertAsync([new Record("x") { Text = "first" }, new Record("y") { Text = "y" }, new Record("x") { Text = "second" }], CancellationToken.None);

        Assert.Equal(3, result.Written);
        var stored = await _fixture.Api.GetAsync(table, new() { ["id"] = new() { S = "x" } });
        Assert.Equal("second", stored!["text"].S);
    }

    [Fact]
    public async Task PrepareAsync_MissingTableWithoutCreate_IsAConfigurationError()
    {
        await using var sink = _fixture.Sink("missing-" + Guid.NewGuid().ToString("N")[..8]);
        var error = await Assert.ThrowsAsync<ConnectorConfigurationException>(() => sink.PrepareAsync(new DatasetSchema(), new SinkPrepareOptions(), CancellationToken.None).AsTask());
        Assert.Contains("create=true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareAsync_CreateWithCompositeKeyOption_CreatesThatKeySchema()
    {
        var table = "created-" + Guid.NewGuid().ToString("N")[..8];
        await using (var sink = _fixture.Sink(table, ("create", "true"), ("key", "tenant:S,seq:N")))
        {
            await sink.PrepareAsync(new DatasetSchema(), new SinkPrepareOptions(), CancellationToken.None);
            Assert.Empty((await sink.UpsertAsync([new Record("acme#42") { Text = "x" }], CancellationToken.None)).Failures);
        }

        var description = (await _fixture.Api.Client.DescribeTableAsync(table)).Table;
        Assert.Equal(["tenant", "seq"], description.KeySchema.Select(k => k.AttributeName));
        Assert.Equal("N", description.AttributeDefinitions.Single(a => a.AttributeName == "seq").AttributeType.Value);
        Assert.NotNull(await _fixture.Api.GetAsync(table, new() { ["tenant"] = new() { S = "acme" }, ["seq"] = new() { N = "42" } }));
    }

    [Fact]
    public async Task PrepareAsync_Overwrite_DeletesExistingItemsButKeepsTheTable()
    {
        var table = "overwrite-" + Guid.NewGuid().ToString("N")[..8];
        await _fixture.Api.CreateTableAsync(table, ("id", "S"));
        await _fixture.Api.PutAllAsync(table, Enumerable.Range(0, 60).Select(i => new Dictionary<string, AttributeValue> { ["id"] = new() { S = "old" + i.ToString(CultureInfo.InvariantCulture) } }));
        await using var sink = _fixture.Sink(table);

        await sink.PrepareAsync(new DatasetSchema(), new SinkPrepareOptions { Overwrite = true }, CancellationToken.None);

        Assert.Equal(0, await sink.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task UpsertAsync_UnprocessedItems_AreRetriedUntilWritten()
    {
        await using var proxy = new DynamoFaultProxy(_fixture.Server.BaseAddress);
        var table = "unprocessed-" + Guid.NewGuid().ToString("N")[..8];
        await _fixture.Api.CreateTableAsync(table, ("id", "S"));
        var context = new ConnectorContext($"dynamodb://127.0.0.1:{proxy.Port}/{table}", new ConnectorOptions([new("write_concurrency", "1")])) { GetSecret = _ => null };
        await using var sink = new DynamoDbSinkFactory().Create(context);
        await sink.PrepareAsync(new DatasetSchema(), new SinkPrepareOptions(), CancellationToken.None);
        proxy.LeaveHalfUnprocessed(rounds: 3);

        var result = await sink.UpsertAsync([.. Enumerable.Range(0, 25).Select(i => new Record($"u{i:00}") { Text = "x" })], CancellationToken.None);

        Assert.Equal(25, result.Written);
        Assert.Empty(result.Failures);
        Assert.Equal(4, proxy.BatchWrites);
        Assert.Equal(25, (await _fixture.Api.ScanAllAsync(table)).Count);
    }

    [Fact]
    public async Task Calls_Throttled_SurfaceAsTransient()
    {
        await using var proxy = new DynamoFaultProxy(_fixture.Server.BaseAddress);
        var context = new ConnectorContext($"dynamodb://127.0.0.1:{proxy.Port}/{DynaliteFixture.CorpusTable}", new ConnectorOptions([new("sdk_retries", "1")])) { GetSecret = _ => null };
        await using var source = new DynamoDbSourceFactory().Create(context);
        proxy.Throttle(10);

        var error = await Assert.ThrowsAsync<TransientConnectorException>(() => source.DescribeAsync(CancellationToken.None).AsTask());

        Assert.Contains("ProvisionedThroughputExceeded", error.Message, StringComparison.Ordinal);
    }

    private static float[] Floats(AttributeValue list) =>
        [.. list.L.Select(n => float.Parse(n.N, NumberStyles.Float, CultureInfo.InvariantCulture))];
}
