using System.Text;
using System.Text.Json;
using Ferry.Arrow;
using Ferry.Arrow.Ipc;
using Ferry.Plugins.Files.Json;
using Ferry.Plugins.Files.Typing;
using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using ArrowSchema = Ferry.Arrow.Schema;
using RecordBatch = Ferry.Arrow.RecordBatch;

namespace Ferry.Plugins.Files.Arrow;

/// <summary>
/// Writes an Arrow IPC file (docs/formats.md, "Arrow IPC"): <c>id</c>, <c>record_type</c>, <c>text</c>, <c>title</c>,
/// <c>collection</c>, <c>vector.NAME</c> as <c>fixed_size_list&lt;float32&gt;[dim]</c>, <c>metadata.KEY</c> typed
/// (bool, int64, float64, utf8, binary, timestamp[us, UTC] with <c>metadata_offset.KEY</c> int16 minutes) or as JSON
/// text for arrays, objects, decimals and keys of mixed kinds, and <c>extra</c>: a JSON object with whatever has no
/// column (later keys, values of another kind, explicit nulls in typed columns, vectors of another dimension,
/// sparse vectors, relationships, provenance). Columns are fixed by the schema and the first records; rows are
/// buffered and written as record batches of <c>batch_rows</c> rows.
/// </summary>
internal sealed class ArrowRecordWriter : RecordWriter
{
    private const long MaxBatchBytes = 64L * 1024 * 1024;

    private readonly ArrowFileWriter _writer;
    private readonly ArrowSchema _schema;
    private readonly int _batchRows;
    private readonly List<(string Name, int Dimension, int Column)> _vectors = [];
    private readonly Dictionary<string, MetadataColumn> _metadata = new(StringComparer.Ordinal);
    private readonly int _extraColumn;
    private readonly ExtraColumnJson _extraJson = new();
    private RecordBatchBuilder _builder;
    private Record? _pending;
    private string? _pendingExtra;
    private int _rows;
    private long _bytes;

    public ArrowRecordWriter(Stream output, DatasetSchema schema, IReadOnlyList<Record> firstRecords, int batchRows)
    {
        _batchRows = batchRows;
        var fields = new List<Field>
        {
            new(ArrowColumns.Id, ArrowType.Utf8, nullable: false),
            new(ArrowColumns.RecordType, ArrowType.Utf8, nullable: false),
            new(ArrowColumns.Text, ArrowType.Utf8),
            new(ArrowColumns.Title, ArrowType.Utf8),
            new(ArrowColumns.Collection, ArrowType.Utf8),
        };
        foreach (var (name, dimension) in VectorPlan(schema, firstRecords))
        {
            _vectors.Add((name, dimension, fields.Count));
            fields.Add(new Field(ArrowColumns.VectorPrefix + name, ArrowType.FixedSizeList(ArrowType.Float32, dimension)));
        }

        foreach (var (key, kind) in MetadataPlan(schema, firstRecords))
        {
            var typed = TypedArrow(kind);
            var column = new MetadataColumn(kind, typed is not null, fields.Count, -1);
            fields.Add(new Field(
                ArrowColumns.MetadataPrefix + key,
                typed ?? ArrowType.Utf8,
                metadata: typed is null
                    ? [new(ArrowColumns.Encoding, "json")]
                    : [new(ArrowColumns.Encoding, "typed"), new(ArrowColumns.Kind, kind!.Value.ToString().ToLowerInvariant())]));
            if (typed is not null && kind == MetadataKind.Timestamp)
            {
                column = column with { OffsetColumn = fields.Count };
                fields.Add(new Field(ArrowColumns.OffsetPrefix + key, ArrowType.Int16));
            }

            _metadata[key] = column;
        }

        _extraColumn = fields.Count;
        fields.Add(new Field(ArrowColumns.Extra, ArrowType.Utf8, metadata: [new(ArrowColumns.Encoding, "json")]));
        _schema = new ArrowSchema(fields, [new(ArrowColumns.SchemaFormatKey, ArrowColumns.SchemaFormat), new(ArrowColumns.SchemaVersionKey, "1")]);
        _builder = new RecordBatchBuilder(_schema, Math.Min(batchRows, 1024));
        _writer = new ArrowFileWriter(output, _schema, leaveOpen: true);
    }

    /// <summary>The footer: the schema again and a block per batch (estimated high).</summary>
    public override long TrailerBytes => 1024 + (_schema.Fields.Count * 64) + (32L * (_writer.RecordBatchCount + 1));

    /// <summary>Rows held for the next batch, estimated high, plus a batch's metadata and per-buffer padding.</summary>
    public override long BufferedBytes => _rows == 0 ? 0 : _bytes + 512 + (_schema.Fields.Count * 3 * 64);

    public override long Prepare(Record record)
    {
        var extra = new Record(string.Empty);
        var hasExtra = false;
        foreach (var (name, vector) in record.Vectors)
        {
            if (!_vectors.Exists(v => v.Name == name && v.Dimension == vector.Length))
            {
                extra.Vectors[name] = vector;
                hasExtra = true;
            }
        }

        foreach (var (key, value) in record.Metadata)
        {
            if (!_metadata.TryGetValue(key, out var column) || !Fits(column, value))
            {
                extra.Metadata[key] = value;
                hasExtra = true;
            }
        }

        hasExtra |= ExtraColumnJson.AddUncolumned(record, extra);

        try
        {
            CheckText(record.Id);
            CheckText(record.Text);
            CheckText(record.Title);
            CheckText(record.Collection);
            CheckText(record.RecordType);
            _pendingExtra = hasExtra ? _extraJson.Write(extra) : null;
        }
        catch (Exception ex) when (ex is ArgumentException or EncoderFallbackException)
        {
            throw new RecordException($"cannot be written as Arrow: {ex.Message}", record.Id, innerException: ex);
        }

        _pending = record;
        return RecordSize.Estimate(record) + (_pendingExtra?.Length ?? 0);
    }

    public override void Commit()
    {
        var record = _pending ?? throw new InvalidOperationException("No prepared record to commit.");
        _builder.Column<StringArrayBuilder>(0).Append(record.Id);
        _builder.Column<StringArrayBuilder>(1).Append(record.RecordType);
        _builder.Column<StringArrayBuilder>(2).Append(record.Text);
        _builder.Column<StringArrayBuilder>(3).Append(record.Title);
        _builder.Column<StringArrayBuilder>(4).Append(record.Collection);
        foreach (var (name, dimension, column) in _vectors)
        {
            var builder = _builder.Column<FixedSizeListArrayBuilder>(column);
            if (record.Vectors.TryGetValue(name, out var vector) && vector.Length == dimension)
            {
                builder.Append<float>(vector);
            }
            else
            {
                builder.AppendNull();
            }
        }

        foreach (var (key, column) in _metadata)
        {
            if (record.Metadata.TryGetValue(key, out var value) && Fits(column, value))
            {
                Append(column, value);
            }
            else
            {
                _builder.Builders[column.Column].AppendNull();
                if (column.OffsetColumn >= 0)
                {
                    _builder.Builders[column.OffsetColumn].AppendNull();
                }
            }
        }

        _builder.Column<StringArrayBuilder>(_extraColumn).Append(_pendingExtra);
        _bytes += RecordSize.Estimate(record) + (_pendingExtra?.Length ?? 0);
        _rows++;
        _pending = null;
        _pendingExtra = null;
        if (_rows >= _batchRows || _bytes >= MaxBatchBytes)
        {
            WriteBatch();
        }
    }

    public override void Discard()
    {
        _pending = null;
        _pendingExtra = null;
    }

    public override void Flush() => WriteBatch();

    public override void Finish()
    {
        WriteBatch();
        _writer.Finish();
    }

    public override void Dispose()
    {
        _writer.Dispose();
        base.Dispose();
    }

    private void WriteBatch()
    {
        if (_rows == 0)
        {
            return;
        }

        RecordBatch batch = _builder.Build();
        _writer.WriteRecordBatch(batch);
        _builder = new RecordBatchBuilder(_schema, Math.Min(_batchRows, 1024));
        _rows = 0;
        _bytes = 0;
    }

    private void Append(MetadataColumn column, MetadataValue value)
    {
        var builder = _builder.Builders[column.Column];
        if (!column.Typed)
        {
            ((StringArrayBuilder)builder).Append(MetadataJson.Serialize(value));
            return;
        }

        switch (value.Kind)
        {
            case MetadataKind.Bool:
                ((BooleanArrayBuilder)builder).Append(value.AsBool());
                break;
            case MetadataKind.Integer:
                ((PrimitiveArrayBuilder<long>)builder).Append(value.AsInteger());
                break;
            case MetadataKind.Float:
                ((PrimitiveArrayBuilder<double>)builder).Append(value.AsFloat());
                break;
            case MetadataKind.String:
                ((StringArrayBuilder)builder).Append(value.AsString());
                break;
            case MetadataKind.Bytes:
                ((BinaryArrayBuilder)builder).Append(value.AsBytes().Span);
                break;
            case MetadataKind.Timestamp:
                var timestamp = value.AsTimestamp();
                ((PrimitiveArrayBuilder<long>)builder).Append(TimestampType.FromDateTimeOffset(timestamp));
                ((PrimitiveArrayBuilder<short>)_builder.Builders[column.OffsetColumn]).Append((short)timestamp.Offset.TotalMinutes);
                break;
        }
    }

    private static readonly TimestampType TimestampType = ArrowType.Timestamp(TimeUnit.Microsecond, "UTC");

    /// <summary>Whether the value can go to the column and come back as itself.</summary>
    private static bool Fits(MetadataColumn column, MetadataValue value)
    {
        if (!column.Typed)
        {
            return true;
        }

        if (value.Kind != column.Kind)
        {
            return false;
        }

        if (value.Kind == MetadataKind.Timestamp)
        {
            // Microseconds only: a timestamp with 100 ns ticks goes to extra, where it keeps them.
            return value.AsTimestamp().UtcTicks % 10 == 0;
        }

        return value.Kind != MetadataKind.String || Utf16.IsValid(value.AsString());
    }

    private static ArrowType? TypedArrow(MetadataKind? kind) => kind switch
    {
        MetadataKind.Bool => ArrowType.Boolean,
        MetadataKind.Integer => ArrowType.Int64,
        MetadataKind.Float => ArrowType.Float64,
        MetadataKind.String => ArrowType.Utf8,
        MetadataKind.Bytes => ArrowType.Binary,
        MetadataKind.Timestamp => TimestampType,
        _ => null,
    };

    private static List<(string Name, int Dimension)> VectorPlan(DatasetSchema schema, IReadOnlyList<Record> firstRecords)
    {
        var plan = new List<(string, int)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in schema.Vectors)
        {
            if (seen.Add(field.Name))
            {
                plan.Add((field.Name, field.Dimension));
            }
        }

        foreach (var record in firstRecords)
        {
            foreach (var (name, vector) in record.Vectors)
            {
                if (seen.Add(name))
                {
                    plan.Add((name, vector.Length));
                }
            }
        }

        return plan;
    }

    /// <summary>The metadata keys in first-seen order with their kind: one kind for all non-null values, or null (JSON column).</summary>
    private static List<(string Key, MetadataKind? Kind)> MetadataPlan(DatasetSchema schema, IReadOnlyList<Record> firstRecords)
    {
        var order = new List<string>();
        var kinds = new Dictionary<string, (MetadataKind? Kind, bool Mixed)>(StringComparer.Ordinal);
        foreach (var field in schema.Metadata)
        {
            order.Add(field.Name);
            kinds[field.Name] = (field.Kind, field.Kind is null);
        }

        foreach (var record in firstRecords)
        {
            foreach (var (key, value) in record.Metadata)
            {
                if (!kinds.TryGetValue(key, out var state))
                {
                    order.Add(key);
                    kinds[key] = (value.IsNull ? null : value.Kind, false);
                    continue;
                }

                if (!value.IsNull && !state.Mixed && state.Kind != value.Kind)
                {
                    kinds[key] = state.Kind is null && !schema.Metadata.Any(f => f.Name == key) ? (value.Kind, false) : (null, true);
                }
            }
        }

        var plan = new List<(string, MetadataKind?)>(order.Count);
        foreach (var key in order)
        {
            var (kind, mixed) = kinds[key];
            plan.Add((key, mixed ? null : kind));
        }

        return plan;
    }

    private static void CheckText(string? text)
    {
        if (text is not null && !Utf16.IsValid(text))
        {
            throw new ArgumentException("a string is not valid UTF-16 (lone surrogate), which UTF-8 columns cannot carry");
        }
    }

    /// <summary>A metadata key's columns: its kind when typed, its column index and, for timestamps, the offset column.</summary>
    private sealed record MetadataColumn(MetadataKind? Kind, bool Typed, int Column, int OffsetColumn);
}
