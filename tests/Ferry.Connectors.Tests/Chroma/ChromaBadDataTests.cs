using Ferry.Connectors.Tests.Servers;
using Ferry.Sdk.Records;
using Xunit;

namespace Ferry.Connectors.Tests.Chroma;

/// <summary>Records in the server that cannot be read become failures with their ids; the others read normally.</summary>
[Collection(ChromaServerCollection.Name)]
public sealed class ChromaBadDataTests
{
    private readonly ChromaServerFixture _fixture;

    public ChromaBadDataTests(ChromaServerFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task ReadAsync_UnreadableRecordsInTheServer_FailOneByOneAndTheRestReads()
    {
        var name = "baddata-" + Guid.NewGuid().ToString("N")[..8];
        var id = await _fixture.Api.CreateCollectionAsync(name, "l2");

        // 1e39 overflows float32: Chroma stores an infinite component and answers null for it (JSON has no NaN).
        await _fixture.Api.UpsertAsync(id, """
            {"ids":["good-1","infinite","bad-types","bad-timestamp","bad-array","good-2","types-not-string"],
             "embeddings":[[1,2,3],[1e39,0,0],[1,1,1],[2,2,2],[3,3,3],[4,5,6],[7,7,7]],
             "documents":["one",null,null,null,null,"two",null],
             "metadatas":[{"n":1},null,{"_ferry_types":"{not json"},{"when":"yesterday-ish","_ferry_types":"{\"when\":\"timestamp\"}"},
                          {"list":"[1,2","_ferry_types":"{\"list\":\"array\"}"},{"f":2.5},{"_ferry_types":5}]}
            """);
        await using var source = _fixture.Source(name);

        var outcome = await ConnectorRuns.ReadAllAsync(source);

        Assert.Equal(["good-1", "good-2"], outcome.Records.Select(r => r.Id));
        Assert.Equal(1L, outcome.Records[0].Metadata["n"].AsInteger());
        Assert.Equal(2.5, outcome.Records[1].Metadata["f"].AsFloat());
        var failures = outcome.Failures.ToDictionary(f => f.RecordId!);
        Assert.Equal(["bad-array", "bad-timestamp", "bad-types", "infinite", "types-not-string"], failures.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("embedding", failures["infinite"].Field);
        Assert.Contains("null", failures["infinite"].Message, StringComparison.Ordinal);
        Assert.Equal("_ferry_types", failures["bad-types"].Field);
        Assert.Equal("when", failures["bad-timestamp"].Field);
        Assert.Equal("yesterday-ish", failures["bad-timestamp"].Raw);
        Assert.Equal("list", failures["bad-array"].Field);
        Assert.Equal("_ferry_types", failures["types-not-string"].Field);
        Assert.All(outcome.Failures, f => Assert.False(f.IsTransient));
        Assert.Equal([2L, 3L, 4L, 5L, 7L], outcome.Failures.Select(f => f.Line ?? 0));
    }
}
