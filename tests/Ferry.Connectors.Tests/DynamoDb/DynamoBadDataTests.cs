using System.Buffers.Binary;
using Amazon.DynamoDBv2.Model;
using Ferry.Connectors.Tests.Servers;
using Xunit;

namespace Ferry.Connectors.Tests.DynamoDb;

/// <summary>Items that cannot be read become failures with their ids; the others read normally.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoBadDataTests
{
    private readonly DynaliteFixture _fixture;

    public DynamoBadDataTests(DynaliteFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task ReadAsync_UnreadableItems_FailOneByOneAndTheRestReads()
    {
        var table = "baddata-" + Guid.NewGuid().ToString("N")[..8];
        await _fixture.Api.CreateTableAsync(table, ("id", "S"));
        var nan = new byte[12];
        BinaryPrimitives.WriteSingleLittleEndian(nan.AsSpan(4), float.NaN);
        await _fixture.Api.PutAllAsync(table,
        [
            Item("good-1", List("1", "2", "3")),
            Item("good-2", List("4", "5", "6")),
            Item("good-3", List("7", "8", "9")),
            Item("nan-binary", new AttributeValue { B = new MemoryStream(nan) }),
            Item("ragged-binary", new AttributeValue { B = new MemoryStream(new byte[10]) }),
            Item("wrong-dimension", List("1", "2")),
            Item("not-a-number", new AttributeValue { L = [new() { N = "1" }, new() { S = "two" }, new() { N = "3" }] }),
            Item("overflow", List("1", "1e39", "3")),
            Item("bad-types", List("1", "1", "1"), ("_ferry_types", new AttributeValue { S = "{oops" })),
            Item("bad-decimal", List("1", "1", "1"), ("price", new AttributeValue { S = "cheap" }), ("_ferry_types", Kinds(("/price", "decimal:2")))),
            Item("bad-timestamp", List("1", "1", "1"), ("when", new AttributeValue { S = "soon" }), ("_ferry_types", Kinds(("/when", "timestamp")))),
        ]);
        await using var source = _fixture.Source(table);

        var outcome = await ConnectorRuns.ReadAllAsync(source);

        Assert.Equal(["good-1", "good-2", "good-3"], outcome.Records.Select(r => r.Id).Order(StringComparer.Ordinal));
        var failures = outcome.Failures.ToDictionary(f => f.RecordId!);
        Assert.Equal(
            ["bad-decimal", "bad-timestamp", "bad-types", "nan-binary", "not-a-number", "overflow", "ragged-binary", "wrong-dimension"],
            failures.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("embedding", failures["nan-binary"].Field);
        Assert.Contains("NaN", failures["nan-binary"].Message, StringComparison.Ordinal);
        Assert.Contains("2 components", failures["wrong-dimension"].Message, StringComparison.Ordinal);
        Assert.Contains("component 1 is not a number", failures["not-a-number"].Message, StringComparison.Ordinal);
        Assert.Contains("vector component 1 is", failures["overflow"].Message, StringComparison.Ordinal);
        Assert.Equal("_ferry_types", failures["bad-types"].Field);
        Assert.Equal("price", failures["bad-decimal"].Field);
        Assert.Equal("when", failures["bad-timestamp"].Field);
        Assert.All(outcome.Failures, f => Assert.NotNull(f.Raw));
    }

    private static AttributeValue List(params string[] numbers) => new() { L = [.. numbers.Select(n => new AttributeValue { N = n })] };

    private static AttributeValue Kinds(params (string Path, string Kind)[] kinds) =>
        new() { M = kinds.ToDictionary(k => k.Path, k => new AttributeValue { S = k.Kind }) };

    private static Dictionary<string, AttributeValue> Item(string id, AttributeValue embedding, params (string Name, AttributeValue Value)[] more)
    {
        var item = new Dictionary<string, AttributeValue> { ["id"] = new() { S = id }, ["embedding"] = embedding };
        foreach (var (name, value) in more)
        {
            item[name] = value;
        }

        return item;
    }
}
