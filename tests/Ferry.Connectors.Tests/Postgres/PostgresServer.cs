using Npgsql;

namespace Ferry.Connectors.Tests.Postgres;

/// <summary>A PostgreSQL-protocol server a test fixture runs on 127.0.0.1 (PGlite or a throwaway PostgreSQL cluster).</summary>
public abstract class PostgresServer : IAsyncDisposable
{
    /// <summary>Always 127.0.0.1.</summary>
    public string Host => "127.0.0.1";

    public abstract int Port { get; }

    public abstract string Database { get; }

    /// <summary>Whether the server is PGlite (one backend for all connections, no COPY FROM STDIN).</summary>
    public abstract bool IsPglite { get; }

    /// <summary>A connection string for the tests' own SQL (one connection: PGlite serializes anyway).</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Database = Database,
        Username = "postgres",
        Password = "unused",
        MaxPoolSize = 1,
        CommandTimeout = 600,
        Timeout = 30,
    }.ConnectionString;

    /// <summary>The location a connector is created with.</summary>
    public string Location(string table, string? query = null) =>
        $"postgres://postgres@{Host}:{Port}/{Database}?table={Uri.EscapeDataString(table)}{(query is null ? string.Empty : "&" + query)}";

    public abstract Task StopAsync();

    public abstract Task StartAsync();

    /// <summary>Runs SQL statements (no results).</summary>
    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a scalar query.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Opens a connection for a test's own SQL.</summary>
    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public abstract ValueTask DisposeAsync();
}
