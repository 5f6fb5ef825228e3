using Xunit;

namespace Ferry.Connectors.Tests.Postgres;

/// <summary>One PGlite server with pgvector per test run, loaded with the 10,000-row corpus.</summary>
public sealed class PgliteFixture : IAsyncLifetime
{
    public const int CorpusRows = 10_000;

    private PgliteServer? _server;
    private PgCorpus? _corpus;
    private PgCorpus? _small;

    public PgliteServer Server => _server ?? throw new InvalidOperationException("The fixture is not started.");

    public PgCorpus Corpus => _corpus ?? throw new InvalidOperationException("The fixture is not started.");

    /// <summary>A 60-row table of the same shape, for the conformance suite (which reads in batches of 7).</summary>
    public PgCorpus Small => _small ?? throw new InvalidOperationException("The fixture is not started.");

    public async Task InitializeAsync()
    {
        _server = await PgliteServer.StartNewAsync();
        _corpus = await PgCorpus.LoadAsync(_server, CorpusRows);
        _small = await PgCorpus.LoadAsync(_server, 60, "docs_small");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>Tests that share the PGlite server (run one after another: PGlite serves one command at a time).</summary>
[CollectionDefinition(Name)]
public sealed class PgliteCollection : ICollectionFixture<PgliteFixture>
{
    public const string Name = "pglite";
}
