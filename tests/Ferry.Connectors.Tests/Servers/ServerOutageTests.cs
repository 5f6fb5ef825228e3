using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Schema;
using Xunit;

namespace Ferry.Connectors.Tests.Servers;

/// <summary>
/// What a networked connector must do when its server goes away, against a server of its own per test (kept on
/// disk, so its data survives a restart): stopped in the middle of a read, the source throws a transient error after
/// the two batches it delivered and, once the server is back, resumes from the last batch's token without losing or
/// repeating a record; stopped before a write, the sink throws a transient error and writes after the restart.
/// A subclass says how to start its server, load records and open its connectors.
/// </summary>
public abstract class ServerOutageTests : IAsyncLifetime
{
    private const string ReadCollection = "outage";
    private const string WriteCollection = "down";
    private const int BatchesBeforeStop = 2;

    private readonly string _dataFolder;
    private NodeServer? _server;

    protected ServerOutageTests(string serverName)
    {
        _dataFolder = Path.Combine(Path.GetTempPath(), $"ferry-{serverName}-outage-{Guid.NewGuid():N}");
    }

    protected NodeServer Server => _server ?? throw new InvalidOperationException("The server is not started.");

    /// <summary>How many corpus records the read test loads.</summary>
    protected abstract int RecordCount { get; }

    /// <summary>The batch size of the reads.</summary>
    protected abstract int BatchSize { get; }

    /// <summary>Whether the source returns records in the order they were loaded (otherwise only the set of ids is compared).</summary>
    protected abstract bool ReadsInLoadOrder { get; }

    /// <summary>The schema the write test prepares its sink with.</summary>
    protected abstract DatasetSchema SinkSchema { get; }

    protected abstract NodeServerOptions ServerOptions(string dataFolder);

    protected abstract Task<TestCorpus> CorpusAsync();

    protected abstract Task LoadAsync(string collection, IReadOnlyList<Record> records);

    protected abstract SourceConnector CreateSource(string collection);

    protected abstract SinkConnector CreateSink(string collection);

    /// <summary>One record the sink accepts.</summary>
    protected abstract Record SinkRecord();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataFolder);
        _server = await NodeServer.StartAsync(ServerOptions(_dataFolder));
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
        var records = (await CorpusAsync()).Records.Take(RecordCount).ToList();
        await LoadAsync(ReadCollection, records);
        await using var source = CreateSource(ReadCollection);
        var read = new List<Record>();
        string? token = null;
        var error = await Assert.ThrowsAsync<TransientConnectorException>(async () =>
        {
            await foreach (var batch in source.ReadAsync(new ReadRequest { BatchSize = BatchSize }, CancellationToken.None))
            {
                read.AddRange(batch.Records);
                token = batch.ResumeToken;
                if (read.Count == BatchesBeforeStop * BatchSize)
                {
                    await Server.StopAsync();
                }
            }
        });

        Assert.True(error.IsTransient);
        Assert.Equal(BatchesBeforeStop * BatchSize, read.Count);
        await Server.RestartAsync();

        var rest = await ConnectorRuns.ReadAllAsync(source, resumeToken: token, batchSize: BatchSize);

        var all = read.Concat(rest.Records).ToList();
        if (ReadsInLoadOrder)
        {
            Assert.Equal(records.Select(r => r.Id), all.Select(r => r.Id));
            for (var i = 0; i < rest.Records.Count; i++)
            {
                Expect.EqualIgnoringSource(records[read.Count + i], rest.Records[i]);
            }
        }
        else
        {
            Assert.Equal(records.Count, all.Count);
            Assert.Equal(records.Select(r => r.Id).Order(StringComparer.Ordinal), all.Select(r => r.Id).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task UpsertAsync_ServerDown_ThrowsTransient()
    {
        await using var sink = CreateSink(WriteCollection);
        await sink.PrepareAsync(SinkSchema, new SinkPrepareOptions(), CancellationToken.None);
        await Server.StopAsync();
        try
        {
            await Assert.ThrowsAsync<TransientConnectorException>(() => sink.UpsertAsync([SinkRecord()], CancellationToken.None).AsTask());
        }
        finally
        {
            await Server.RestartAsync();
        }

        Assert.Equal(1, (await sink.UpsertAsync([SinkRecord()], CancellationToken.None)).Written);
    }
}
