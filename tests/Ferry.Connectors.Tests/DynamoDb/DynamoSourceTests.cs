using Amazon.DynamoDBv2.Model;
using Ferry.Connectors.Tests.Servers;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using Ferry.Sdk.Testing;
using Xunit;

namespace Ferry.Connectors.Tests.DynamoDb;

[Collection(DynaliteCollection.Name)]
public sealed class DynamoSourceTests
{
    private readonly DynaliteFixture _fixture;

    public DynamoSourceTests(DynaliteFixture fixture)
    {
        _fixture = fixture;
    }

    private IReadOnlyList<Record> ExpectedCorpus(string table = DynaliteFixture.CorpusTable) =>
        [.. _fixture.Corpus.Records.Select(r => DynamoTestApi.ExpectedFromCorpus(r, _fixture.ProvenanceLocation(table)))];

    [Fact]
    public async Task ReadAsync_Corpus_EveryRecordEqualsTheCorpusBitForBit()
    {
        await using var source = _fixture.Source(DynaliteFixture.CorpusTable);

        var outcome = await ConnectorRuns.ReadAllAsync(source, batchSize: 1000);

        Assert.Empty(outcome.Failures);
        RecordAssert.EquivalentById(ExpectedCorpus(), outcome.Records);
        Assert.All(outcome.Records, r => Assert.Equal(MetadataKind.Integer, r.Metadata["year"].Kind));
        Assert.Contains(outcome.Records, r => r.Metadata["score"].Kind == MetadataKind.Float);
    }

    [Fact]
    public async Task DescribeAsync_Corpus_ReportsDimensionKeyAndMetadataKinds()
    {
        await using var source = _fixture.Source(DynaliteFixture.CorpusTable, ("metric", "dot"));

        var schema = await source.DescribeAsync(CancellationToken.None);

        Assert.Equal(new VectorField(Record.DefaultVectorName, DynaliteFixture.CorpusDimension, DistanceMetric.Dot), Assert.Single(schema.Vectors));
        Assert.Null(schema.Count);
        Assert.True(schema.HasText);
        Assert.True(schema.HasTitle);
        Assert.Equal("id:S", schema.Properties["partition_key"]);
        Assert.Equal("list", schema.Properties["vector_format"]);
        var kinds = schema.Metadata.ToDictionary(f => f.Name, f => f.Kind);
        Assert.Equal(MetadataKind.String, kinds["category"]);
        Assert.Equal(MetadataKind.Integer, kinds["year"]);
        Assert.Equal(MetadataKind.Array, kinds["tags"]);
        Assert.DoesNotContain("id", kinds.Keys);
        Assert.DoesNotContain("embedding", kinds.Keys);
    }

    [Fact]
    public async Task CountAsync_Corpus_IsExact()
    {
        await using var source = _fixture.Source(DynaliteFixture.CorpusTable);
        Assert.Equal(DynaliteFixture.CorpusSize, await source.CountAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task GetPartitionsAsync_FourSegments_CoverEveryRecordExactlyOnce()
    {
        await using var source = _fixture.Source(DynaliteFixture.CorpusTable);

        var partitions = await source.GetPartitionsAsync(4, CancellationToken.None);
        var outcomes = await ConnectorRuns.ReadPartitionsAsync(source, 4, batchSize: 500);

        Assert.Equal(["segment 0 of 4", "segment 1 of 4", "segment 2 of 4", "segment 3 of 4"], partitions.Select(p => p.Descriptor));
        Assert.All(outcomes, o => Assert.NotEmpty(o.Records));
        var ids = outcomes.SelectMany(o => o.Records).Select(r => r.Id).ToList();
        Assert.Equal(DynaliteFixture.CorpusSize, ids.Count);
        Assert.Equal(_fixture.Corpus.Records.Select(r => r.Id).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_FromMidwayToken_YieldsExactlyTheRest()
    {
        await using var source = _fixture.Source(DynaliteFixture.CorpusTable);
        var first = await source.ReadAsync(new ReadRequest { BatchSize = 900 }, CancellationToken.None).Take(5).ToListAsync();
        var before = first.SelectMany(b => b.Records).Select(r => r.Id).ToList();

        // A fresh source, as after a crash: the token alone says where to go on.
        await using var resumed = _fixture.Source(DynaliteFixture.CorpusTable);
        var rest = await ConnectorRuns.ReadAllAsync(resumed, resumeToken: first[^1].ResumeToken, batchSize: 900);

        // DynamoDB cuts Scan pages at 1 MB: with 384 numbers per item that is about 200 items, fewer than asked.
        Assert.InRange(before.Count, 5, 4500);
        Assert.Equal(DynaliteFixture.CorpusSize, before.Concat(rest.Records.Select(r => r.Id)).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(DynaliteFixture.CorpusSize - before.Count, rest.Records.Count);
        Assert.Equal("end", rest.Batches[^1].ResumeToken);
        Assert.Empty((await ConnectorRuns.ReadAllAsync(resumed, resumeToken: "end")).Records);
    }

    [Fact]
    public async Task ReadAsync_CompositeBinaryAndNumberKeys_TokensAndIdsRoundTripExactly()
    {
        var table = "composite-" + Guid.NewGuid().ToString("N")[..8];
        await _fixture.Api.CreateTableAsync(table, ("pk", "B"), ("sk", "N"));
        var items = new List<Dictionary<string, AttributeValue>>();
        for (var i = 0; i < 60; i++)
        {
            items.Add(new Dictionary<string, AttributeValue>
            {
                ["pk"] = new() { B = new MemoryStream([(byte)(i % 7), 0xFF, (byte)'#', (byte)'\\']) },
                ["sk"] = new() { N = (i % 3 == 0 ? "-" : string.Empty) + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".125" },
                ["embedding"] = new() { L = [new() { N = "1" }, new() { N = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }] },
            });
        }

        await _fixture.Api.PutAllAsync(table, items);
        await using var source = _fixture.Source(table);

        var whole = await ConnectorRuns.ReadAllAsync(source, batchSize: 7);
        Assert.Empty(whole.Failures);
        Assert.Equal(60, whole.Records.Count);
        for (var k = 0; k < whole.Batches.Count - 1; k++)
        {
            var rest = await ConnectorRuns.ReadAllAsync(source, resumeToken: whole.Batches[k].ResumeToken, batchSize: 7);
            Assert.Equal(whole.Batches.Skip(k + 1).SelectMany(b => b.Records).Select(r => r.Id), rest.Records.Select(r => r.Id));
        }

        // Ids are base64(pk)#sk; the sink parses them back into the same binary and number keys.
        var copy = "composite-copy-" + Guid.NewGuid().ToString("N")[..8];
        await _fixture.Api.CreateTableAsync(copy, ("pk", "B"), ("sk", "N"));
        await using (var sink = _fixture.Sink(copy))
        {
            await sink.PrepareAsync(await source.DescribeAsync(CancellationToken.None), new SinkPrepareOptions(), CancellationToken.None);
            var result = await sink.UpsertAsync(whole.Records, CancellationToken.None);
            Assert.Empty(result.Failures);
        }

        var copied = await _fixture.Api.ScanAllAsync(copy);
        Assert.Equal(
            items.Select(DynamoItems.Canonical).Order(StringComparer.Ordinal),
            copied.Select(DynamoItems.Canonical).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_BinaryVectors_AreDecodedBitExactAndWrittenBackAsBinary()
    {
        var table = "binary-" + Guid.NewGuid().ToString("N")[..8];
        await _fixture.Api.CreateTableAsync(table, ("id", "S"));
        var records = _fixture.Corpus.Records.Take(500).ToList();
        await _fixture.Api.PutAllAsync(table, records.Select(r => DynamoTestApi.CorpusItem(r, binaryVector: true)));
        await using var source = _fixture.Source(table);

        var outcome = await ConnectorRuns.ReadAllAsync(source);
        var schema = await source.DescribeAsync(CancellationToken.None);

        Assert.Empty(outcome.Failures);
        Assert.Equal("binary", schema.Properties["vector_format"]);
        RecordAssert.EquivalentById(records.Select(r => DynamoTestApi.ExpectedFromCorpus(r, _fixture.ProvenanceLocation(table))), outcome.Records);

        // Written back the same way: the source's schema tells the sink the vectors were binary.
        var copy = "binary-copy-" + Guid.NewGuid().ToString("N")[..8];
        await using (var sink = _fixture.Sink(copy, ("create", "true")))
        {
            var (written, failures) = await ConnectorRuns.CopyAsync(source, sink);
            Assert.Empty(failures);
            Assert.Equal(500, written);
        }

        var item = await _fixture.Api.GetAsync(copy, new() { ["id"] = new() { S = records[0].Id } });
        Assert.NotNull(item!["embedding"].B);
        Assert.Equal(DynamoTestApi.CorpusItem(records[0], binaryVector: true)["embedding"].B.ToArray(), item["embedding"].B.ToArray());
    }
}
