using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Ferry.Plugins.Postgres.Internal.Catalog;
using Ferry.Plugins.Postgres.Internal.Connection;
using Ferry.Plugins.Postgres.Internal.Mapping;
using Ferry.Plugins.Postgres.Internal.Vectors;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Npgsql;
using NpgsqlTypes;

namespace Ferry.Plugins.Postgres.Internal.Writing;

/// <summary>
/// Writes encoded rows into a sink-created table as idempotent upserts by id, two ways: binary COPY into a
/// temporary staging table followed by one <c>INSERT … SELECT … ON CONFLICT (id) DO UPDATE</c>, or multi-row
/// <c>INSERT … VALUES … ON CONFLICT (id) DO UPDATE</c> statements. Either way a batch is one transaction. When the
/// server refuses a row's data, the batch is retried row-range by row-range under savepoints (halving the
/// range that fails) so that only the bad rows fail.
/// </summary>
internal sealed class TableWriter
{
    /// <summary>PostgreSQL's limit on parameters per statement (a 16-bit count).</summary>
    public const int MaxParameters = 65535;

    private const string StageTable = "ferry_stage";
    private const string Savepoint = "ferry_rows";

    private readonly TableLayout _layout;
    private readonly string _table;
    private readonly WriteColumn[] _columns;
    private readonly string _columnList;
    private readonly string _upsertTail;
    private readonly int _rowsPerInsert;
    private readonly ConcurrentDictionary<int, string> _insertSql = new();

    public TableWriter(TableLayout layout, string qualifiedTable, int rowsPerInsert)
    {
        _layout = layout;
        _table = qualifiedTable;
        _columns = PlanColumns(layout);
        var names = new string[_columns.Length];
        var updates = new List<string>(_columns.Length);
        for (var i = 0; i < _columns.Length; i++)
        {
            names[i] = Sql.Identifier(_columns[i].Name);
            if (_columns[i].Role != WriteColumnRole.Id)
            {
                updates.Add($"{names[i]} = EXCLUDED.{names[i]}");
            }
        }

        _columnList = string.Join(", ", names);
        _upsertTail = $" ON CONFLICT ({Sql.Identifier(LayoutColumns.Id)}) DO UPDATE SET {string.Join(", ", updates)}";
        _rowsPerInsert = Math.Max(1, Math.Min(rowsPerInsert, MaxParameters / _columns.Length));
    }

    public int ColumnCount => _columns.Length;

    /// <summary>Whether an error is about the data of some row (the others can still be written).</summary>
    public static bool IsRowError(Exception exception) =>
        exception is PostgresException pg && (PostgresErrors.IsDataState(pg.SqlState) || pg.SqlState is "42804" or "54000");

    /// <summary>Loads rows with binary COPY through a staging table, in one transaction.</summary>
    public async ValueTask CopyAsync(NpgsqlConnection connection, IReadOnlyList<EncodedRow> rows, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"CREATE TEMP TABLE {StageTable} (LIKE {_table} INCLUDING DEFAULTS) ON COMMIT DROP", cancellationToken).ConfigureAwait(false);
        await using (var importer = await connection.BeginBinaryImportAsync($"COPY {StageTable} ({_columnList}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            var writer = new CopyColumnWriter(importer);
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await WriteRowAsync(writer, row, cancellationToken).ConfigureAwait(false);
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, $"INSERT INTO {_table} ({_columnList}) SELECT {_columnList} FROM {StageTable}{_upsertTail}", cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Loads rows with multi-row INSERT statements, in one transaction.</summary>
    public async ValueTask InsertAsync(NpgsqlConnection connection, IReadOnlyList<EncodedRow> rows, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await InsertRangeAsync(connection, rows, 0, rows.Count, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes what the server accepts and reports the rest: each range runs under a savepoint; a range the server
    /// refuses for its data is halved until the refused rows stand alone.
    /// </summary>
    public async ValueTask<List<RecordFailure>> InsertIsolatingAsync(NpgsqlConnection connection, IReadOnlyList<EncodedRow> rows, CancellationToken cancellationToken)
    {
        var failures = new List<RecordFailure>();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var pending = new Stack<(int Start, int Count)>();
        pending.Push((0, rows.Count));
        while (pending.Count > 0)
        {
            var (start, count) = pending.Pop();
            await transaction.SaveAsync(Savepoint, cancellationToken).ConfigureAwait(false);
            try
            {
                await InsertRangeAsync(connection, rows, start, count, cancellationToken).ConfigureAwait(false);
                await transaction.ReleaseAsync(Savepoint, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (IsRowError(ex))
            {
                await transaction.RollbackAsync(Savepoint, cancellationToken).ConfigureAwait(false);
                if (count == 1)
                {
                    var record = rows[start].Record;
                    failures.Add(new RecordFailure(record.Id, $"PostgreSQL refused the row: {ex.SqlState} {ex.MessageText}") { Record = record });
                    continue;
                }

                var half = count / 2;
                pending.Push((start + half, count - half));
                pending.Push((start, half));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return failures;
    }

    private async ValueTask InsertRangeAsync(NpgsqlConnection connection, IReadOnlyList<EncodedRow> rows, int start, int count, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < count; offset += _rowsPerInsert)
        {
            var chunk = Math.Min(_rowsPerInsert, count - offset);
            await using var command = new NpgsqlCommand(InsertSql(chunk), connection);
            var writer = new ParameterColumnWriter(command.Parameters);
            for (var i = 0; i < chunk; i++)
            {
                await WriteRowAsync(writer, rows[start + offset + i], cancellationToken).ConfigureAwait(false);
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private string InsertSql(int rows) => _insertSql.GetOrAdd(rows, count =>
    {
        var sql = new StringBuilder(64 + (count * _columns.Length * 6));
        sql.Append("INSERT INTO ").Append(_table).Append(" (").Append(_columnList).Append(") VALUES ");
        var parameter = 1;
        for (var row = 0; row < count; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < _columns.Length; column++)
            {
                if (column > 0)
                {
                    sql.Append(", ");
                }

                sql.Append('$').Append(parameter++.ToString(CultureInfo.InvariantCulture));
            }

            sql.Append(')');
        }

        return sql.Append(_upsertTail).ToString();
    });

    private async ValueTask WriteRowAsync(IColumnWriter writer, EncodedRow row, CancellationToken cancellationToken)
    {
        var record = row.Record;
        foreach (var column in _columns)
        {
            switch (column.Role)
            {
                case WriteColumnRole.Id:
                    await writer.WriteAsync(record.Id, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    break;
                case WriteColumnRole.Text:
                    await WriteTextAsync(writer, record.Text, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    break;
                case WriteColumnRole.Title:
                    await WriteTextAsync(writer, record.Title, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    break;
                case WriteColumnRole.RecordType:
                    await writer.WriteAsync(record.RecordType, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    break;
                case WriteColumnRole.Collection:
                    await WriteTextAsync(writer, record.Collection, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    break;
                case WriteColumnRole.Overflow:
                    await WriteTextAsync(writer, row.Overflow, NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
                    break;
                case WriteColumnRole.Relationships:
                    await WriteTextAsync(writer, row.Relationships, NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
                    break;
                case WriteColumnRole.Source:
                    await WriteTextAsync(writer, row.Source, NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
                    break;
                case WriteColumnRole.Vector:
                    await WriteVectorAsync(writer, _layout.Vectors[column.Index], record, cancellationToken).ConfigureAwait(false);
                    break;
                case WriteColumnRole.Sparse:
                case WriteColumnRole.SparseIndices:
                case WriteColumnRole.SparseValues:
                    await WriteSparseAsync(writer, column, record, cancellationToken).ConfigureAwait(false);
                    break;
                case WriteColumnRole.Field:
                    await WriteFieldAsync(writer, _layout.Fields[column.Index], row.Typed[column.Index], cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    private static ValueTask WriteTextAsync(IColumnWriter writer, string? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value, type, cancellationToken);

    private static ValueTask WriteVectorAsync(IColumnWriter writer, LayoutVector vector, Record record, CancellationToken cancellationToken)
    {
        if (!record.Vectors.TryGetValue(vector.Name, out var values))
        {
            return writer.WriteNullAsync(cancellationToken);
        }

        return vector.Storage switch
        {
            VectorStorage.Vector => writer.WriteAsync(new PgVector(values), VectorTypeInfoResolverFactory.VectorType, cancellationToken),
            VectorStorage.Halfvec => writer.WriteAsync(new PgHalfVector(values), VectorTypeInfoResolverFactory.HalfVectorType, cancellationToken),
            _ => writer.WriteAsync(new PgRealArray(values), VectorTypeInfoResolverFactory.RealArrayType, cancellationToken),
        };
    }

    private ValueTask WriteSparseAsync(IColumnWriter writer, WriteColumn column, Record record, CancellationToken cancellationToken)
    {
        var sparse = _layout.Sparse[column.Index];
        if (!record.Sparse.TryGetValue(sparse.Name, out var values))
        {
            return writer.WriteNullAsync(cancellationToken);
        }

        return column.Role switch
        {
            WriteColumnRole.Sparse => writer.WriteAsync(new PgSparseVector(sparse.Dimension, values), VectorTypeInfoResolverFactory.SparseVectorType, cancellationToken),
            WriteColumnRole.SparseIndices => writer.WriteAsync(MemoryMarshal.Cast<uint, int>(values.Indices).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer, cancellationToken),
            _ => writer.WriteAsync(values.Values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Real, cancellationToken),
        };
    }

    private static ValueTask WriteFieldAsync(IColumnWriter writer, LayoutField field, MetadataValue? value, CancellationToken cancellationToken)
    {
        if (value is null || value.IsNull)
        {
            return writer.WriteNullAsync(cancellationToken);
        }

        switch (field.Kind)
        {
            case MetadataKind.Bool:
                return writer.WriteAsync(value.AsBool(), NpgsqlDbType.Boolean, cancellationToken);
            case MetadataKind.Integer:
                return writer.WriteAsync(value.AsInteger(), NpgsqlDbType.Bigint, cancellationToken);
            case MetadataKind.Float:
                return writer.WriteAsync(value.AsFloat(), NpgsqlDbType.Double, cancellationToken);
            case MetadataKind.Decimal:
                return writer.WriteAsync(value.AsDecimal(), NpgsqlDbType.Numeric, cancellationToken);
            case MetadataKind.String:
                return writer.WriteAsync(value.AsString(), NpgsqlDbType.Text, cancellationToken);
            case MetadataKind.Timestamp:
                return writer.WriteAsync(value.AsTimestamp().UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            case MetadataKind.Bytes:
                return writer.WriteAsync(Bytes(value), NpgsqlDbType.Bytea, cancellationToken);
            default:
                return WriteArrayAsync(writer, field.ItemKind, value.AsArray(), cancellationToken);
        }
    }

    private static ValueTask WriteArrayAsync(IColumnWriter writer, MetadataKind? itemKind, IReadOnlyList<MetadataValue> items, CancellationToken cancellationToken)
    {
        switch (itemKind)
        {
            case MetadataKind.Bool:
                return writer.WriteAsync(Items(items, static v => (bool?)v.AsBool()), NpgsqlDbType.Array | NpgsqlDbType.Boolean, cancellationToken);
            case MetadataKind.Integer:
                return writer.WriteAsync(Items(items, static v => (long?)v.AsInteger()), NpgsqlDbType.Array | NpgsqlDbType.Bigint, cancellationToken);
            case MetadataKind.Float:
                return writer.WriteAsync(Items(items, static v => (double?)v.AsFloat()), NpgsqlDbType.Array | NpgsqlDbType.Double, cancellationToken);
            case MetadataKind.Decimal:
                return writer.WriteAsync(Items(items, static v => (decimal?)v.AsDecimal()), NpgsqlDbType.Array | NpgsqlDbType.Numeric, cancellationToken);
            case MetadataKind.Timestamp:
                return writer.WriteAsync(Items(items, static v => (DateTime?)v.AsTimestamp().UtcDateTime), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, cancellationToken);
            case MetadataKind.Bytes:
                return writer.WriteAsync(Items(items, static v => (byte[]?)Bytes(v)), NpgsqlDbType.Array | NpgsqlDbType.Bytea, cancellationToken);
            default:
                return writer.WriteAsync(Items(items, static v => (string?)v.AsString()), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
        }
    }

    private static T?[] Items<T>(IReadOnlyList<MetadataValue> items, Func<MetadataValue, T?> convert)
    {
        var result = new T?[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            result[i] = items[i].IsNull ? default : convert(items[i]);
        }

        return result;
    }

    private static byte[] Bytes(MetadataValue value)
    {
        var memory = value.AsBytes();
        return MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();
    }

    private static async ValueTask ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static WriteColumn[] PlanColumns(TableLayout layout)
    {
        var columns = new List<WriteColumn>
        {
            new(LayoutColumns.Id, WriteColumnRole.Id),
            new(LayoutColumns.Text, WriteColumnRole.Text),
            new(LayoutColumns.Title, WriteColumnRole.Title),
        };
        for (var i = 0; i < layout.Vectors.Count; i++)
        {
            columns.Add(new(layout.Vectors[i].Column, WriteColumnRole.Vector, i));
        }

        for (var i = 0; i < layout.Sparse.Count; i++)
        {
            var sparse = layout.Sparse[i];
            if (sparse.Storage == SparseStorage.Arrays)
            {
                columns.Add(new(sparse.Column + "_indices", WriteColumnRole.SparseIndices, i));
                columns.Add(new(sparse.Column + "_values", WriteColumnRole.SparseValues, i));
            }
            else
            {
                columns.Add(new(sparse.Column, WriteColumnRole.Sparse, i));
            }
        }

        for (var i = 0; i < layout.Fields.Count; i++)
        {
            columns.Add(new(layout.Fields[i].Column, WriteColumnRole.Field, i));
        }

        columns.Add(new(LayoutColumns.Metadata, WriteColumnRole.Overflow));
        columns.Add(new(LayoutColumns.RecordType, WriteColumnRole.RecordType));
        columns.Add(new(LayoutColumns.Collection, WriteColumnRole.Collection));
        columns.Add(new(LayoutColumns.Relationships, WriteColumnRole.Relationships));
        columns.Add(new(LayoutColumns.Source, WriteColumnRole.Source));
        return columns.ToArray();
    }
}
