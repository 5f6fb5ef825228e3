using Ferry.Connectors.Tests.Servers;
using Ferry.Plugins.DynamoDb;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Xunit;

namespace Ferry.Connectors.Tests.DynamoDb;

/// <summary>A dynalite of its own (on disk, so that its data survives a restart), stopped in the middle of a read.</summary>
public sealed class DynamoOutageTests : IAsyncLifetime
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), $"ferry-dynalite-outage-{Guid.NewGuid():N}");
    private NodeServer? _server;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataFolder);
        _server = await NodeServer.StartAsync(DynaliteFixture.ServerOptions(_dataFolder));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_dataFolder, recursive: true);
    }

    [Fact]
    public async Task ReadAsync_ServerStoppedMidRead_ThrowsTransientAndResumesAfterRestart()
    {
        var server = _server!;
        var corpus = await TestCorpus.GetAsync(DynaliteFixture.CorpusSize, DynaliteFixture.CorpusDimension);
        var records = corpus.Records.Take(600).ToList();
        using (var api = new DynamoTestApi(server.BaseAddress))
        {
            await api.CreateTableAsync("outage", ("id", "S"));
            await api.PutAllAsync("outage", records.Select(r => DynamoTestApi.CorpusItem(r, binaryVector: false)));
        }

        var context = new ConnectorContext($"dynamodb://127.0.0.1:{server.Port}/outage", new ConnectorOptions([new("timeout_seconds", "10"), new("sdk_retries", "0")])) { GetSecret = _ => null };
        await using var source = new DynamoDbSourceFactory().Create(context);
        var read = new List<Record>();
        string? token = null;
        var error = await Assert.ThrowsAsync<TransientConnectorException>(async () =>
        {
            await foreach (var batch in source.ReadAsync(new ReadRequest { BatchSize = 100 }, CancellationToken.None))
            {
                read.AddRange(batch.Records);
                token = batch.ResumeToken;
                if (read.Count == 200)
                {
                    await server.StopAsync();
                }
            }
        });

        Assert.True(error.IsTransient);
        Assert.Equal(200, read.Count);
        await server.RestartAsync();

        var rest = await ConnectorRuns.ReadAllAsync(source, resumeToken: token, batchSize: 100);

        var all = read.Concat(rest.Records).ToList();
        Assert.Equal(records.Count, all.Count);
        Assert.Equal(records.Select(r => r.Id).Order(StringComparer.Ordinal), all.Select(r => r.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task UpsertAsync_ServerDown_ThrowsTransient()
    {
        var server = _server!;
        var context = new ConnectorContext($"dynamodb://127.0.0.1:{server.Port}/down", new ConnectorOptions([new("create", "true"), new("sdk_retries", "0"), new("timeout_seconds", "10")])) { GetSecret = _ => null };
        await using var sink = new DynamoDbSinkFactory().Create(context);
        await sink.PrepareAsync(new Sdk.Schema.DatasetSchema(), new SinkPrepareOptions(), CancellationToken.None);
        await server.StopAsync();
        try
        {
            await Assert.ThrowsAsync<TransientConnectorException>(() => sink.UpsertAsync([new Record("a") { Text = "x" }], CancellationToken.None).AsTask());
        }
        finally
        {
            await server.RestartAsync();
        }

        Assert.Equal(1, (await sink.UpsertAsync([new Record("a") { Text = "x" }], CancellationToken.None)).Written);
    }
}
