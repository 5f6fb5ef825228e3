using Ferry.Plugins.Postgres.Internal.Connection;
using Npgsql;

namespace Ferry.Plugins.Postgres.Internal.Catalog;

/// <summary>
/// Reads a table's description from the system catalogue (pg_class, pg_attribute, pg_type, pg_index,
/// pg_constraint), never from name guesses: columns with their base types, the primary key, unique keys,
/// pgvector indexes with their operator classes, and foreign keys.
/// </summary>
internal static class CatalogReader
{
    private const string TableQuery = """
        SELECT c.oid, n.nspname, c.relname, obj_description(c.oid, 'pg_class'), c.reltuples::bigint
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.oid = to_regclass($1) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
        """;

    private const string ColumnQuery = """
        SELECT a.attnum, a.attname, b.typname, format_type(a.atttypid, a.atttypmod), format_type(b.oid, NULL),
               CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END, a.attnotnull,
               b.typcategory::text, COALESCE(e.typname, ''), COALESCE(e.typcategory::text, '')
        FROM pg_attribute a
        JOIN pg_type t ON t.oid = a.atttypid
        JOIN pg_type b ON b.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
        LEFT JOIN pg_type e ON e.oid = b.typelem AND b.typcategory = 'A'
        WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum
        """;

    private const string IndexQuery = """
        SELECT i.indisprimary, i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL, am.amname,
               i.indkey::int2[],
               ARRAY(SELECT o.opcname::text FROM unnest(i.indclass::oid[]) WITH ORDINALITY AS k(oid, ord)
                     JOIN pg_opclass o ON o.oid = k.oid ORDER BY k.ord)
        FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_am am ON am.oid = ic.relam
        WHERE i.indrelid = $1 AND i.indisvalid
        ORDER BY i.indisprimary DESC, ic.relname
        """;

    private const string ForeignKeyQuery = """
        SELECT con.conname, con.conkey::int2[], con.confkey::int2[], con.confrelid = con.conrelid,
               quote_ident(tn.nspname) || '.' || quote_ident(tc.relname),
               (SELECT p.indkey::int2[] FROM pg_index p WHERE p.indrelid = con.confrelid AND p.indisprimary)
        FROM pg_constraint con
        JOIN pg_class tc ON tc.oid = con.confrelid
        JOIN pg_namespace tn ON tn.oid = tc.relnamespace
        WHERE con.conrelid = $1 AND con.contype = 'f'
        ORDER BY con.conname
        """;

    /// <summary>Loads the table, or returns <c>null</c> when no table, view or materialized view has that name.</summary>
    public static async ValueTask<TableCatalog?> LoadAsync(NpgsqlConnection connection, TableName table, CancellationToken cancellationToken)
    {
        var head = await FindAsync(connection, Qualify(table.Schema, table.Name), cancellationToken).ConfigureAwait(false);
        if (head is null && !table.Quoted && !string.Equals(table.Name, table.Name.ToLowerInvariant(), StringComparison.Ordinal))
        {
            // PostgreSQL folds unquoted names to lower case; a user who typed Docs usually means docs.
            head = await FindAsync(connection, Qualify(table.Schema, table.Name.ToLowerInvariant()), cancellationToken).ConfigureAwait(false);
        }

        if (head is null)
        {
            return null;
        }

        var (oid, schema, name, comment, estimate) = head.Value;
        var columns = await LoadColumnsAsync(connection, oid, cancellationToken).ConfigureAwait(false);
        var byNumber = new Dictionary<int, ColumnInfo>();
        foreach (var column in columns)
        {
            byNumber[column.Number] = column;
        }

        var primaryKey = new List<ColumnInfo>();
        var uniqueKeys = new List<IReadOnlyList<ColumnInfo>>();
        var vectorIndexes = new List<VectorIndexInfo>();
        await using (var command = new NpgsqlCommand(IndexQuery, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<uint> { TypedValue = oid, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Oid });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var isPrimary = reader.GetBoolean(0);
                var isUnique = reader.GetBoolean(1);
                var method = reader.GetString(2);
                var keys = reader.GetFieldValue<short[]>(3);
                var classes = reader.GetFieldValue<string[]>(4);
                var keyColumns = Resolve(keys, byNumber);
                if (keyColumns is null)
                {
                    continue; // an expression index
                }

                if (isPrimary)
                {
                    primaryKey.AddRange(keyColumns);
                }

                if (isUnique)
                {
                    uniqueKeys.Add(keyColumns);
                }

                if (method is "hnsw" or "ivfflat" && keyColumns.Count == 1 && classes.Length == 1
                    && VectorIndexInfo.MetricOf(classes[0]) is { } metric)
                {
                    vectorIndexes.Add(new VectorIndexInfo(keyColumns[0].Name, method, classes[0], metric));
                }
            }
        }

        var foreignKeys = new List<ForeignKeyInfo>();
        await using (var command = new NpgsqlCommand(ForeignKeyQuery, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<uint> { TypedValue = oid, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Oid });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var constraint = reader.GetString(0);
                var local = reader.GetFieldValue<short[]>(1);
                var referenced = reader.GetFieldValue<short[]>(2);
                var self = reader.GetBoolean(3);
                var target = reader.GetString(4);
                var targetKey = reader.IsDBNull(5) ? null : reader.GetFieldValue<short[]>(5);
                var ordered = OrderLikeTargetKey(local, referenced, targetKey);
                var fkColumns = Resolve(ordered, byNumber);
                if (fkColumns is not null)
                {
                    foreignKeys.Add(new ForeignKeyInfo(constraint, fkColumns, target, self));
                }
            }
        }

        return new TableCatalog
        {
            Oid = oid,
            Schema = schema,
            Name = name,
            Comment = comment,
            EstimatedRows = estimate,
            Columns = columns,
            PrimaryKey = primaryKey,
            UniqueKeys = uniqueKeys,
            VectorIndexes = vectorIndexes,
            ForeignKeys = foreignKeys,
        };
    }

    /// <summary>
    /// The referencing columns in the order of the target's primary key when the key references exactly that
    /// primary key, so that the values form the target record's id; constraint order otherwise.
    /// </summary>
    private static short[] OrderLikeTargetKey(short[] local, short[] referenced, short[]? targetKey)
    {
        if (targetKey is null || targetKey.Length != referenced.Length)
        {
            return local;
        }

        var ordered = new short[local.Length];
        for (var i = 0; i < targetKey.Length; i++)
        {
            var position = Array.IndexOf(referenced, targetKey[i]);
            if (position < 0)
            {
                return local;
            }

            ordered[i] = local[position];
        }

        return ordered;
    }

    private static List<ColumnInfo>? Resolve(short[] numbers, Dictionary<int, ColumnInfo> byNumber)
    {
        var result = new List<ColumnInfo>(numbers.Length);
        foreach (var number in numbers)
        {
            if (number == 0 || !byNumber.TryGetValue(number, out var column))
            {
                return null;
            }

            result.Add(column);
        }

        return result;
    }

    private static string Qualify(string? schema, string name) =>
        schema is null ? Sql.Identifier(name) : Sql.Identifier(schema) + "." + Sql.Identifier(name);

    private static async ValueTask<(uint Oid, string Schema, string Name, string? Comment, long Estimate)?> FindAsync(
        NpgsqlConnection connection, string qualified, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(TableQuery, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = qualified });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return (reader.GetFieldValue<uint>(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt64(4));
    }

    private static async ValueTask<List<ColumnInfo>> LoadColumnsAsync(NpgsqlConnection connection, uint oid, CancellationToken cancellationToken)
    {
        var columns = new List<ColumnInfo>();
        await using var command = new NpgsqlCommand(ColumnQuery, connection);
        command.Parameters.Add(new NpgsqlParameter<uint> { TypedValue = oid, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Oid });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var typeName = reader.GetString(2);
            var category = reader.GetString(7);
            var elementName = reader.GetString(8);
            var elementCategory = reader.GetString(9);
            var kind = ColumnInfo.KindOf(typeName, category);
            columns.Add(new ColumnInfo(
                reader.GetInt16(0),
                reader.GetString(1),
                typeName,
                reader.GetString(3),
                reader.GetString(4),
                reader.GetInt32(5),
                reader.GetBoolean(6),
                kind,
                kind == PgValueKind.Array ? ColumnInfo.KindOf(elementName, elementCategory) : PgValueKind.Other));
        }

        return columns;
    }
}
