using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Sample.Tests;

public sealed class SequenceSourceTests
{
    [Fact]
    public async Task ReadAsync_SameOptions_SameRecordsWithTypedMetadata()
    {
        var first = await ReadAllAsync("sequence://a", ("count", "10"), ("seed", "3"));
        var second = await ReadAllAsync("sequence://a", ("count", "10"), ("seed", "3"));
        Assert.Equal(10, first.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Ferry.Sdk.Testing.RecordAssert.Equal(first[i], second[i]);
        }

        var record = first[4];
        Assert.Equal("a-00000004", record.Id);
        Assert.Equal(MetadataKind.Integer, record.Metadata["index"].Kind);
        Assert.Equal(4, record.Metadata["index"].AsInteger());
        Assert.True(record.Metadata["even"].AsBool());
        Assert.Equal(MetadataKind.Timestamp, record.Metadata["created"].Kind);
        Assert.Equal(8, record.Vector!.Length);
        Assert.All(record.Vector, v => Assert.InRange(v, -1f, 1f));
    }

    [Fact]
    public async Task ReadAsync_OtherSeed_OtherVectors()
    {
        var a = await ReadAllAsync("sequence://a", ("count", "3"), ("seed", "1"));
        var b = await ReadAllAsync("sequence://a", ("count", "3"), ("seed", "2"));
        Assert.NotEqual(a[0].Vector, b[0].Vector);
    }

    [Theory]
    [InlineData("count", "-1")]
    [InlineData("count", "many")]
    [InlineData("dimension", "0")]
    [InlineData("seed", "x")]
    public void Create_BadOption_ThrowsConfigurationNamingIt(string option, string value)
    {
        var context = new ConnectorContext("sequence://a", new ConnectorOptions([new(option, value)]));
        var ex = Assert.Throws<ConnectorConfigurationException>(() => new SequenceSourceFactory().Create(context));
        Assert.Contains($"'{option}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_TokenOutsidePartition_ThrowsConfiguration()
    {
        await using var source = new SequenceSourceFactory().Create(new ConnectorContext("sequence://a", new ConnectorOptions([new("count", "10")])));
        var partitions = await source.GetPartitionsAsync(2, CancellationToken.None);
        var request = new ReadRequest { Partition = partitions[1], ResumeToken = "2" };
        await Assert.ThrowsAsync<ConnectorConfigurationException>(async () =>
        {
            await foreach (var _ in source.ReadAsync(request, CancellationToken.None))
            {
            }
        });
    }

    private static async Task<List<Record>> ReadAllAsync(string location, params (string Key, string Value)[] options)
    {
        await using var source = new SequenceSourceFactory().Create(new ConnectorContext(location, new ConnectorOptions(options.Select(o => KeyValuePair.Create(o.Key, o.Value)))));
        var records = new List<Record>();
        await foreach (var batch in source.ReadAsync(new ReadRequest { BatchSize = 4 }, CancellationToken.None))
        {
            records.AddRange(batch.Records);
        }

        return records;
    }
}
