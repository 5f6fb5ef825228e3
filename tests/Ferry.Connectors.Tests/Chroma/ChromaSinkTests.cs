using System.Globalization;
using System.Text.Json;
using Ferry.Connectors.Tests.Servers;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using Ferry.Sdk.Testing;
using Xunit;

namespace Ferry.Connectors.Tests.Chroma;

[Collection(ChromaServerCollection.Name)]
public sealed class ChromaSinkTests
{
    private readonly ChromaServerFixture _fixture;

    public ChromaSinkTests(ChromaServerFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task CopyAsync_CorpusIntoNewCollection_ServerHoldsTheSameRecordsAndSourceReadsThemBack()
    {
        var target = "copy-" + Guid.NewGuid().ToString("N")[..8];
        await using (var source = _fixture.Source(ChromaServerFixture.CorpusCollection))
        await using (var sink = _fixture.Sink(target))
        {
            var (written, failures) = await ConnectorRuns.CopyAsync(source, sink, batchSize: 2000);
            Assert.Empty(failures);
            Assert.Equal(ChromaServerFixture.CorpusSize, written);
            Assert.Equal(ChromaServerFixture.CorpusSize, await sink.CountAsync(CancellationToken.None));
        }

        // What the server holds, through its own API: same ids, documents, vectors (bit for bit) and native metadata.
        var id = await _fixture.Api.CollectionIdAsync(target);
        using (var collection = await _fixture.Api.GetCollectionAsync(target))
        {
            Assert.Equal("l2", collection.RootElement.GetProperty("configuration_json").GetProperty("hnsw").GetProperty("space").GetString());
            Assert.Equal(ChromaServerFixture.CorpusDimension, collection.RootElement.GetProperty("dimension").GetInt32());
        }

        var sample = _fixture.Corpus.Records.Where((_, i) => i % 97 == 0).ToList();
        using (var stored = await _fixture.Api.GetAsync(id, sample.Select(r => r.Id)))
        {
            var byId = new Dictionary<string, int>();
            var ids = stored.RootElement.GetProperty("ids");
            for (var i = 0; i < ids.GetArrayLength(); i++)
            {
                byId[ids[i].GetString()!] = i;
            }

            Assert.Equal(sample.Count, byId.Count);
            foreach (var record in sample)
            {
                var row = byId[record.Id];
                Assert.Equal(record.Text, stored.RootElement.GetProperty("documents")[row].GetString());
                var embedding = stored.RootElement.GetProperty("embeddings")[row].EnumerateArray().Select(e => float.Parse(e.GetRawText(), CultureInfo.InvariantCulture)).ToArray();
                Assert.Equal(record.Vector!, embedding);
                var metadata = stored.RootElement.GetProperty("metadatas")[row];
                Assert.Equal(record.Title, metadata.GetProperty("title").GetString());
                Assert.Equal(record.Metadata["year"].AsInteger(), metadata.GetProperty("year").GetInt64());
                Assert.Equal(record.Metadata["score"].AsFloat(), metadata.GetProperty("score").GetDouble());
                Assert.Matches("[.eE]", metadata.GetProperty("score").GetRawText());
                Assert.Equal(JsonValueKind.String, metadata.GetProperty("tags").ValueKind);
                Assert.Equal("""{"tags":"array"}""", metadata.GetProperty("_ferry_types").GetString());
            }
        }

        // Source -> sink -> source: equal record by record, in the same order.
        await using var reread = _fixture.Source(target);
        var outcome = await ConnectorRuns.ReadAllAsync(reread, batchSize: 3000);
        Assert.Empty(outcome.Failures);
        Assert.Equal(ChromaServerFixture.CorpusSize, outcome.Records.Count);
        for (var i = 0; i < outcome.Records.Count; i++)
        {
            Expect.EqualIgnoringSource(_fixture.Corpus.Records[i], outcome.Records[i]);
        }
    }

    [Fact]
    public async Task Limits_AfterPrepare_AreTheServersMaxBatchSize()
    {
        using var preflight = await new HttpClient().GetFromJsonDocumentAsync(new Uri(_fixture.Server.BaseAddress, "api/v2/pre-flight-checks"));
        var serverMax = preflight.RootElement.GetProperty("max_batch_size").GetInt32();
        await using var sink = _fixture.Sink("limits-" + Guid.NewGuid().ToString("N")[..8]);
        await sink.PrepareAsync(Schema(4, DistanceMetric.Cosine), new SinkPrepareOptions(), CancellationToken.None);
        Assert.Equal(serverMax, sink.Limits.MaxBatchRecords);

        await using var smaller = _fixture.Sink("limits-" + Guid.NewGuid().ToString("N")[..8], ("batch_size", "100"));
        await smaller.PrepareAsync(Schema(4, DistanceMetric.Cosine), new SinkPrepareOptions(), CancellationToken.None);
        Assert.Equal(100, smaller.Limits.MaxBatchRecords);
    }

    [Theory]
    [InlineData(DistanceMetric.Cosine, "cosine")]
    [InlineData(DistanceMetric.L2, "l2")]
    [InlineData(DistanceMetric.Dot, "ip")]
    public async Task PrepareAsync_MissingCollection_CreatesItWithTheMatchingSpace(DistanceMetric metric, string space)
    {
        var name = "space-" + space + "-" + Guid.NewGuid().ToString("N")[..8];
        await using (var sink = _fixture.Sink(name))
        {
            await sink.PrepareAsync(Schema(3, metric), new SinkPrepareOptions(), CancellationToken.None);
        }

        using var collection = await _fixture.Api.GetCollectionAsync(name);
        Assert.Equal(space, collection.RootElement.GetProperty("configuration_json").GetProperty("hnsw").GetProperty("space").GetString());
        await using var source = _fixture.Source(name);
        await using var sink2 = _fixture.Sink(name);
        await sink2.PrepareAsync(Schema(3, metric), new SinkPrepareOptions(), CancellationToken.None);
        await sink2.UpsertAsync([Vector("a", 1, 2, 3)], CancellationToken.None);
        var schema = await source.DescribeAsync(CancellationToken.None);
        Assert.Equal(metric, Assert.Single(schema.Vectors).Metric);
    }

    [Fact]
    public async Task DescribeAsync_LegacyHnswSpaceMetadata_ReadsTheSpaceFromThere()
    {
        var name = "legacy-" + Guid.NewGuid().ToString("N")[..8];
        using var http = new HttpClient { BaseAddress = _fixture.Server.BaseAddress };
        using var response = await http.PostAsync(
            "api/v2/tenants/default_tenant/databases/default_database/collections",
            new StringContent(JsonSerializer.Serialize(new Dictionary<string, object> { ["name"] = name, ["metadata"] = new Dictionary<string, string> { ["hnsw:space"] = "ip" } }), System.Text.Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var id = await _fixture.Api.CollectionIdAsync(name);
        await _fixture.Api.UpsertAsync(id, """{"ids":["x"],"embeddings":[[0.5,0.25]]}""");

        await using var source = _fixture.Source(name);
        var schema = await source.DescribeAsync(CancellationToken.None);

        Assert.Equal(new VectorField(Record.DefaultVectorName, 2, DistanceMetric.Dot), Assert.Single(schema.Vectors));
    }

    [Fact]
    public async Task PrepareAsync_TwoSinksAtOnce_BothUseTheOneCollection()
    {
        var name = "race-" + Guid.NewGuid().ToString("N")[..8];
        await using var first = _fixture.Sink(name);
        await using var second = _fixture.Sink(name);

        await Task.WhenAll(
            first.PrepareAsync(Schema(2, DistanceMetric.L2), new SinkPrepareOptions(), CancellationToken.None).AsTask(),
            second.PrepareAsync(Schema(2, DistanceMetric.L2), new SinkPrepareOptions(), CancellationToken.None).AsTask());
        await first.UpsertAsync([Vector("a", 1, 2)], CancellationToken.None);
        await second.UpsertAsync([Vector("b", 3, 4)], CancellationToken.None);

        Assert.Equal(2, await first.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task PrepareAsync_ExistingCollectionWithOtherSpace_RefusesWithAConfigurationError()
    {
        var name = "mismatch-" + Guid.NewGuid().ToString("N")[..8];
        await _fixture.Api.CreateCollectionAsync(name, "l2");
        await using var sink = _fixture.Sink(name);

        var error = await Assert.ThrowsAsync<ConnectorConfigurationException>(() => sink.PrepareAsync(Schema(3, DistanceMetric.Cosine), new SinkPrepareOptions(), CancellationToken.None).AsTask());

        Assert.Contains("l2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareAsync_OverwriteExisting_StartsEmpty()
    {
        var name = "overwrite-" + Guid.NewGuid().ToString("N")[..8];
        await using (var sink = _fixture.Sink(name))
        {
            await sink.PrepareAsync(Schema(3, DistanceMetric.L2), new SinkPrepareOptions(), CancellationToken.None);
            await sink.UpsertAsync([Vector("old", 1, 2, 3)], CancellationToken.None);
        }

        await using var again = _fixture.Sink(name);
        await again.PrepareAsync(Schema(3, DistanceMetric.L2), new SinkPrepareOptions { Overwrite = true }, CancellationToken.None);

        Assert.Equal(0, await again.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task UpsertAsync_BadRecords_AreReportedByIdAndTheRestIsWritten()
    {
        var name = "bad-" + Guid.NewGuid().ToString("N")[..8];
        await using var sink = _fixture.Sink(name);
        await sink.PrepareAsync(Schema(3, DistanceMetric.L2), new SinkPrepareOptions(), CancellationToken.None);
        var noVector = new Record("no-vector") { Text = "x" };
        var reserved = Vector("reserved", 1, 1, 1);
        reserved.Metadata["chroma:document"] = "sneaky";
        var records = new List<Record>
        {
            Vector("ok-1", 1, 2, 3),
            Vector("nan", 1, float.NaN, 3),
            Vector("infinite", float.PositiveInfinity, 0, 0),
            Vector("short", 1, 2),
            noVector,
            reserved,
            Vector("ok-2", 4, 5, 6),
        };

        var result = await sink.UpsertAsync(records, CancellationToken.None);

        Assert.Equal(2, result.Written);
        Assert.Equal(["infinite", "nan", "no-vector", "reserved", "short"], result.Failures.Select(f => f.RecordId).Order(StringComparer.Ordinal));
        Assert.All(result.Failures, f => Assert.NotNull(f.Record));
        Assert.Contains("2 components", result.Failures.Single(f => f.RecordId == "short").Message, StringComparison.Ordinal);
        Assert.Equal(2, await sink.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task UpsertAsync_RecordTheServerRefuses_IsIsolatedAndTheRestOfTheBatchIsWritten()
    {
        // Without a dimension in the schema the sink cannot check it, so Chroma itself refuses the odd vector in the
        // request; the sink halves the request until that record alone is refused.
        var name = "refused-" + Guid.NewGuid().ToString("N")[..8];
        await using var sink = _fixture.Sink(name);
        await sink.PrepareAsync(new DatasetSchema(), new SinkPrepareOptions(), CancellationToken.None);
        var records = Enumerable.Range(0, 16).Select(i => Vector($"r{i:00}", i, i, i, i)).ToList();
        records[11] = Vector("r11", 1, 2, 3);

        var result = await sink.UpsertAsync(records, CancellationToken.None);

        Assert.Equal(15, result.Written);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("r11", failure.RecordId);
        Assert.Contains("dimension", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(15, await sink.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task UpsertAsync_RichTypes_StoredAsStringsWithFerryTypesAndReadBackExactly()
    {
        var name = "rich-" + Guid.NewGuid().ToString("N")[..8];
        var record = Vector("rich", 1, 2, 3);
        record.Metadata["when"] = new DateTimeOffset(2024, 2, 29, 23, 59, 58, 123, TimeSpan.FromHours(5.5)).AddTicks(4567);
        record.Metadata["price"] = MetadataValue.FromDecimal(19.990m);
        record.Metadata["blob"] = MetadataValue.FromBytes([0, 1, 254, 255]);
        record.Metadata["nothing"] = MetadataValue.Null;
        record.Metadata["tags"] = MetadataValue.FromArray(["a", 1L, 1.0, true, MetadataValue.Null, MetadataValue.FromDecimal(0.1m)]);
        record.Metadata["nested"] = MetadataValue.FromObject([new("$ferry", "collides"), new("deep", MetadataValue.FromObject([new("x", 2.5)]))]);
        record.Metadata["nan"] = double.NaN;
        record.Metadata["negative_zero"] = -0.0;
        record.Metadata["one"] = 1.0;
        record.Metadata["inexact_in_chroma"] = 1.9000000000000001;
        record.Metadata["count"] = 7L;
        record.Metadata["plain"] = "text";
        record.Sparse["keywords"] = new SparseVector([3, 17], [0.25f, -1.5f]);
        record.Title = "A title";
        record.RecordType = RecordTypes.Chunk;
        record.Collection = "books";
        record.Relationships.Add(new Relationship(RelationshipKinds.Parent, "book-1"));

        await using (var sink = _fixture.Sink(name))
        {
            await sink.PrepareAsync(Schema(3, DistanceMetric.L2), new SinkPrepareOptions(), CancellationToken.None);
            var result = await sink.UpsertAsync([record.Clone()], CancellationToken.None);
            Assert.True(result.Failures.Count == 0, string.Join("; ", result.Failures.Select(f => f.Message)));
        }

        using (var stored = await _fixture.Api.GetAsync(await _fixture.Api.CollectionIdAsync(name)))
        {
            var metadata = stored.RootElement.GetProperty("metadatas")[0];
            Assert.Equal("7", metadata.GetProperty("count").GetRawText());
            Assert.Equal("1.0", metadata.GetProperty("one").GetRawText());
            Assert.Equal("text", metadata.GetProperty("plain").GetString());
            Assert.Equal("19.990", metadata.GetProperty("price").GetString());
            Assert.Equal("2024-02-29T23:59:58.1234567+05:30", metadata.GetProperty("when").GetString());
            Assert.Equal("A title", metadata.GetProperty("title").GetString());
            using var types = JsonDocument.Parse(metadata.GetProperty("_ferry_types").GetString()!);
            Assert.Equal(
                new Dictionary<string, string>
                {
                    ["when"] = "timestamp", ["price"] = "decimal", ["blob"] = "bytes", ["nothing"] = "null", ["tags"] = "array",
                    ["nested"] = "object", ["nan"] = "float", ["negative_zero"] = "float", ["inexact_in_chroma"] = "float", ["keywords"] = "sparse",
                },
                types.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
        }

        await using var source = _fixture.Source(name);
        var outcome = await ConnectorRuns.ReadAllAsync(source);
        Assert.True(outcome.Failures.Count == 0, string.Join("; ", outcome.Failures.Select(f => f.Message)));
        Expect.EqualIgnoringSource(record, Assert.Single(outcome.Records));
    }

    [Fact]
    public async Task UpsertAsync_RichTypesError_RefusesRecordsChromaCannotHold()
    {
        var name = "strict-" + Guid.NewGuid().ToString("N")[..8];
        await using var sink = _fixture.Sink(name, ("rich_types", "error"));
        await sink.PrepareAsync(Schema(3, DistanceMetric.L2), new SinkPrepareOptions(), CancellationToken.None);
        var plain = Vector("plain", 1, 2, 3);
        plain.Metadata["n"] = 1L;
        plain.Metadata["f"] = 0.5;
        var rich = Vector("rich", 1, 2, 3);
        rich.Metadata["when"] = DateTimeOffset.UnixEpoch;

        var result = await sink.UpsertAsync([plain, rich], CancellationToken.None);

        Assert.Equal(1, result.Written);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("rich", failure.RecordId);
        Assert.Equal("when", failure.Field);
        Assert.Contains("timestamp", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAsync_OnWrittenCollection_FindsTheNearestRecordFirst()
    {
        var name = "search-" + Guid.NewGuid().ToString("N")[..8];
        await using var sink = _fixture.Sink(name);
        await sink.PrepareAsync(Schema(2, DistanceMetric.Cosine), new SinkPrepareOptions(), CancellationToken.None);
        await sink.UpsertAsync([Vector("east", 1, 0), Vector("north", 0, 1), Vector("north-east", 1, 1)], CancellationToken.None);

        var hits = await sink.SearchAsync(new SearchRequest(Record.DefaultVectorName, [0.9f, 0.1f], 2), CancellationToken.None);

        Assert.True(sink.CanSearch);
        Assert.Equal(["east", "north-east"], hits.Select(h => h.Id));
    }

    internal static DatasetSchema Schema(int dimension, DistanceMetric metric) => new()
    {
        Vectors = [new VectorField(Record.DefaultVectorName, dimension, metric)],
    };

    internal static Record Vector(string id, params float[] vector) => new(id) { Vector = vector };
}

internal static class HttpJsonExtensions
{
    public static async Task<JsonDocument> GetFromJsonDocumentAsync(this HttpClient http, Uri uri)
    {
        using (http)
        {
            return JsonDocument.Parse(await http.GetStringAsync(uri));
        }
    }
}
