using Xunit;

namespace Ferry.Connectors.Tests.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster (Debian's postgresql-15, no pgvector) per test run: the server where binary COPY
/// works, loaded with the corpus shape minus pgvector types (the embedding is a real[] column).
/// </summary>
public sealed class Postgres15Fixture : IAsyncLifetime
{
    public const int CorpusRows = 2_000;

    private PostgresCluster? _server;
    private PgCorpus? _corpus;
    private PgCorpus? _small;

    public PostgresCluster Server => _server ?? throw new InvalidOperationException("The fixture is not started.");

    public PgCorpus Corpus => _corpus ?? throw new InvalidOperationException("The fixture is not started.");

    public PgCorpus Small => _small ?? throw new InvalidOperationException("The fixture is not started.");

    public async Task InitializeAsync()
    {
        _server = await PostgresCluster.StartNewAsync();
        _corpus = await PgCorpus.LoadAsync(_server, CorpusRows, "plain", pgvector: false);
        _small = await PgCorpus.LoadAsync(_server, 60, "plain_small", pgvector: false);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>Tests that share the PostgreSQL cluster (some stop and restart it).</summary>
[CollectionDefinition(Name)]
public sealed class Postgres15Collection : ICollectionFixture<Postgres15Fixture>
{
    public const string Name = "postgres15";
}
