using System.Globalization;
using System.Runtime.CompilerServices;
using Ferry.Plugins.Postgres.Internal.Catalog;
using Ferry.Plugins.Postgres.Internal.Connection;
using Ferry.Plugins.Postgres.Internal.Mapping;
using Ferry.Plugins.Postgres.Internal.Reading;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using Npgsql;

namespace Ferry.Plugins.Postgres.Internal.Writing;

/// <summary>
/// Writes records into a PostgreSQL table that it creates with Ferry's layout (<see cref="TableLayout"/>), as
/// idempotent upserts by id, one transaction per batch, so that each batch is durable when
/// <see cref="UpsertAsync"/> returns. Loads with binary COPY where the server accepts it and with multi-row
/// INSERTs otherwise; optionally builds an HNSW or IVFFlat index once the load is over.
/// </summary>
internal sealed class PostgresSink : SinkConnector
{
    private const int IdsPerQuery = 1000;

    private readonly PostgresDatabase _database;
    private readonly SinkSettings _settings;
    private TableLayout? _layout;
    private TableCatalog? _table;
    private ReadPlan? _plan;
    private TableWriter? _writer;
    private RowEncoder? _encoder;
    private LoadMode _mode;
    private bool _copyProven;
    private bool _flushedSinceWrite;
    private long _written;

    public PostgresSink(PostgresDatabase database, SinkSettings settings)
    {
        _database = database;
        _settings = settings;
    }

    /// <summary>The way batches are loaded now (after any switch from COPY to INSERT).</summary>
    public LoadMode EffectiveLoadMode => _mode;

    public override bool CanSearch
    {
        get
        {
            if (_layout is null)
            {
                return true;
            }

            foreach (var vector in _layout.Vectors)
            {
                if (vector.Storage != VectorStorage.Real)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public override async ValueTask PrepareAsync(DatasetSchema schema, SinkPrepareOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        var server = await _database.GetServerAsync(cancellationToken).ConfigureAwait(false);
        var table = await LoadCatalogAsync(cancellationToken).ConfigureAwait(false);
        TableLayout layout;
        if (table is null)
        {
            if (!options.CreateIfMissing || !_settings.Create)
            {
                throw new ConnectorConfigurationException($"{_database.Settings.Endpoint} has no table {_database.Settings.Table}, and creating it is switched off.");
            }

            var storage = await ChooseStorageAsync(schema, server, cancellationToken).ConfigureAwait(false);
            layout = TableLayout.Plan(schema, storage, _settings.SparseDimension, keepHalfPrecision: _settings.VectorType is null);
            await CreateTableAsync(layout, cancellationToken).ConfigureAwait(false);
            table = await LoadCatalogAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new ConnectorException($"The table {_database.Settings.Table} was created but cannot be found.");
        }
        else
        {
            layout = TableLayout.FromComment(table.Comment)
                ?? throw new ConnectorConfigurationException(
                    $"{table.DisplayName} exists and was not created by Ferry (its comment holds no Ferry layout); write into a new table, or drop this one.");
            CheckCompatible(schema, layout, table);
            if (options.Overwrite && !options.Resuming)
            {
                await _database.RunAsync($"Emptying {table.DisplayName}", async (connection, ct) =>
                {
                    await using var command = new NpgsqlCommand($"TRUNCATE {table.QualifiedName}", connection);
                    return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
            }
        }

        _table = table;
        _layout = layout;
        _plan = await _database.RunAsync($"Describing {table.DisplayName}", (connection, ct) =>
            ReadPlanBuilder.BuildAsync(connection, table, _database.Settings, _database.Log, ct), cancellationToken).ConfigureAwait(false);
        _writer = new TableWriter(layout, table.QualifiedName, _settings.InsertRows);
        _encoder = new RowEncoder(layout);
        _mode = _settings.Load switch
        {
            LoadMode.Auto when server.IsPglite => LoadMode.Insert, // PGlite's socket server does not take COPY FROM STDIN
            LoadMode.Auto => LoadMode.Copy,
            var mode => mode,
        };
        _database.Log.Debug($"postgres: writing {table.DisplayName} with {_mode} ({_writer.ColumnCount} columns)");
    }

    public override async ValueTask<WriteResult> UpsertAsync(IReadOnlyList<Record> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var writer = _writer ?? throw new InvalidOperationException("PrepareAsync must be called before UpsertAsync.");
        var failures = new List<RecordFailure>();
        var rows = new List<EncodedRow>(records.Count);
        var positions = new Dictionary<string, int>(records.Count, StringComparer.Ordinal);
        var accepted = 0;
        foreach (var record in records)
        {
            var (row, failure) = _encoder!.Encode(record);
            if (row is null)
            {
                failures.Add(failure!);
                continue;
            }

            accepted++;

            // ON CONFLICT cannot touch a row twice in one statement: the last record with an id wins, as it would
            // had the records come in separate batches.
            if (positions.TryGetValue(record.Id, out var position))
            {
                rows[position] = row;
            }
            else
            {
                positions[record.Id] = rows.Count;
                rows.Add(row);
            }
        }

        if (rows.Count > 0)
        {
            var refused = await _database.RunAsync($"Writing {rows.Count} rows to {_table!.DisplayName}", (connection, ct) =>
                LoadAsync(connection, writer, rows, ct), cancellationToken).ConfigureAwait(false);
            failures.AddRange(refused);
            accepted -= refused.Count;
        }

        Interlocked.Add(ref _written, accepted);
        _flushedSinceWrite = false;
        return new WriteResult(accepted, failures);
    }

    public override ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        // Every batch commits before UpsertAsync returns; nothing is buffered.
        _flushedSinceWrite = true;
        return ValueTask.CompletedTask;
    }

    public override async IAsyncEnumerable<Record> ReadByIdsAsync(IReadOnlyList<string> ids, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var plan = _plan ?? await PlanExistingAsync(cancellationToken).ConfigureAwait(false);
        if (plan is null)
        {
            yield break;
        }

        var sql = plan.SelectFrom + $" WHERE {Sql.Identifier(LayoutColumns.Id)} = ANY($1)";
        for (var offset = 0; offset < ids.Count; offset += IdsPerQuery)
        {
            var chunk = new string[Math.Min(IdsPerQuery, ids.Count - offset)];
            for (var i = 0; i < chunk.Length; i++)
            {
                chunk[i] = ids[offset + i];
            }

            var parameters = new SqlParameters();
            parameters.AddValue(chunk);
            var page = await _database.RunAsync($"Reading back {plan.Table.DisplayName}", (connection, ct) =>
                KeysetQuery.ReadPageAsync(connection, plan, sql, parameters, null, long.MaxValue, ct), cancellationToken).ConfigureAwait(false);
            foreach (var failure in page.Failures)
            {
                _database.Log.Warn($"postgres: reading back '{failure.RecordId}': {failure.Message}");
            }

            foreach (var record in page.Records)
            {
                yield return record;
            }
        }
    }

    public override async ValueTask<long?> CountAsync(CancellationToken cancellationToken)
    {
        var table = _table ?? await LoadCatalogAsync(cancellationToken).ConfigureAwait(false);
        if (table is null)
        {
            return 0;
        }

        return await _database.RunAsync<long?>($"Counting {table.DisplayName}", async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table.QualifiedName}", connection);
            return (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }, cancellationToken).ConfigureAwait(false);
    }

    public override async ValueTask<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var plan = _plan ?? await PlanExistingAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new ConnectorConfigurationException($"{_database.Settings.Endpoint} has no table {_database.Settings.Table} to search.");
        var vector = plan.Layout?.Vectors.FirstOrDefault(v => v.Name == request.VectorName)
            ?? throw new ConnectorConfigurationException($"{plan.Table.DisplayName} has no vector named '{request.VectorName}'.");
        var parameters = new SqlParameters();
        string? filterSql = null;
        if (request.Filter is { } filter)
        {
            filterSql = new FilterTranslator(plan).TryTranslate(filter, parameters)
                ?? throw new NotSupportedException($"The search filter '{filter}' cannot be evaluated by PostgreSQL.");
        }

        return await _database.RunAsync($"Searching {plan.Table.DisplayName}", (connection, ct) =>
            VectorSearch.SearchAsync(connection, plan, request, vector.Metric, filterSql, parameters, ct), cancellationToken).ConfigureAwait(false);
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            // The host flushes before it disposes a sink that finished: build the index over the loaded rows then,
            // in one pass, instead of maintaining it row by row during the load.
            if (_settings.Index != IndexMethod.None && _flushedSinceWrite && Interlocked.Read(ref _written) > 0 && _layout is not null && _table is not null)
            {
                await BuildIndexesAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (ConnectorException ex)
        {
            _database.Log.Warn($"postgres: building the {_settings.Index} index failed: {ex.Message}");
        }
        finally
        {
            await _database.DisposeAsync().ConfigureAwait(false);
            await base.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Builds the configured index on every pgvector column (also called by DisposeAsync after a flush).</summary>
    public async ValueTask BuildIndexesAsync(CancellationToken cancellationToken)
    {
        if (_settings.Index == IndexMethod.None || _layout is null || _table is null)
        {
            return;
        }

        var count = await CountAsync(cancellationToken).ConfigureAwait(false) ?? 0;
        foreach (var vector in _layout.Vectors)
        {
            if (vector.Storage == VectorStorage.Real)
            {
                _database.Log.Warn($"postgres: vector '{vector.Name}' is stored as real[]; pgvector indexes need vector or halfvec columns, so it gets none.");
                continue;
            }

            var sql = IndexSql(_table, vector, count);
            await _database.RunAsync($"Indexing {_table.DisplayName}.{vector.Column}", async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            _database.Log.Info($"postgres: built {_settings.Index} index on {_table.DisplayName}.{vector.Column}");
        }
    }

    private string IndexSql(TableCatalog table, LayoutVector vector, long rows)
    {
        var type = vector.Storage == VectorStorage.Halfvec ? "halfvec" : "vector";
        var ops = vector.Metric switch
        {
            DistanceMetric.Cosine => type + "_cosine_ops",
            DistanceMetric.Dot => type + "_ip_ops",
            _ => type + "_l2_ops",
        };
        var method = _settings.Index == IndexMethod.Hnsw ? "hnsw" : "ivfflat";
        var name = $"{table.Name}_{vector.Column}_{method}";
        if (System.Text.Encoding.UTF8.GetByteCount(name) > Sql.MaxIdentifierBytes)
        {
            name = $"ferry_{method}_{(uint)string.GetHashCode(table.Name + "\0" + vector.Column, StringComparison.Ordinal):x8}";
        }

        var with = _settings.Index == IndexMethod.Hnsw
            ? string.Create(CultureInfo.InvariantCulture, $"m = {_settings.HnswM}, ef_construction = {_settings.HnswEfConstruction}")
            : string.Create(CultureInfo.InvariantCulture, $"lists = {(_settings.Lists > 0 ? _settings.Lists : Math.Max(1, rows / 1000))}");
        return $"CREATE INDEX IF NOT EXISTS {Sql.Identifier(name)} ON {table.QualifiedName} USING {method} ({Sql.Identifier(vector.Column)} {ops}) WITH ({with})";
    }

    private async ValueTask<List<RecordFailure>> LoadAsync(NpgsqlConnection connection, TableWriter writer, List<EncodedRow> rows, CancellationToken cancellationToken)
    {
        try
        {
            if (_mode == LoadMode.Copy)
            {
                try
                {
                    await writer.CopyAsync(connection, rows, cancellationToken).ConfigureAwait(false);
                    _copyProven = true;
                    return [];
                }
                catch (PostgresException ex) when (_settings.Load == LoadMode.Auto && !_copyProven && IsCopyRefusal(ex))
                {
                    // Some servers and proxies (PGlite's socket server, some poolers) refuse COPY FROM STDIN: switch
                    // once, for the rest of the run, and load this batch the other way.
                    _database.Log.Warn($"postgres: the server refused COPY ({ex.SqlState} {ex.MessageText}); loading with INSERT from now on.");
                    _mode = LoadMode.Insert;
                }
            }

            await writer.InsertAsync(connection, rows, cancellationToken).ConfigureAwait(false);
            return [];
        }
        catch (PostgresException ex) when (TableWriter.IsRowError(ex))
        {
            _database.Log.Debug($"postgres: a batch was refused ({ex.SqlState} {ex.MessageText}); isolating the rows at fault.");
            return await writer.InsertIsolatingAsync(connection, rows, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsCopyRefusal(PostgresException exception) =>
        exception.SqlState is "0A000" or "08P01" or "42601" or "42501";

    private async ValueTask<VectorStorage> ChooseStorageAsync(DatasetSchema schema, ServerInfo server, CancellationToken cancellationToken)
    {
        var needsVectors = schema.Vectors.Count > 0 || schema.SparseVectors.Count > 0;
        var asked = _settings.VectorType;
        if (!needsVectors || asked == VectorStorage.Real)
        {
            return asked ?? VectorStorage.Vector;
        }

        if (server.HasVector)
        {
            return asked ?? VectorStorage.Vector;
        }

        try
        {
            await _database.RunAsync("Creating the vector extension", async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS vector", connection);
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            await _database.ReloadTypesAsync(cancellationToken).ConfigureAwait(false);
            return asked ?? VectorStorage.Vector;
        }
        catch (ConnectorException ex) when (!ex.IsTransient && asked is null)
        {
            _database.Log.Warn($"postgres: pgvector is not available ({ex.Message}); storing vectors as real[] (exact, but not searchable by pgvector). Install pgvector, or pass vector_type=real to choose this.");
            return VectorStorage.Real;
        }
        catch (ConnectorException ex) when (!ex.IsTransient)
        {
            throw new ConnectorConfigurationException($"vector_type={asked.ToString()!.ToLowerInvariant()} needs the pgvector extension, which cannot be created: {ex.Message}", ex);
        }
    }

    private async ValueTask CreateTableAsync(TableLayout layout, CancellationToken cancellationToken)
    {
        var name = _database.Settings.Table;
        var qualified = name.Schema is null ? Sql.Identifier(name.Name) : Sql.Identifier(name.Schema) + "." + Sql.Identifier(name.Name);
        var create = layout.CreateTableSql(qualified);
        var comment = $"COMMENT ON TABLE {qualified} IS {Sql.Literal(layout.ToComment())}";
        await _database.RunAsync($"Creating {name}", async (connection, ct) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (var command = new NpgsqlCommand(create, connection))
            {
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await using (var command = new NpgsqlCommand(comment, connection))
            {
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        _database.Log.Info($"postgres: created {name} ({layout.Vectors.Count} vector, {layout.Sparse.Count} sparse, {layout.Fields.Count} typed metadata columns)");
    }

    private static void CheckCompatible(DatasetSchema schema, TableLayout layout, TableCatalog table)
    {
        foreach (var vector in schema.Vectors)
        {
            var column = layout.Vectors.FirstOrDefault(v => v.Name == vector.Name)
                ?? throw new ConnectorConfigurationException($"{table.DisplayName} has no column for vector '{vector.Name}'; write into a new table.");
            if (column.Dimension != vector.Dimension)
            {
                throw new ConnectorConfigurationException(
                    $"{table.DisplayName} stores vector '{vector.Name}' with {column.Dimension} dimensions; the data has {vector.Dimension}.");
            }
        }

        foreach (var sparse in schema.SparseVectors)
        {
            if (!layout.Sparse.Any(s => s.Name == sparse))
            {
                throw new ConnectorConfigurationException($"{table.DisplayName} has no column for sparse vector '{sparse}'; write into a new table.");
            }
        }
    }

    private ValueTask<TableCatalog?> LoadCatalogAsync(CancellationToken cancellationToken) =>
        _database.RunAsync($"Looking up {_database.Settings.Table}", (connection, ct) =>
            CatalogReader.LoadAsync(connection, _database.Settings.Table, ct), cancellationToken);

    private async ValueTask<ReadPlan?> PlanExistingAsync(CancellationToken cancellationToken)
    {
        var table = await LoadCatalogAsync(cancellationToken).ConfigureAwait(false);
        if (table is null)
        {
            return null;
        }

        _table = table;
        _plan = await _database.RunAsync($"Describing {table.DisplayName}", (connection, ct) =>
            ReadPlanBuilder.BuildAsync(connection, table, _database.Settings, _database.Log, ct), cancellationToken).ConfigureAwait(false);
        _layout = _plan.Layout;
        return _plan;
    }
}
