using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Xunit;

namespace Ferry.Connectors.Tests.Postgres;

/// <summary>A PGlite server of its own (in memory, so it is reloaded after the restart), killed in the middle of a read.</summary>
public sealed class PgliteOutageTests
{
    [Fact]
    public async Task ReadAsync_PgliteKilledMidRead_TransientThenResumesOnTheRestartedServer()
    {
        await using var server = await PgliteServer.StartNewAsync();
        var corpus = await PgCorpus.LoadAsync(server, 500);
        string? token = null;
        var read = 0;
        var source = Connectors.Source(server.Location(PgCorpus.Table));
        await Assert.ThrowsAsync<TransientConnectorException>(async () =>
        {
            await foreach (var batch in source.ReadAsync(new ReadRequest { BatchSize = 100 }, CancellationToken.None))
            {
                read += batch.Records.Count;
                token = batch.ResumeToken;
                if (read == 200)
                {
                    await server.StopAsync();
                }
            }
        });

        Assert.Equal(200, read);
        await server.StartAsync();
        await PgCorpus.LoadAsync(server, 500);
        var rest = await Connectors.ReadAllAsync(source, new ReadRequest { BatchSize = 100, ResumeToken = token });
        await source.DisposeAsync();
        Assert.Equal(corpus.Records.Skip(200).Select(r => r.Id), rest.Records.Select(r => r.Id));
    }
}
