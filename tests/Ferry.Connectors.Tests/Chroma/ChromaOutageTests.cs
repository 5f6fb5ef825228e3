using Ferry.Connectors.Tests.Servers;
using Ferry.Plugins.Chroma;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Schema;

namespace Ferry.Connectors.Tests.Chroma;

/// <summary>A Chroma server of its own, stopped in the middle of a read and started again.</summary>
public sealed class ChromaOutageTests() : ServerOutageTests("chroma")
{
    protected override int RecordCount => 900;

    protected override int BatchSize => 200;

    protected override bool ReadsInLoadOrder => true;

    protected override DatasetSchema SinkSchema => ChromaSinkTests.Schema(2, DistanceMetric.L2);

    protected override NodeServerOptions ServerOptions(string dataFolder) => ChromaServerFixture.ServerOptions(dataFolder);

    protected override Task<TestCorpus> CorpusAsync() => TestCorpus.GetAsync(ChromaServerFixture.CorpusSize, ChromaServerFixture.CorpusDimension);

    protected override async Task LoadAsync(string collection, IReadOnlyList<Record> records)
    {
        using var api = new ChromaTestApi(Server.BaseAddress);
        await api.LoadAsync(await api.CreateCollectionAsync(collection, "l2"), records, batch: 300);
    }

    protected override SourceConnector CreateSource(string collection) => new ChromaSourceFactory().Create(Context(collection));

    protected override SinkConnector CreateSink(string collection) => new ChromaSinkFactory().Create(Context(collection));

    protected override Record SinkRecord() => ChromaSinkTests.Vector("a", 1, 2);

    private ConnectorContext Context(string collection) =>
        new($"chroma://127.0.0.1:{Server.Port}/{collection}", new ConnectorOptions([new("timeout_seconds", "10")]));
}
