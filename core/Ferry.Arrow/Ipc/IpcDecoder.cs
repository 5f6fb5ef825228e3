using Ferry.Arrow.FlatBuffers;

namespace Ferry.Arrow.Ipc;

/// <summary>Turns schema, dictionary batch and record batch messages into Arrow objects, keeping the
/// dictionaries seen so far (shared by the stream and file readers).</summary>
internal sealed class IpcDecoder
{
    private readonly SchemaParser _parser;
    private readonly ArrowReaderOptions _options;
    private readonly Dictionary<long, ArrowArray> _dictionaries = [];

    public IpcDecoder(FlatBufferTable schemaTable, ArrowReaderOptions options)
    {
        Endianness.EnsureLittleEndian();
        _options = options;
        (Schema, _parser) = SchemaParser.Parse(schemaTable, options.MaxNestingDepth);
    }

    public Schema Schema { get; }

    public RecordBatch ReadRecordBatch(FlatBufferTable header, ReadOnlyMemory<byte> body)
    {
        var loader = CreateLoader(header, body, out var length);
        var columns = new ArrowArray[Schema.Fields.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            var field = Schema.Fields[i];
            columns[i] = loader.Load(field, field.Name);
            if (columns[i].Length != length)
            {
                throw IpcErrors.Invalid($"column '{field.Name}' has {columns[i].Length} values but the record batch has {length} rows.");
            }
        }

        return new RecordBatch(Schema, columns, length);
    }

    public void ReadDictionaryBatch(FlatBufferTable header, ReadOnlyMemory<byte> body, bool isFile)
    {
        var id = header.GetInt64(Fb.DictBatchId);
        if (!_parser.DictionaryValueFields.TryGetValue(id, out var valueField))
        {
            throw IpcErrors.Invalid($"a dictionary batch has id {id}, which no field of the schema uses.");
        }

        var data = header.GetTable(Fb.DictBatchData) ?? throw IpcErrors.Invalid($"dictionary batch {id} has no data.");
        var loader = CreateLoader(data, body, out var length);
        var values = loader.Load(valueField, valueField.Name + " (dictionary " + id + ")");
        if (values.Length != length)
        {
            throw IpcErrors.Invalid($"dictionary batch {id} has {values.Length} values but declares {length}.");
        }

        var isDelta = header.GetBool(Fb.DictBatchIsDelta);
        if (isDelta)
        {
            if (!_dictionaries.TryGetValue(id, out var existing))
            {
                throw IpcErrors.Invalid($"delta dictionary batch {id} arrives before any dictionary with that id.");
            }

            _dictionaries[id] = ArrayConcatenator.Concat(existing, values);
        }
        else
        {
            if (isFile && _dictionaries.ContainsKey(id))
            {
                throw IpcErrors.Invalid($"the file replaces dictionary {id}, which the IPC file format forbids.");
            }

            _dictionaries[id] = values;
        }
    }

    public ArrowArray GetDictionary(Field field, DictionaryType type, bool allNull, string path)
    {
        if (!_parser.DictionaryIds.TryGetValue(field, out var id))
        {
            throw new InvalidOperationException($"Field '{path}' has no dictionary id.");
        }

        if (_dictionaries.TryGetValue(id, out var dictionary))
        {
            return dictionary;
        }

        // The format allows an all-null dictionary column to precede its dictionary batch.
        return allNull
            ? EmptyArray.Create(type.ValueType)
            : throw IpcErrors.Invalid($"field '{path}' uses dictionary {id} before any dictionary batch defines it.");
    }

    private ArrayLoader CreateLoader(FlatBufferTable batch, ReadOnlyMemory<byte> body, out int length)
    {
        var declared = batch.GetInt64(Fb.BatchLength);
        if (declared < 0 || declared > int.MaxValue)
        {
            throw declared < 0
                ? IpcErrors.Invalid($"a record batch declares {declared} rows.")
                : new ArrowNotSupportedException($"A record batch of {declared} rows exceeds the {int.MaxValue} Ferry.Arrow supports.");
        }

        if (batch.GetTable(Fb.BatchCompression) is { } compression)
        {
            var codec = compression.GetByte(Fb.CompressionCodec) switch
            {
                0 => "LZ4_FRAME",
                1 => "ZSTD",
                var c => "codec " + c,
            };
            throw new ArrowNotSupportedException(
                $"The record batch body is compressed with {codec}; Ferry.Arrow reads only uncompressed IPC data.");
        }

        length = (int)declared;
        var nodes = batch.GetVectorBytes(Fb.BatchNodes, Fb.FieldNodeSize, out var nodeCount).ToArray();
        var buffers = batch.GetVectorBytes(Fb.BatchBuffers, Fb.BufferSize, out var bufferCount).ToArray();
        return new ArrayLoader(nodes, nodeCount, buffers, bufferCount, body, this, _options.ValidateData);
    }
}
