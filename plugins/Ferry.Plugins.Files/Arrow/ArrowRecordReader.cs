using System.Globalization;
using System.Text;
using Ferry.Arrow;
using Ferry.Arrow.Ipc;
using Ferry.Plugins.Files.Json;
using Ferry.Plugins.Files.Typing;
using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using ArrowRecordBatch = Ferry.Arrow.RecordBatch;

namespace Ferry.Plugins.Files.Arrow;

/// <summary>
/// Streams the records of an Arrow IPC file (or stream) with Ferry.Arrow's stream reader, one record batch at a
/// time (compressed or encrypted files cannot be memory-mapped, so the file format is read sequentially: magic,
/// then the stream, stopping at its end marker). Ferry's layout reads back exactly; other tools' files map columns
/// by name: <c>id</c> (any scalar, as text), <c>text</c>/<c>content</c>, <c>title</c>, <c>collection</c>,
/// <c>record_type</c>, list-of-float columns named <c>vector</c>, <c>embedding</c> or <c>vector.NAME</c> as vectors,
/// every other column as metadata of its Arrow type.
/// </summary>
internal sealed class ArrowRecordReader : RecordReader
{
    private static readonly byte[] FileMagic = "ARROW1\0\0"u8.ToArray();

    private readonly Stream _input;
    private readonly string _fileName;
    private readonly TypeSchema _types;
    private ArrowStreamReader? _reader;
    private ArrowRecordBatch? _batch;
    private Column[]? _columns;
    private int _row;
    private long _batchIndex = -1;
    private bool _done;

    public ArrowRecordReader(Stream input, string fileName, TypeSchema types)
    {
        _input = input;
        _fileName = fileName;
        _types = types;
    }

    private enum Role
    {
        Id,
        RecordType,
        Text,
        Title,
        Collection,
        Vector,
        Metadata,
        JsonMetadata,
        Offset,
        Extra,
    }

    public override string Position => string.Create(CultureInfo.InvariantCulture, $"record batch {_batchIndex}, row {_row}");

    public override bool Read(out Record? record, out RecordFailure? failure)
    {
        record = null;
        failure = null;
        try
        {
            while (_batch is null || _row >= _batch.Length)
            {
                if (_done || !NextBatch())
                {
                    _done = true;
                    return false;
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new RecordException($"{_fileName}: not valid Arrow IPC data after record batch {_batchIndex}: {ex.Message}", innerException: ex);
        }

        var row = _row++;
        try
        {
            record = Convert(_batch, row);
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or ArgumentException or InvalidCastException or OverflowException)
        {
            failure = new RecordFailure(null, string.Create(CultureInfo.InvariantCulture, $"{_fileName}, record batch {_batchIndex}, row {row}: not a record: {ex.Message}"));
        }

        return true;
    }

    private bool NextBatch()
    {
        if (_reader is null)
        {
            var head = new byte[FileMagic.Length];
            var got = _input.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            if (got == 0)
            {
                return false;
            }

            // The file format is the stream format between its magic and its footer; an IPC stream has no magic.
            var stream = got == head.Length && head.AsSpan().SequenceEqual(FileMagic) ? _input : new PrefixedStream(head.AsMemory(0, got), _input);
            _reader = new ArrowStreamReader(stream, leaveOpen: true);
            _columns = Map(_reader.Schema);
        }

        _batch = _reader.ReadNextRecordBatch();
        _row = 0;
        _batchIndex++;
        return _batch is not null;
    }

    private Record Convert(ArrowRecordBatch batch, int row)
    {
        var record = new Record(string.Empty);
        string? id = null;
        string? extra = null;
        var columns = _columns!;
        for (var c = 0; c < columns.Length; c++)
        {
            var column = columns[c];
            var array = batch.Column(c);
            if (array.IsNull(row) && column.Role != Role.JsonMetadata)
            {
                continue;
            }

            switch (column.Role)
            {
                case Role.Id:
                    id = array is StringArray ids ? ids.GetString(row) : ArrowValues.Get(array, row).ToString().Trim('"');
                    break;
                case Role.RecordType:
                    record.RecordType = ((StringArray)array).GetString(row)!;
                    break;
                case Role.Text:
                    record.Text = ((StringArray)array).GetString(row);
                    break;
                case Role.Title:
                    record.Title = ((StringArray)array).GetString(row);
                    break;
                case Role.Collection:
                    record.Collection = ((StringArray)array).GetString(row);
                    break;
                case Role.Vector:
                    record.Vectors[column.Name] = ArrowValues.Vector(array, row)!;
                    break;
                case Role.Metadata:
                    var value = ArrowValues.Get(array, row);
                    if (column.OffsetColumn >= 0 && value.Kind == MetadataKind.Timestamp && !batch.Column(column.OffsetColumn).IsNull(row))
                    {
                        var minutes = ((PrimitiveArray<short>)batch.Column(column.OffsetColumn)).GetValue(row);
                        value = MetadataValue.FromTimestamp(value.AsTimestamp().ToOffset(TimeSpan.FromMinutes(minutes)));
                    }

                    record.Metadata[column.Name] = _types.IsEmpty ? value : _types.Coerce(column.Name, value);
                    break;
                case Role.JsonMetadata:
                    if (!array.IsNull(row))
                    {
                        var json = MetadataJson.Deserialize(((StringArray)array).GetBytes(row));
                        record.Metadata[column.Name] = _types.IsEmpty ? json : _types.Coerce(column.Name, json);
                    }

                    break;
                case Role.Extra:
                    extra = ((StringArray)array).GetString(row);
                    break;
            }
        }

        record.Id = id ?? throw new FormatException("the row has no id");
        if (extra is not null)
        {
            JsonRecordCodec.MergeJson(record, Encoding.UTF8.GetBytes(extra), _types);
        }

        return record;
    }

    private Column[] Map(Ferry.Arrow.Schema schema)
    {
        var ours = schema.Metadata.TryGetValue(ArrowColumns.SchemaFormatKey, out var format) && format == ArrowColumns.SchemaFormat;
        var columns = new Column[schema.Fields.Count];
        var offsets = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++)
        {
            if (schema.Fields[i].Name.StartsWith(ArrowColumns.OffsetPrefix, StringComparison.Ordinal))
            {
                offsets[schema.Fields[i].Name[ArrowColumns.OffsetPrefix.Length..]] = i;
            }
        }

        for (var i = 0; i < columns.Length; i++)
        {
            var field = schema.Fields[i];
            var name = field.Name;
            var isText = field.Type.TypeId is ArrowTypeId.Utf8 or ArrowTypeId.LargeUtf8;
            columns[i] = name switch
            {
                ArrowColumns.Id or "_id" => new Column(Role.Id, name),
                ArrowColumns.RecordType when isText => new Column(Role.RecordType, name),
                ArrowColumns.Text or "content" when isText => new Column(Role.Text, name),
                ArrowColumns.Title when isText => new Column(Role.Title, name),
                ArrowColumns.Collection when isText => new Column(Role.Collection, name),
                ArrowColumns.Extra when ours => new Column(Role.Extra, name),
                _ when name.StartsWith(ArrowColumns.OffsetPrefix, StringComparison.Ordinal) && ours => new Column(Role.Offset, name),
                _ when ArrowValues.IsVectorType(field.Type) && (name is "vector" or "embedding" || name.StartsWith(ArrowColumns.VectorPrefix, StringComparison.Ordinal))
                    => new Column(Role.Vector, name is "vector" or "embedding" ? Record.DefaultVectorName : name[ArrowColumns.VectorPrefix.Length..]),
                _ => MetadataColumn(field, ours, offsets),
            };
        }

        return columns;
    }

    private static Column MetadataColumn(Field field, bool ours, Dictionary<string, int> offsets)
    {
        var key = ours && field.Name.StartsWith(ArrowColumns.MetadataPrefix, StringComparison.Ordinal) ? field.Name[ArrowColumns.MetadataPrefix.Length..] : field.Name;
        if (field.Metadata.TryGetValue(ArrowColumns.Encoding, out var encoding) && encoding == "json")
        {
            return new Column(Role.JsonMetadata, key);
        }

        return new Column(Role.Metadata, key) { OffsetColumn = offsets.TryGetValue(key, out var offset) ? offset : -1 };
    }

    public override void Dispose()
    {
        _reader?.Dispose();
        base.Dispose();
    }

    /// <summary>How a column maps to the record.</summary>
    private sealed record Column(Role Role, string Name)
    {
        public int OffsetColumn { get; init; } = -1;
    }
}
