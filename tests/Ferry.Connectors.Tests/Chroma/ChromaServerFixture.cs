using System.Globalization;
using Ferry.Connectors.Tests.Servers;
using Ferry.Plugins.Chroma;
using Ferry.Sdk.Connectors;
using Xunit;

namespace Ferry.Connectors.Tests.Chroma;

/// <summary>
/// One real Chroma server (npm chromadb, <c>chroma run</c>) per test collection, on 127.0.0.1 with a temporary
/// data folder, holding the 10k-record corpus in collection <see cref="CorpusCollection"/> (space l2), loaded
/// through Chroma's own HTTP API.
/// </summary>
public sealed class ChromaServerFixture : IAsyncLifetime
{
    public const string CorpusCollection = "corpus";
    public const int CorpusSize = 10_000;
    public const int CorpusDimension = 384;

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), $"ferry-chroma-{Guid.NewGuid():N}");
    private NodeServer? _server;
    private ChromaTestApi? _api;
    private TestCorpus? _corpus;

    public NodeServer Server => _server ?? throw new InvalidOperationException("The Chroma server is not started.");

    public ChromaTestApi Api => _api ?? throw new InvalidOperationException("The Chroma server is not started.");

    public TestCorpus Corpus => _corpus ?? throw new InvalidOperationException("The corpus is not loaded.");

    /// <summary>How long loading the corpus through the HTTP API took (reported in docs/performance.md).</summary>
    public TimeSpan LoadTime { get; private set; }

    public static NodeServerOptions ServerOptions(string dataFolder) => new()
    {
        Name = "chroma",
        Binary = "chroma",
        Arguments = port => ["run", "--path", dataFolder, "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture)],
        ReadinessProbe = ReadinessProbes.HttpGet("/api/v2/heartbeat"),
        StartTimeout = TimeSpan.FromSeconds(60),
    };

    public string Location(string collection) => $"chroma://127.0.0.1:{Server.Port}/{collection}";

    public ConnectorContext Context(string collection, params (string Key, string Value)[] options) =>
        new(Location(collection), new ConnectorOptions(options.Select(o => new KeyValuePair<string, string>(o.Key, o.Value))));

    public SourceConnector Source(string collection, params (string Key, string Value)[] options) => new ChromaSourceFactory().Create(Context(collection, options));

    public SinkConnector Sink(string collection, params (string Key, string Value)[] options) => new ChromaSinkFactory().Create(Context(collection, options));

    public async Task InitializeAsync()
    {
        var corpus = TestCorpus.GetAsync(CorpusSize, CorpusDimension);
        Directory.CreateDirectory(_dataFolder);
        _server = await NodeServer.StartAsync(ServerOptions(_dataFolder));
        _api = new ChromaTestApi(_server.BaseAddress);
        _corpus = await corpus;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // l2, not cosine: Chroma perturbs embeddings of cosine collections (see ChromaCosineTests), and the
        // corpus checks are bit for bit. On unit vectors l2 ranks exactly as cosine.
        var id = await _api.CreateCollectionAsync(CorpusCollection, "l2");
        await _api.LoadAsync(id, _corpus.Records);
        LoadTime = clock.Elapsed;
    }

    public async Task DisposeAsync()
    {
        _api?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}

/// <summary>The tests that share one Chroma server.</summary>
[CollectionDefinition(Name)]
public sealed class ChromaServerCollection : ICollectionFixture<ChromaServerFixture>
{
    public const string Name = "chroma server";
}
