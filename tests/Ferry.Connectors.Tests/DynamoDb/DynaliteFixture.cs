using System.Globalization;
using Ferry.Connectors.Tests.Servers;
using Ferry.Plugins.DynamoDb;
using Ferry.Sdk.Connectors;
using Xunit;

namespace Ferry.Connectors.Tests.DynamoDb;

/// <summary>
/// One real dynalite server (npm dynalite: DynamoDB's API on an in-memory LevelDB) per test collection, on
/// 127.0.0.1, holding the 10k-record corpus in table <see cref="CorpusTable"/>, loaded with the AWS SDK.
/// </summary>
public sealed class DynaliteFixture : IAsyncLifetime
{
    public const string CorpusTable = "corpus";
    public const int CorpusSize = 10_000;
    public const int CorpusDimension = 384;

    private NodeServer? _server;
    private DynamoTestApi? _api;
    private TestCorpus? _corpus;

    public NodeServer Server => _server ?? throw new InvalidOperationException("dynalite is not started.");

    public DynamoTestApi Api => _api ?? throw new InvalidOperationException("dynalite is not started.");

    public TestCorpus Corpus => _corpus ?? throw new InvalidOperationException("The corpus is not loaded.");

    public TimeSpan LoadTime { get; private set; }

    /// <summary>dynalite on a port; in memory unless a folder is given (then it survives a restart).</summary>
    public static NodeServerOptions ServerOptions(string? dataFolder = null) => new()
    {
        Name = "dynalite",
        Binary = "dynalite",
        Arguments = port =>
        [
            "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--createTableMs", "20", "--deleteTableMs", "20",
            .. dataFolder is null ? Array.Empty<string>() : ["--path", dataFolder],
        ],
        ReadinessProbe = ReadinessProbes.HttpAnswers("/"),
        StartTimeout = TimeSpan.FromSeconds(30),
    };

    public string Location(string table) => $"dynamodb://127.0.0.1:{Server.Port}/{table}";

    public ConnectorContext Context(string table, params (string Key, string Value)[] options) =>
        new(Location(table), new ConnectorOptions(options.Select(o => new KeyValuePair<string, string>(o.Key, o.Value))))
        {
            // Never pick up a developer's real AWS credentials for a local server.
            GetSecret = _ => null,
        };

    public SourceConnector Source(string table, params (string Key, string Value)[] options) => new DynamoDbSourceFactory().Create(Context(table, options));

    public SinkConnector Sink(string table, params (string Key, string Value)[] options) => new DynamoDbSinkFactory().Create(Context(table, options));

    /// <summary>The provenance location the source reports for a table of this server.</summary>
    public string ProvenanceLocation(string table) => $"127.0.0.1:{Server.Port}/{table}";

    public async Task InitializeAsync()
    {
        var corpus = TestCorpus.GetAsync(CorpusSize, CorpusDimension);
        _server = await NodeServer.StartAsync(ServerOptions());
        _api = new DynamoTestApi(_server.BaseAddress);
        _corpus = await corpus;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await _api.CreateTableAsync(CorpusTable, ("id", "S"));
        await _api.PutAllAsync(CorpusTable, _corpus.Records.Select(r => DynamoTestApi.CorpusItem(r, binaryVector: false)));
        LoadTime = clock.Elapsed;
    }

    public async Task DisposeAsync()
    {
        _api?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>The tests that share one dynalite server.</summary>
[CollectionDefinition(Name)]
public sealed class DynaliteCollection : ICollectionFixture<DynaliteFixture>
{
    public const string Name = "dynalite server";
}
