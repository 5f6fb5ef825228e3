using System.Collections.Concurrent;
using Ferry.Plugins.Postgres.Internal.Vectors;
using Ferry.Sdk.Connectors;
using Npgsql;

namespace Ferry.Plugins.Postgres.Internal.Connection;

/// <summary>
/// One database a connector talks to: a pooled Npgsql data source that knows pgvector's types, what the server
/// is (probed once), and the gate that keeps commands from overlapping on servers that need it (PGlite).
/// Every operation opens a pooled connection, runs, and gives it back, so a dropped connection costs one batch.
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    // One gate per server endpoint, shared by every connector in the process (a source and a sink on the same
    // PGlite server must not interleave either). Only PGlite serializes after the first probe.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _gate;
    private ServerInfo? _server;

    public PostgresDatabase(PostgresSettings settings, ConnectorLog log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        Log = log;
        var builder = new NpgsqlDataSourceBuilder(settings.Connection.ConnectionString);
        builder.AddTypeInfoResolverFactory(new VectorTypeInfoResolverFactory());
        _dataSource = builder.Build();
        _gate = Gates.GetOrAdd(settings.Endpoint, static _ => new SemaphoreSlim(1, 1));
    }

    public PostgresSettings Settings { get; }

    public ConnectorLog Log { get; }

    /// <summary>The server's description; connects on first use.</summary>
    public async ValueTask<ServerInfo> GetServerAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            return _server;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_server is not null)
            {
                return _server;
            }

            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                _server = await ProbeAsync(connection, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw PostgresErrors.Translate(ex, $"Connecting to {Settings.Endpoint}");
            }

            Log.Debug($"postgres: {Settings.Endpoint} is {_server.Version}; pgvector {_server.VectorVersion ?? "not installed"}");
            return _server;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs an operation on a pooled connection (inside the gate where the server needs one) and turns driver
    /// failures into the host's error classes, naming the operation.
    /// </summary>
    public async ValueTask<T> RunAsync<T>(string operation, Func<NpgsqlConnection, CancellationToken, ValueTask<T>> action, CancellationToken cancellationToken)
    {
        var server = await GetServerAsync(cancellationToken).ConfigureAwait(false);
        var gated = server.IsPglite;
        if (gated)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await action(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw PostgresErrors.Translate(ex, operation);
        }
        finally
        {
            if (gated)
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Makes the data source load the server's types again (after <c>CREATE EXTENSION vector</c>) and forgets the probe.</summary>
    public async ValueTask ReloadTypesAsync(CancellationToken cancellationToken)
    {
        await RunAsync<bool>("Reloading types", static async (connection, ct) =>
        {
            await connection.ReloadTypesAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        _server = null;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static async ValueTask<ServerInfo> ProbeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT version(), current_setting('server_version_num')::int, (SELECT extversion FROM pg_extension WHERE extname = 'vector')",
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var version = reader.GetString(0);
        return new ServerInfo(
            version,
            reader.GetInt32(1),
            version.Contains("PGlite", StringComparison.OrdinalIgnoreCase),
            reader.IsDBNull(2) ? null : reader.GetString(2));
    }
}
