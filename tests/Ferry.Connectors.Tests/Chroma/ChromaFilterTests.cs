using Ferry.Connectors.Tests.Servers;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Filtering;
using Xunit;

namespace Ferry.Connectors.Tests.Chroma;

/// <summary>Filters pushed down to Chroma's where return exactly what Ferry's own evaluator selects from the corpus.</summary>
[Collection(ChromaServerCollection.Name)]
public sealed class ChromaFilterTests
{
    private readonly ChromaServerFixture _fixture;

    public ChromaFilterTests(ChromaServerFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData("category = 'news'", true)]
    [InlineData("metadata.category IN ('art', 'law') AND year >= 2020", true)]
    [InlineData("category = 'news' OR category = 'food'", true)]
    [InlineData("year >= 2020", false)]
    [InlineData("NOT category = 'news'", false)]
    [InlineData("category = 'news' OR year = 2001", false)]
    [InlineData("title = 'w1 w2'", false)]
    public async Task CanEvaluate_PlainStringEqualityOnly(string text, bool expected)
    {
        await using var source = _fixture.Source(ChromaServerFixture.CorpusCollection);
        Assert.Equal(expected, source.CanEvaluate(FilterParser.Parse(text)));
    }

    [Theory]
    [InlineData("category = 'news'")]
    [InlineData("metadata.category IN ('art', 'law') AND year >= 2020")]
    [InlineData("category = 'news' OR category = 'food'")]
    public async Task ReadAsync_PushedDownFilter_YieldsExactlyTheMatchingRecords(string text)
    {
        var filter = FilterParser.Parse(text);
        var expected = _fixture.Corpus.Records.Where(r => FilterEvaluator.Matches(filter, r)).Select(r => r.Id).ToList();
        await using var source = _fixture.Source(ChromaServerFixture.CorpusCollection);
        var read = new List<string>();
        await foreach (var partition in (await source.GetPartitionsAsync(3, CancellationToken.None)).ToAsyncEnumerable())
        {
            await foreach (var batch in source.ReadAsync(new ReadRequest { Partition = partition, Filter = filter, BatchSize = 400 }, CancellationToken.None))
            {
                Assert.Empty(batch.Failures);
                read.AddRange(batch.Records.Select(r => r.Id));
            }
        }

        Assert.NotEmpty(expected);
        Assert.True(expected.Count < ChromaServerFixture.CorpusSize);
        Assert.Equal(expected.Order(StringComparer.Ordinal), read.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_FilteredAndResumedMidway_YieldsExactlyTheRest()
    {
        var filter = FilterParser.Parse("category = 'science'");
        await using var source = _fixture.Source(ChromaServerFixture.CorpusCollection);
        var all = new List<RecordBatch>();
        await foreach (var batch in source.ReadAsync(new ReadRequest { Filter = filter, BatchSize = 100 }, CancellationToken.None))
        {
            all.Add(batch);
        }

        var rest = new List<string>();
        await foreach (var batch in source.ReadAsync(new ReadRequest { Filter = filter, BatchSize = 100, ResumeToken = all[2].ResumeToken }, CancellationToken.None))
        {
            rest.AddRange(batch.Records.Select(r => r.Id));
        }

        Assert.Equal(all.Skip(3).SelectMany(b => b.Records).Select(r => r.Id), rest);
    }
}
