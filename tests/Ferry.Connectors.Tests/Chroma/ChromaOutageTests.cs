using Ferry.Connectors.Tests.Servers;
using Ferry.Plugins.Chroma;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Xunit;

namespace Ferry.Connectors.Tests.Chroma;

/// <summary>A Chroma server of its own, stopped in the middle of a read and started again.</summary>
public sealed class ChromaOutageTests : IAsyncLifetime
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), $"ferry-chroma-outage-{Guid.NewGuid():N}");
    private NodeServer? _server;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataFolder);
        _server = await NodeServer.StartAsync(ChromaServerFixture.ServerOptions(_dataFolder));
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
        var corpus = await TestCorpus.GetAsync(ChromaServerFixture.CorpusSize, ChromaServerFixture.CorpusDimension);
        var records = corpus.Records.Take(900).ToList();
        using (var api = new ChromaTestApi(server.BaseAddress))
        {
            await api.LoadAsync(await api.CreateCollectionAsync("outage", "l2"), records, batch: 300);
        }

        var context = new ConnectorContext($"chroma://127.0.0.1:{server.Port}/outage", new ConnectorOptions([new("timeout_seconds", "10")]));
        await using var source = new ChromaSourceFactory().Create(context);
        var read = new List<Record>();
        string? token = null;
        var error = await Assert.ThrowsAsync<TransientConnectorException>(async () =>
        {
            await foreach (var batch in source.ReadAsync(new ReadRequest { BatchSize = 200 }, CancellationToken.None))
            {
                read.AddRange(batch.Records);
                token = batch.ResumeToken;
                if (read.Count == 400)
                {
                    await server.StopAsync();
                }
            }
        });

        Assert.True(error.IsTransient);
        Assert.Equal(400, read.Count);
        await server.RestartAsync();

        var rest = await ConnectorRuns.ReadAllAsync(source, resumeToken: token, batchSize: 200);

        Assert.Equal(records.Select(r => r.Id), read.Concat(rest.Records).Select(r => r.Id));
        for (var i = 0; i < rest.Records.Count; i++)
        {
            Expect.EqualIgnoringSource(records[400 + i], rest.Records[i]);
        }
    }

    [Fact]
    public async Task UpsertAsync_ServerDown_ThrowsTransient()
    {
        var server = _server!;
        var context = new ConnectorContext($"chroma://127.0.0.1:{server.Port}/down", new ConnectorOptions([new("timeout_seconds", "10")]));
        await using var sink = new ChromaSinkFactory().Create(context);
        await sink.PrepareAsync(ChromaSinkTests.Schema(2, Sdk.Schema.DistanceMetric.L2), new SinkPrepareOptions(), CancellationToken.None);
        await server.StopAsync();
        try
        {
            await Assert.ThrowsAsync<TransientConnectorException>(() => sink.UpsertAsync([ChromaSinkTests.Vector("a", 1, 2)], CancellationToken.None).AsTask());
        }
        finally
        {
            await server.RestartAsync();
        }

        var result = await sink.UpsertAsync([ChromaSinkTests.Vector("a", 1, 2)], CancellationToken.None);
        Assert.Equal(1, result.Written);
    }
}
