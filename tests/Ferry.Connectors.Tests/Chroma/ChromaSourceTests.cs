using Ferry.Connectors.Tests.Servers;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using Xunit;

namespace Ferry.Connectors.Tests.Chroma;

[Collection(ChromaServerCollection.Name)]
public sealed class ChromaSourceTests
{
    private readonly ChromaServerFixture _fixture;

    public ChromaSourceTests(ChromaServerFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task ReadAsync_Corpus_EveryRecordEqualsTheCorpusBitForBit()
    {
        await using var source = _fixture.Source(ChromaServerFixture.CorpusCollection);

        var outcome = await ConnectorRuns.ReadAllAsync(source, batchSize: 1000);

        Assert.Empty(outcome.Failures);
        Assert.Equal(_fixture.Corpus.Records.Count, outcome.Records.Count);
        for (var i = 0; i < outcome.Records.Count; i++)
        {
            Expect.EqualIgnoringSource(_fixture.Corpus.Records[i], outcome.Records[i]);
        }

        Assert.All(outcome.Records, r => Assert.Equal(MetadataKind.Float, r.Metadata["score"].Kind));
        Assert.All(outcome.Records, r => Assert.Equal(MetadataKind.Integer, r.Metadata["year"].Kind));
        Assert.All(outcome.Records, r => Assert.Equal(new RecordSource("chroma", "default_tenant/default_database/corpus", r.Id), r.Source));
    }

    [Fact]
    public async Task DescribeAsync_Corpus_ReportsDimensionSpaceCountAndMetadataKinds()
    {
        await using var source = _fixture.Source(ChromaServerFixture.CorpusCollection);

        var schema = await source.DescribeAsync(CancellationToken.None);

        var vector = Assert.Single(schema.Vectors);
        Assert.Equal(new VectorField(Record.DefaultVectorName, ChromaServerFixture.CorpusDimension, DistanceMetric.L2), vector);
        Assert.Equal(ChromaServerFixture.CorpusSize, schema.Count);
        Assert.True(schema.HasText);
        Assert.True(schema.HasTitle);
        var kinds = schema.Metadata.ToDictionary(f => f.Name, f => f.Kind);
        Assert.Equal(MetadataKind.String, kinds["category"]);
        Assert.Equal(MetadataKind.Integer, kinds["year"]);
        Assert.Equal(MetadataKind.Float, kinds["score"]);
        Assert.Equal(MetadataKind.Array, kinds["tags"]);
        Assert.Equal(MetadataKind.String, schema.Metadata.Single(f => f.Name == "tags").ItemKind);
        Assert.DoesNotContain(schema.Metadata, f => f.Name.StartsWith("_ferry", StringComparison.Ordinal));
        Assert.Equal("configuration_json.hnsw.space", schema.Properties["space_source"]);
    }

    [Fact]
    public async Task CountAsync_Corpus_ReturnsTheServersCount()
    {
        await using var source = _fixture.Source(ChromaServerFixture.CorpusCollection);

        Assert.Equal(ChromaServerFixture.CorpusSize, await source.CountAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_FromMidwayToken_YieldsExactlyTheRest()
    {
        await using var source = _fixture.Source(ChromaServerFixture.CorpusCollection);
        var first = await source.ReadAsync(new ReadRequest { BatchSize = 700 }, CancellationToken.None).Take(5).ToListAsync();
        var token = first[^1].ResumeToken;
        var readSoFar = first.Sum(b => b.Records.Count);

        var rest = await ConnectorRuns.ReadAllAsync(source, resumeToken: token, batchSize: 700);

        Assert.Equal(3500, readSoFar);
        Assert.Equal(ChromaServerFixture.CorpusSize - readSoFar, rest.Records.Count);
        for (var i = 0; i < rest.Records.Count; i++)
        {
            Expect.EqualIgnoringSource(_fixture.Corpus.Records[readSoFar + i], rest.Records[i]);
        }
    }

    [Fact]
    public async Task ReadAsync_LastBatchToken_YieldsNothing()
    {
        await using var source = _fixture.Source(ChromaServerFixture.CorpusCollection);
        var all = await ConnectorRuns.ReadAllAsync(source, batchSize: 2500);

        var after = await ConnectorRuns.ReadAllAsync(source, resumeToken: all.Batches[^1].ResumeToken);

        Assert.Empty(after.Records);
    }

    [Fact]
    public async Task GetPartitionsAsync_Four_CoverEveryRecordExactlyOnce()
    {
        await using var source = _fixture.Source(ChromaServerFixture.CorpusCollection);

        var partitions = await source.GetPartitionsAsync(4, CancellationToken.None);
        var outcomes = await ConnectorRuns.ReadPartitionsAsync(source, 4, batchSize: 600);

        Assert.Equal(4, partitions.Count);
        Assert.Equal(partitions.Count, partitions.Select(p => p.Id).Distinct().Count());
        var ids = outcomes.SelectMany(o => o.Records).Select(r => r.Id).ToList();
        Assert.Equal(ChromaServerFixture.CorpusSize, ids.Count);
        Assert.Equal(_fixture.Corpus.Records.Select(r => r.Id).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.All(outcomes, o => Assert.All(o.Batches, b => Assert.NotNull(b.ResumeToken)));
    }

    [Fact]
    public async Task ReadAsync_PartitionResumedMidway_ReadsOnlyTheRestOfThatPartition()
    {
        await using var source = _fixture.Source(ChromaServerFixture.CorpusCollection);
        var partitions = await source.GetPartitionsAsync(3, CancellationToken.None);
        var second = partitions[1];
        var whole = await ConnectorRuns.ReadAllAsync(source, second, batchSize: 400);
        var firstBatch = whole.Batches[0];

        var rest = await ConnectorRuns.ReadAllAsync(source, second, firstBatch.ResumeToken, batchSize: 400);

        Assert.Equal(whole.Records.Skip(firstBatch.Records.Count).Select(r => r.Id), rest.Records.Select(r => r.Id));
    }

    [Fact]
    public async Task SearchAsync_CorpusQueries_AgreeWithExactTopTen()
    {
        await using var source = _fixture.Source(ChromaServerFixture.CorpusCollection);
        var corpus = _fixture.Corpus;
        var overlap = 0;

        for (var q = 0; q < corpus.Queries.Count; q++)
        {
            var hits = await source.SearchAsync(new SearchRequest(Record.DefaultVectorName, corpus.Queries[q], 10), CancellationToken.None);
            Assert.Equal(10, hits.Count);
            Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Score <= p.Second.Score), "distances ascend");
            overlap += hits.Count(h => corpus.Truth[q].Contains(h.Id));
        }

        // HNSW is approximate; on this corpus its recall@10 is near 1.
        Assert.True(overlap >= corpus.Queries.Count * 10 * 0.9, $"recall@10 {overlap / (corpus.Queries.Count * 10.0):0.000}");
    }
}
