using System.Buffers.Binary;

namespace Ferry.Arrow.Ipc;

/// <summary>
/// Shared engine of the stream and file writers: frames messages (continuation marker, length,
/// flatbuffer, padding) and streams each body buffer straight from the array's memory.
/// </summary>
internal sealed class IpcWriterCore
{
    private const int MaxPadding = 64;
    private static readonly byte[] Zeros = new byte[MaxPadding];
    private readonly Stream _stream;
    private readonly int _alignment;
    private readonly DictionaryWriter _dictionaries;
    private readonly List<Block> _dictionaryBlocks = [];
    private readonly List<Block> _recordBlocks = [];
    private long _position;

    public IpcWriterCore(Stream stream, Schema schema, ArrowWriterOptions options, bool isFile)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        options.Validate();
        Endianness.EnsureLittleEndian();
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The stream is not writable.", nameof(stream));
        }

        _stream = stream;
        Schema = schema;
        Options = options;
        _alignment = options.Alignment;
        _dictionaries = new DictionaryWriter(isFile);
    }

    public Schema Schema { get; }

    public ArrowWriterOptions Options { get; }

    public IReadOnlyList<Block> DictionaryBlocks => _dictionaryBlocks;

    public IReadOnlyList<Block> RecordBlocks => _recordBlocks;

    public bool SchemaWritten { get; private set; }

    public long Position => _position;

    /// <summary>The messages for one record batch (dictionaries first), ready to be written.</summary>
    public List<PendingMessage> Prepare(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        CheckSchema(batch.Schema);
        var messages = new List<PendingMessage>();
        foreach (var (id, values, isDelta) in _dictionaries.Collect(batch))
        {
            var plan = BodyPlan.Create([values], _alignment);
            messages.Add(new PendingMessage(MessageSerializer.DictionaryBatch(id, isDelta, values.Length, plan), plan, true));
        }

        var batchPlan = BodyPlan.Create(batch.Columns, _alignment);
        messages.Add(new PendingMessage(MessageSerializer.RecordBatch(batch.Length, batchPlan), batchPlan, false));
        return messages;
    }

    public PendingMessage PrepareSchema()
    {
        SchemaWritten = true;
        return new PendingMessage(MessageSerializer.Schema(Schema), null, false);
    }

    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        _position += bytes.Length;
    }

    public async ValueTask WriteRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        _position += bytes.Length;
    }

    public void Write(PendingMessage message)
    {
        var start = _position;
        var prefix = Prefix(message.Metadata.Length, out var padding);
        WriteRaw(prefix);
        WriteRaw(message.Metadata);
        WriteRaw(Zeros.AsSpan(0, padding));
        if (message.Body is { } plan)
        {
            for (var i = 0; i < plan.Buffers.Count; i++)
            {
                var buffer = plan.Buffers[i];
                WriteRaw(buffer.Span);
                WriteRaw(Zeros.AsSpan(0, (int)(plan.Pad(buffer.Length) - buffer.Length)));
            }
        }

        Record(message, start);
    }

    public async ValueTask WriteAsync(PendingMessage message, CancellationToken cancellationToken)
    {
        var start = _position;
        var prefix = Prefix(message.Metadata.Length, out var padding);
        await WriteRawAsync(prefix, cancellationToken).ConfigureAwait(false);
        await WriteRawAsync(message.Metadata, cancellationToken).ConfigureAwait(false);
        await WriteRawAsync(Zeros.AsMemory(0, padding), cancellationToken).ConfigureAwait(false);
        if (message.Body is { } plan)
        {
            for (var i = 0; i < plan.Buffers.Count; i++)
            {
                var buffer = plan.Buffers[i];
                await WriteRawAsync(buffer, cancellationToken).ConfigureAwait(false);
                await WriteRawAsync(Zeros.AsMemory(0, (int)(plan.Pad(buffer.Length) - buffer.Length)), cancellationToken).ConfigureAwait(false);
            }
        }

        Record(message, start);
    }

    /// <summary>The end-of-stream marker: continuation + zero length.</summary>
    public static byte[] EndOfStream() => [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0];

    public static void Flush(Stream stream) => stream.Flush();

    private byte[] Prefix(int metadataLength, out int padding)
    {
        // Pad the metadata so the body starts on an alignment boundary of the output.
        var afterMetadata = _position + 8 + metadataLength;
        padding = (int)((_alignment - (afterMetadata % _alignment)) % _alignment);
        var prefix = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(prefix, 0xFFFFFFFF);
        BinaryPrimitives.WriteInt32LittleEndian(prefix.AsSpan(4), metadataLength + padding);
        return prefix;
    }

    private void Record(PendingMessage message, long start)
    {
        if (message.Body is null)
        {
            return;
        }

        var block = new Block(start, checked((int)(_position - start - message.Body.BodyLength)), message.Body.BodyLength);
        (message.IsDictionary ? _dictionaryBlocks : _recordBlocks).Add(block);
    }

    private void CheckSchema(Schema batchSchema)
    {
        if (ReferenceEquals(batchSchema, Schema))
        {
            return;
        }

        if (batchSchema.Fields.Count != Schema.Fields.Count)
        {
            throw new ArgumentException($"The batch has {batchSchema.Fields.Count} columns; the writer's schema has {Schema.Fields.Count}.", "batch");
        }

        for (var i = 0; i < Schema.Fields.Count; i++)
        {
            if (!Schema.Fields[i].Type.Equals(batchSchema.Fields[i].Type))
            {
                throw new ArgumentException(
                    $"Column {i} ('{batchSchema.Fields[i].Name}') has type {batchSchema.Fields[i].Type}; the writer's schema says {Schema.Fields[i].Type}.",
                    "batch");
            }
        }
    }
}
