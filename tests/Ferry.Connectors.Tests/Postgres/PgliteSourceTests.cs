using Ferry.Sdk.Connectors;
using Ferry.Sdk.Filtering;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using Xunit;

namespace Ferry.Connectors.Tests.Postgres;

/// <summary>The source against PGlite with pgvector, over the 10,000-row corpus of every mapped type.</summary>
[Collection(PgliteCollection.Name)]
public sealed class PgliteSourceTests(PgliteFixture fixture)
{
    private string Docs(string? query = null) => fixture.Server.Location(PgCorpus.Table, query);

    [Fact]
    public async Task ReadAsync_WholeCorpus_EveryRowTypedAndBitExact()
    {
        await using var source = Connectors.Source(Docs());
        var result = await Connectors.ReadAllAsync(source, new ReadRequest { BatchSize = 1000 });

        Assert.Empty(result.Failures);
        Assert.Equal(PgliteFixture.CorpusRows, result.Records.Count);
        Assert.All(result.BatchSizes, size => Assert.True(size <= 1000));
        for (var i = 0; i < result.Records.Count; i++)
        {
            PgAssert.Equal(fixture.Corpus.Records[i], result.Records[i]);
        }
    }

    [Fact]
    public async Task DescribeAsync_Corpus_DescribesColumnsFromTheCatalogue()
    {
        await using var source = Connectors.Source(Docs());
        var schema = await source.DescribeAsync(CancellationToken.None);

        Assert.Equal(2, schema.Vectors.Count);
        var embedding = schema.FindVector("embedding")!;
        Assert.Equal(PgCorpus.Dimension, embedding.Dimension);
        Assert.Equal("float32", embedding.StorageType);
        Assert.Equal(DistanceMetric.Cosine, embedding.Metric);
        var half = schema.FindVector("half")!;
        Assert.Equal(8, half.Dimension);
        Assert.Equal("float16", half.StorageType);
        Assert.Equal(["sparse"], schema.SparseVectors);
        Assert.Equal("1000", schema.Properties["sparse_dimension.sparse"]);
        Assert.True(schema.HasText);
        Assert.True(schema.HasTitle);
        Assert.Equal("content", schema.Properties["text_column"]);
        Assert.Equal("title", schema.Properties["title_column"]);
        Assert.Equal("id", schema.Properties["key"]);
        Assert.Contains("docs_parent_id_fkey", string.Join(";", schema.Properties.Keys));

        var fields = schema.Metadata.ToDictionary(f => f.Name);
        Assert.Equal(MetadataKind.Integer, fields["year"].Kind);
        Assert.False(fields["year"].Nullable);
        Assert.Equal(MetadataKind.Float, fields["score"].Kind);
        Assert.Equal(MetadataKind.Decimal, fields["price"].Kind);
        Assert.Equal(MetadataKind.Timestamp, fields["published"].Kind);
        Assert.Equal(MetadataKind.Timestamp, fields["day"].Kind);
        Assert.Equal(MetadataKind.Bytes, fields["blob"].Kind);
        Assert.Equal(MetadataKind.String, fields["uid"].Kind);
        Assert.Equal(MetadataKind.Array, fields["tags"].Kind);
        Assert.Equal(MetadataKind.String, fields["tags"].ItemKind);
        Assert.Equal(MetadataKind.Integer, fields["counts"].ItemKind);
        Assert.Null(fields["attrs"].Kind);
        Assert.False(fields.ContainsKey("id"));
        Assert.False(fields.ContainsKey("embedding"));
        Assert.False(fields.ContainsKey("content"));
    }

    [Fact]
    public async Task ReadAsync_ResumeFromMidToken_ReturnsExactlyTheRest()
    {
        await using var source = Connectors.Source(Docs());
        string? token = null;
        var read = 0;
        await foreach (var batch in source.ReadAsync(new ReadRequest { BatchSize = 700 }, CancellationToken.None))
        {
            read += batch.Records.Count;
            token = batch.ResumeToken;
            if (read >= 3500)
            {
                break;
            }
        }

        Assert.Equal(3500, read);
        await using var resumed = Connectors.Source(Docs());
        var rest = await Connectors.ReadAllAsync(resumed, new ReadRequest { BatchSize = 1500, ResumeToken = token });

        Assert.Equal(fixture.Corpus.Records.Skip(3500).Select(r => r.Id), rest.Records.Select(r => r.Id));
        PgAssert.Equal(fixture.Corpus.Records[3500], rest.Records[0]);
        PgAssert.Equal(fixture.Corpus.Records[^1], rest.Records[^1]);
    }

    [Fact]
    public async Task GetPartitionsAsync_FourKeyRanges_CoverEveryRowOnceAndResumeInside()
    {
        await using var source = Connectors.Source(Docs());
        var partitions = await source.GetPartitionsAsync(4, CancellationToken.None);

        Assert.Equal(4, partitions.Count);
        Assert.Equal(4, partitions.Select(p => p.Id).Distinct().Count());
        var seen = new List<string>();
        foreach (var partition in partitions)
        {
            var part = await Connectors.ReadAllAsync(source, new ReadRequest { Partition = partition, BatchSize = 900 });
            Assert.Empty(part.Failures);
            Assert.InRange(part.Records.Count, 2400, 2600);
            Assert.All(part.Records, r => Assert.Equal(PgCorpus.Table, r.Source!.Location!.Split('.')[1]));
            seen.AddRange(part.Records.Select(r => r.Id));
        }

        Assert.Equal(fixture.Corpus.Records.Select(r => r.Id), seen);

        // A partition read by another source instance, resumed after its first batch, gives the rest of that range only.
        var second = partitions[1];
        await using var other = Connectors.Source(Docs());
        var firstBatch = await other.ReadAsync(new ReadRequest { Partition = second, BatchSize = 100 }, CancellationToken.None).FirstAsync();
        var rest = await Connectors.ReadAllAsync(other, new ReadRequest { Partition = second, BatchSize = 1000, ResumeToken = firstBatch.ResumeToken });
        var whole = await Connectors.ReadAllAsync(other, new ReadRequest { Partition = second });
        Assert.Equal(whole.Records.Skip(100).Select(r => r.Id), rest.Records.Select(r => r.Id));
    }

    public static TheoryData<string> PushableFilters() =>
    [
        "year >= 2010 AND category = 'science'",
        "score > 0.5",
        "NOT (score > 0.5)",
        "score IS NULL",
        "score = FLOAT 'Infinity'",
        "author IN ('Ada', 'Grace')",
        "author NOT IN ('Ada')",
        "tags CONTAINS 'tag3'",
        "NOT tags CONTAINS 'tag3'",
        "title LIKE 'Title 1%'",
        "text LIKE '%🚀%' OR text IS NULL",
        "published >= '2010-01-01'",
        "published < TIMESTAMP '2005-06-01T00:00:00Z'",
        "published = 'not a date'",
        "day = DATE '2020-01-05'",
        "price > DECIMAL '50000.5'",
        "price <= 7",
        "counts CONTAINS 5",
        "flag = TRUE OR small < 10",
        "id >= 'doc-09990'",
        "id IN ('doc-00001', 'doc-00002', 'nope')",
        "year = 'abc'",
        "year > 2020.5",
        "year IN (1995, 2001.0, DECIMAL '2003')",
        "ratio < 0.25",
        "big > 9000000000000000000",
        "uid LIKE '0000%'",
        "local_ts > '2010-06-05T00:00:00Z'",
        "author_id = 3 AND parent_id IS NOT NULL",
        "blob = X'0A00' OR blob > X'FF'",
        "dur = '2 days 00:00:05'",
    ];

    [Theory]
    [MemberData(nameof(PushableFilters))]
    public async Task ReadAsync_PushedDownFilter_ReturnsWhatTheEvaluatorMatches(string text)
    {
        var filter = FilterParser.Parse(text);
        await using var source = Connectors.Source(Docs());
        _ = await source.DescribeAsync(CancellationToken.None);
        var expected = fixture.Corpus.Records.Where(r => FilterEvaluator.Matches(filter, r)).Select(r => r.Id).ToList();

        Assert.True(source.CanEvaluate(filter), $"'{text}' should be pushed down");
        var result = await Connectors.ReadAllAsync(source, new ReadRequest { Filter = filter, BatchSize = 2000 });

        Assert.Equal(expected, result.Records.Select(r => r.Id).ToList());
        Assert.Equal(expected.Count, await source.CountAsync(filter, CancellationToken.None) ?? expected.Count);
    }

    [Theory]
    [InlineData("attrs.rank < 20")]
    [InlineData("metadata.attrs.nested.ok = TRUE AND year < 1992")]
    [InlineData("record_type = 'document' AND year = 1999")]
    public async Task ReadAsync_FilterOnNestedJson_IsNotPushedDownButStillApplied(string text)
    {
        var filter = FilterParser.Parse(text);
        await using var source = Connectors.Source(Docs());
        _ = await source.DescribeAsync(CancellationToken.None);

        Assert.False(source.CanEvaluate(filter));
        Assert.Null(await source.CountAsync(filter, CancellationToken.None));
        var result = await Connectors.ReadAllAsync(source, new ReadRequest { Filter = filter, BatchSize = 2500 });
        var expected = fixture.Corpus.Records.Where(r => FilterEvaluator.Matches(filter, r)).Select(r => r.Id);
        Assert.Equal(expected, result.Records.Select(r => r.Id));
    }

    [Theory]
    [InlineData("cosine", DistanceMetric.Cosine)]
    [InlineData("dot", DistanceMetric.Dot)]
    [InlineData("l2", DistanceMetric.L2)]
    public async Task SearchAsync_Metric_AgreesWithExactRanking(string option, DistanceMetric metric)
    {
        await using var source = Connectors.Source(Docs("metric=" + option));
        var schema = await source.DescribeAsync(CancellationToken.None);
        Assert.Equal(metric, schema.FindVector("embedding")!.Metric);
        Assert.True(source.CanSearch);

        var withVectors = fixture.Corpus.Records.Where(r => r.Vectors.ContainsKey("embedding")).ToList();
        var overlap = 0;
        const int Queries = 5;
        for (var q = 0; q < Queries; q++)
        {
            var query = withVectors[q * 37].Vectors["embedding"].Select((v, i) => v + (i % 3 == 0 ? 0.05f : -0.02f)).ToArray();
            var hits = await source.SearchAsync(new SearchRequest("embedding", query, 10), CancellationToken.None);
            var exact = withVectors
                .Select(r => (r.Id, Score: Score(metric, query, r.Vectors["embedding"])))
                .OrderBy(x => metric == DistanceMetric.L2 ? x.Score : -x.Score)
                .Take(10)
                .Select(x => x.Id)
                .ToHashSet();
            Assert.Equal(10, hits.Count);
            overlap += hits.Count(h => exact.Contains(h.Id));
            if (metric != DistanceMetric.Dot)
            {
                Assert.Equal(withVectors[q * 37].Id, hits[0].Id); // the perturbed vector's own row is its nearest
            }
        }

        Assert.True(overlap >= Queries * 10 * 0.9, $"top-10 overlap {overlap} of {Queries * 10}");
    }

    [Fact]
    public async Task SearchAsync_WithFilter_OnlyMatchingHits()
    {
        await using var source = Connectors.Source(Docs());
        var query = fixture.Corpus.Records[5].Vectors["embedding"];
        var filter = FilterParser.Parse("category = 'art'");
        var hits = await source.SearchAsync(new SearchRequest("embedding", query, 5) { Filter = filter }, CancellationToken.None);

        Assert.Equal(5, hits.Count);
        Assert.All(hits, h => Assert.Equal("art", fixture.Corpus.ById[h.Id].Metadata["category"].AsString()));
    }

    private static double Score(DistanceMetric metric, float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0, l2 = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
            l2 += ((double)a[i] - b[i]) * ((double)a[i] - b[i]);
        }

        return metric switch
        {
            DistanceMetric.Cosine => dot / Math.Sqrt(na * nb),
            DistanceMetric.Dot => dot,
            _ => Math.Sqrt(l2),
        };
    }
}
