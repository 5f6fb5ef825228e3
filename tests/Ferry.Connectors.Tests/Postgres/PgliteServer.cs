using Ferry.Connectors.Tests.Servers;
using Npgsql;

namespace Ferry.Connectors.Tests.Postgres;

/// <summary>
/// PGlite (PostgreSQL 18 compiled to WebAssembly) with pgvector, from tests/servers/node_modules, behind its socket
/// server on 127.0.0.1: in memory, so a restart starts from an empty database.
/// </summary>
public sealed class PgliteServer : PostgresServer
{
    private readonly NodeServer _server;

    private PgliteServer(NodeServer server)
    {
        _server = server;
    }

    public override int Port => _server.Port;

    public override string Database => "postgres";

    public override bool IsPglite => true;

    public static async Task<PgliteServer> StartNewAsync()
    {
        var server = await NodeServer.StartAsync(new NodeServerOptions
        {
            Name = "pglite",
            Binary = "pglite-server",
            Arguments = port => ["-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-h", "127.0.0.1", "-e", "@electric-sql/pglite-pgvector:vector", "-m", "4"],
        });
        var pglite = new PgliteServer(server);
        await pglite.ExecuteAsync("CREATE EXTENSION IF NOT EXISTS vector");
        return pglite;
    }

    public override async Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _server.StopAsync();
    }

    public override async Task StartAsync()
    {
        await _server.RestartAsync();
        await ExecuteAsync("CREATE EXTENSION IF NOT EXISTS vector");
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _server.DisposeAsync();
    }
}
