using System.Globalization;
using System.Runtime.CompilerServices;
using Ferry.Plugins.Postgres.Internal.Catalog;
using Ferry.Plugins.Postgres.Internal.Connection;
using Ferry.Plugins.Postgres.Internal.Mapping;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Filtering;
using Ferry.Sdk.Schema;
using Npgsql;

namespace Ferry.Plugins.Postgres.Internal.Reading;

/// <summary>
/// Reads a PostgreSQL table as records: keyset pages ordered by the key, resumable after any page, split into
/// key ranges for parallel reads, with filters pushed down as parameterized SQL where they map to columns.
/// </summary>
internal sealed class PostgresSource : SourceConnector
{
    private readonly PostgresDatabase _database;
    private readonly SemaphoreSlim _planLock = new(1, 1);
    private ReadPlan? _plan;

    public PostgresSource(PostgresDatabase database)
    {
        _database = database;
    }

    public override bool CanSearch => _plan is null || _plan.Vectors.Count > 0;

    public override async ValueTask<DatasetSchema> DescribeAsync(CancellationToken cancellationToken)
    {
        var plan = await GetPlanAsync(cancellationToken).ConfigureAwait(false);
        var server = await _database.GetServerAsync(cancellationToken).ConfigureAwait(false);
        var properties = new Dictionary<string, string>(plan.Schema.Properties, StringComparer.Ordinal)
        {
            ["server"] = server.Version,
        };
        if (server.VectorVersion is { } vector)
        {
            properties["pgvector"] = vector;
        }

        return plan.Schema with { Properties = properties };
    }

    public override async ValueTask<long?> CountAsync(FilterExpression? filter, CancellationToken cancellationToken)
    {
        var plan = await GetPlanAsync(cancellationToken).ConfigureAwait(false);
        var parameters = new SqlParameters();
        var where = string.Empty;
        if (filter is not null)
        {
            if (new FilterTranslator(plan).TryTranslate(filter, parameters) is not { } condition)
            {
                return null;
            }

            where = " WHERE " + condition;
        }

        var sql = $"SELECT count(*) FROM {plan.Table.QualifiedName}{where}";
        return await _database.RunAsync<long?>($"Counting {plan.Table.DisplayName}", async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            parameters.CopyTo(command);
            return (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }, cancellationToken).ConfigureAwait(false);
    }

    public override async ValueTask<IReadOnlyList<SourcePartition>> GetPartitionsAsync(int desiredCount, CancellationToken cancellationToken)
    {
        var plan = await GetPlanAsync(cancellationToken).ConfigureAwait(false);
        if (desiredCount <= 1)
        {
            return [SourcePartition.Whole];
        }

        // Equal-sized key ranges from one pass over the key (an index-only scan where the key is indexed): the
        // last key of each of N buckets bounds a range.
        var order = plan.KeyOrder;
        var descending = string.Join(", ", plan.Key.Select(k => Sql.Identifier(k.Name) + " DESC"));
        var sql = $"""
            SELECT DISTINCT ON (bucket) bucket, {KeyTextsOf(plan, "s")}
            FROM (SELECT {order}, ntile($1) OVER (ORDER BY {order}) AS bucket FROM {plan.Table.QualifiedName}) s
            ORDER BY bucket, {descending}
            """;
        var bounds = await _database.RunAsync($"Partitioning {plan.Table.DisplayName}", async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = desiredCount });
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var result = new List<string[]>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var key = new string[plan.Key.Count];
                for (var i = 0; i < key.Length; i++)
                {
                    key[i] = reader.GetString(i + 1);
                }

                result.Add(key);
            }

            return result;
        }, cancellationToken).ConfigureAwait(false);

        if (bounds.Count <= 1)
        {
            return [SourcePartition.Whole];
        }

        var names = plan.Key.Select(k => k.Name).ToArray();
        var partitions = new List<SourcePartition>(bounds.Count);
        string[]? after = null;
        for (var i = 0; i < bounds.Count; i++)
        {
            // The last range is open-ended so that rows inserted after partitioning are still read once.
            var through = i == bounds.Count - 1 ? null : bounds[i];
            var id = string.Create(CultureInfo.InvariantCulture, $"range-{i + 1}-of-{bounds.Count}");
            partitions.Add(new SourcePartition(id, KeyPosition.FormatRange(names, after, through)));
            after = through;
        }

        return partitions;
    }

    public override async IAsyncEnumerable<RecordBatch> ReadAsync(ReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var plan = await GetPlanAsync(cancellationToken).ConfigureAwait(false);
        var names = plan.Key.Select(k => k.Name).ToArray();
        string[]? after = null;
        string[]? through = null;
        if (request.Partition.Descriptor is { } descriptor)
        {
            (after, through) = KeyPosition.ParseRange(descriptor, names);
        }

        if (request.ResumeToken is { } token)
        {
            after = KeyPosition.ParseToken(token, plan.Key.Count);
        }

        // The filter goes into the WHERE clause when it translates; otherwise the evaluator checks each record.
        Func<Ferry.Sdk.Records.Record, bool>? keep = null;
        var translator = new FilterTranslator(plan);
        var pushDown = request.Filter is { } filter && translator.TryTranslate(filter, new SqlParameters()) is not null;
        if (request.Filter is { } unpushed && !pushDown)
        {
            keep = FilterEvaluator.Compile(unpushed).Matches;
        }

        var batchSize = Math.Max(1, request.BatchSize);
        var limit = batchSize;
        while (true)
        {
            var parameters = new SqlParameters();
            var conditions = new List<string>();
            if (after is not null)
            {
                conditions.Add(KeysetQuery.Bound(plan, ">", after, parameters));
            }

            if (through is not null)
            {
                conditions.Add(KeysetQuery.Bound(plan, "<=", through, parameters));
            }

            if (pushDown)
            {
                // Translated again per page so that its placeholders follow the bounds' in this statement.
                conditions.Add(translator.TryTranslate(request.Filter!, parameters)!);
            }

            var sql = plan.SelectFrom + KeysetQuery.Where(conditions) + " ORDER BY " + plan.KeyOrder + " LIMIT " + limit.ToString(CultureInfo.InvariantCulture);
            var page = await _database.RunAsync($"Reading {plan.Table.DisplayName}", (connection, ct) =>
                KeysetQuery.ReadPageAsync(connection, plan, sql, parameters, keep, request.MaxBatchBytes, ct), cancellationToken).ConfigureAwait(false);
            if (page.Rows == 0)
            {
                yield break;
            }

            after = page.LastKey;
            yield return new RecordBatch(page.Records, KeyPosition.FormatToken(page.LastKey!), request.Partition, page.Failures);
            if (page.Rows < limit && !page.Truncated)
            {
                yield break;
            }

            // Keep batches near the byte budget: wide rows (big vectors, long texts) make for fewer rows per page.
            var perRow = Math.Max(1, page.Bytes / Math.Max(1, page.Records.Count));
            limit = (int)Math.Clamp(request.MaxBatchBytes / perRow, 1, batchSize);
        }
    }

    public override bool CanEvaluate(FilterExpression filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var plan = _plan ?? GetPlanAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return new FilterTranslator(plan).TryTranslate(filter, new SqlParameters()) is not null;
    }

    public override async ValueTask<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var plan = await GetPlanAsync(cancellationToken).ConfigureAwait(false);
        var server = await _database.GetServerAsync(cancellationToken).ConfigureAwait(false);
        if (!server.HasVector)
        {
            throw new NotSupportedException($"{_database.Settings.Endpoint} has no pgvector extension, so it cannot rank by vector distance.");
        }

        var metric = plan.Schema.FindVector(request.VectorName)?.Metric ?? DistanceMetric.Cosine;
        var parameters = new SqlParameters();
        string? filterSql = null;
        if (request.Filter is { } filter)
        {
            filterSql = new FilterTranslator(plan).TryTranslate(filter, parameters)
                ?? throw new NotSupportedException($"The search filter '{filter}' cannot be evaluated by PostgreSQL.");
        }

        return await _database.RunAsync($"Searching {plan.Table.DisplayName}", (connection, ct) =>
            VectorSearch.SearchAsync(connection, plan, request, metric, filterSql, parameters, ct), cancellationToken).ConfigureAwait(false);
    }

    public override async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync().ConfigureAwait(false);
        _planLock.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private static string KeyTextsOf(ReadPlan plan, string alias)
    {
        var parts = new string[plan.Key.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = alias + "." + Sql.Identifier(plan.Key[i].Name) + "::text";
        }

        return string.Join(", ", parts);
    }

    private async ValueTask<ReadPlan> GetPlanAsync(CancellationToken cancellationToken)
    {
        if (_plan is not null)
        {
            return _plan;
        }

        await _planLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_plan is not null)
            {
                return _plan;
            }

            var settings = _database.Settings;
            _plan = await _database.RunAsync($"Describing {settings.Table}", async (connection, ct) =>
            {
                var table = await CatalogReader.LoadAsync(connection, settings.Table, ct).ConfigureAwait(false)
                    ?? throw new ConnectorConfigurationException($"{settings.Endpoint} has no table, view or materialized view named {settings.Table}.");
                return await ReadPlanBuilder.BuildAsync(connection, table, settings, _database.Log, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            return _plan;
        }
        finally
        {
            _planLock.Release();
        }
    }
}
