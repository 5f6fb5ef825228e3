using Ferry.Connectors.Tests.Servers;
using Ferry.Plugins.DynamoDb;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Schema;

namespace Ferry.Connectors.Tests.DynamoDb;

/// <summary>A dynalite of its own (on disk, so that its data survives a restart), stopped in the middle of a read.</summary>
public sealed class DynamoOutageTests() : ServerOutageTests("dynalite")
{
    protected override int RecordCount => 600;

    protected override int BatchSize => 100;

    // A scan's order is the table's, not the load order.
    protected override bool ReadsInLoadOrder => false;

    protected override DatasetSchema SinkSchema => new();

    protected override NodeServerOptions ServerOptions(string dataFolder) => DynaliteFixture.ServerOptions(dataFolder);

    protected override Task<TestCorpus> CorpusAsync() => TestCorpus.GetAsync(DynaliteFixture.CorpusSize, DynaliteFixture.CorpusDimension);

    protected override async Task LoadAsync(string collection, IReadOnlyList<Record> records)
    {
        using var api = new DynamoTestApi(Server.BaseAddress);
        await api.CreateTableAsync(collection, ("id", "S"));
        await api.PutAllAsync(collection, records.Select(r => DynamoTestApi.CorpusItem(r, binaryVector: false)));
    }

    protected override SourceConnector CreateSource(string collection) => new DynamoDbSourceFactory().Create(Context(collection));

    // The sink creates its table (a source never does).
    protected override SinkConnector CreateSink(string collection) => new DynamoDbSinkFactory().Create(Context(collection, ("create", "true")));

    protected override Record SinkRecord() => new("a") { Text = "x" };

    private ConnectorContext Context(string table, params (string Key, string Value)[] extra) =>
        new(
            $"dynamodb://127.0.0.1:{Server.Port}/{table}",
            new ConnectorOptions([new("timeout_seconds", "10"), new("sdk_retries", "0"), .. extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value))]))
        {
            // Never pick up a developer's real AWS credentials for a local server.
            GetSecret = _ => null,
        };
}
