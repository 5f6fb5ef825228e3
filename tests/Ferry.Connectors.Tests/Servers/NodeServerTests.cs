using Xunit;

namespace Ferry.Connectors.Tests.Servers;

public sealed class NodeServerTests
{
    private static NodeServerOptions Dynalite() => new()
    {
        Name = "dynalite",
        Binary = "dynalite",
        Arguments = port => ["--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
        ReadinessProbe = ReadinessProbes.HttpAnswers("/"),
        StartTimeout = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public async Task StartAsync_Dynalite_ListensOnLoopbackUntilStopped()
    {
        var server = await NodeServer.StartAsync(Dynalite());
        await using (server.ConfigureAwait(false))
        {
            Assert.True(server.IsRunning);
            Assert.True(await FreePort.IsListeningAsync(server.Port, CancellationToken.None));

            await server.StopAsync();
            Assert.False(server.IsRunning);
            Assert.False(await FreePort.IsListeningAsync(server.Port, CancellationToken.None));
        }
    }

    [Fact]
    public async Task RestartAsync_AfterStop_ListensOnTheSamePort()
    {
        var server = await NodeServer.StartAsync(Dynalite());
        await using (server.ConfigureAwait(false))
        {
            var port = server.Port;
            await server.StopAsync();
            await server.RestartAsync();
            Assert.Equal(port, server.Port);
            Assert.True(await FreePort.IsListeningAsync(port, CancellationToken.None));
        }
    }

    [Fact]
    public void RequireNodeBinary_Missing_FailsWithInstallHint()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RepositoryPaths.RequireNodeBinary("no-such-server-binary"));
        Assert.Contains("tests/install-test-deps.sh", error.Message, StringComparison.Ordinal);
    }
}
