using System.Buffers.Binary;
using Ferry.Arrow.FlatBuffers;
using Ferry.Arrow.Ipc;
using Ferry.Arrow.Memory;

namespace Ferry.Arrow;

/// <summary>
/// Reads the Arrow IPC file format with random access to record batch <c>i</c>. Over memory or a
/// memory-mapped file (<see cref="OpenFile"/>) arrays point straight into the file bytes: reading a
/// batch copies no vector data. Dictionaries are loaded once, on the first batch read; after that,
/// <see cref="ReadRecordBatch"/> may be called from several threads.
/// </summary>
public sealed class ArrowFileReader : IDisposable
{
    private const int TrailerLength = 10; // int32 footer length + "ARROW1"
    private readonly RandomAccessSource _source;
    private readonly ArrowReaderOptions _options;
    private readonly IpcDecoder _decoder;
    private readonly Block[] _dictionaryBlocks;
    private readonly Block[] _recordBlocks;
    private readonly SemaphoreSlim _dictionaryGate = new(1, 1);
    private volatile bool _dictionariesLoaded;
    private bool _disposed;

    /// <summary>Reads a file held in memory (e.g. <see cref="File.ReadAllBytes"/>) without copying.</summary>
    /// <param name="data">The whole file.</param>
    /// <param name="options">Options, or null for <see cref="ArrowReaderOptions.Default"/>.</param>
    /// <exception cref="InvalidDataException">The data is not an Arrow file.</exception>
    /// <exception cref="ArrowNotSupportedException">The schema uses a type this library does not read.</exception>
    public ArrowFileReader(ReadOnlyMemory<byte> data, ArrowReaderOptions? options = null)
        : this(new RandomAccessSource.MemorySource(data), options)
    {
    }

    /// <summary>Reads from a seekable stream; each batch read copies its body into a new buffer.</summary>
    /// <param name="stream">A readable, seekable stream.</param>
    /// <param name="options">Options, or null for <see cref="ArrowReaderOptions.Default"/>.</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open on dispose.</param>
    /// <exception cref="InvalidDataException">The data is not an Arrow file.</exception>
    /// <exception cref="ArrowNotSupportedException">The schema uses a type this library does not read.</exception>
    public ArrowFileReader(Stream stream, ArrowReaderOptions? options = null, bool leaveOpen = false)
        : this(new RandomAccessSource.StreamSource(stream, leaveOpen), options)
    {
    }

    private ArrowFileReader(RandomAccessSource source, ArrowReaderOptions? options)
    {
        _source = source;
        _options = options ?? ArrowReaderOptions.Default;
        try
        {
            (_decoder, _dictionaryBlocks, _recordBlocks, FooterMetadata) = ReadFooter();
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>The schema (from the footer).</summary>
    public Schema Schema => _decoder.Schema;

    /// <summary>Number of record batches in the file.</summary>
    public int RecordBatchCount => _recordBlocks.Length;

    /// <summary>Custom metadata of the footer; empty when there is none.</summary>
    public IReadOnlyDictionary<string, string> FooterMetadata { get; }

    /// <summary>
    /// Opens a file memory-mapped (read-only). Arrays point into the mapping; it stays mapped while
    /// any array read from it is reachable (it is released by the garbage collector, not by
    /// <see cref="Dispose"/>), so arrays remain valid after the reader is disposed.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not an Arrow file.</exception>
    /// <exception cref="ArrowNotSupportedException">The schema uses a type this library does not read.</exception>
    public static ArrowFileReader OpenFile(string path, ArrowReaderOptions? options = null) =>
        new(new RandomAccessSource.MappedSource(MappedFile.Open(path)), options);

    /// <summary>Reads record batch <paramref name="index"/> (0-based).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such batch.</exception>
    /// <exception cref="InvalidDataException">The batch is corrupt.</exception>
    public RecordBatch ReadRecordBatch(int index)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _recordBlocks.Length);
        EnsureDictionaries();
        var block = _recordBlocks[index];
        var (message, body) = ReadBlock(block, _source.Read(block.Offset, block.MetadataLength), Fb.HeaderRecordBatch);
        return _decoder.ReadRecordBatch(message.Header, body);
    }

    /// <inheritdoc cref="ReadRecordBatch"/>
    public async ValueTask<RecordBatch> ReadRecordBatchAsync(int index, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _recordBlocks.Length);
        await EnsureDictionariesAsync(cancellationToken).ConfigureAwait(false);
        var block = _recordBlocks[index];
        var metadata = await _source.ReadAsync(block.Offset, block.MetadataLength, cancellationToken).ConfigureAwait(false);
        var message = ParseBlockMessage(block, metadata, Fb.HeaderRecordBatch);
        var body = await _source.ReadAsync(block.Offset + block.MetadataLength, (int)block.BodyLength, cancellationToken).ConfigureAwait(false);
        return _decoder.ReadRecordBatch(message.Header, body);
    }

    /// <summary>Every record batch, in order.</summary>
    public IEnumerable<RecordBatch> ReadAll()
    {
        for (var i = 0; i < _recordBlocks.Length; i++)
        {
            yield return ReadRecordBatch(i);
        }
    }

    /// <summary>Releases the stream (stream sources). Arrays already read stay valid.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _source.Dispose();
            _dictionaryGate.Dispose();
        }
    }

    private (IpcDecoder, Block[], Block[], IReadOnlyDictionary<string, string>) ReadFooter()
    {
        var length = _source.Length;
        if (length < 8 + TrailerLength)
        {
            throw IpcErrors.Invalid($"{length} bytes is too short for an Arrow file.");
        }

        if (!_source.Read(0, 6).Span.SequenceEqual("ARROW1"u8))
        {
            throw IpcErrors.Invalid("the file does not start with the ARROW1 magic (not an Arrow IPC file; an IPC stream needs ArrowStreamReader).");
        }

        var trailer = _source.Read(length - TrailerLength, TrailerLength).Span;
        if (!trailer[4..].SequenceEqual("ARROW1"u8))
        {
            throw IpcErrors.Invalid("the file does not end with the ARROW1 magic (truncated or still being written?).");
        }

        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(trailer);
        var footerStart = length - TrailerLength - footerLength;
        if (footerLength <= 0 || footerStart < 8)
        {
            throw IpcErrors.Invalid($"the footer length {footerLength} does not fit the {length}-byte file.");
        }

        var footer = FlatBufferTable.Root(_source.Read(footerStart, footerLength));
        if (footer.GetInt16(Fb.FooterVersion) < Fb.MetadataV4)
        {
            throw new ArrowNotSupportedException($"Arrow metadata version V{footer.GetInt16(Fb.FooterVersion) + 1} (written before Arrow 1.0) is not supported.");
        }

        var schema = footer.GetTable(Fb.FooterSchema) ?? throw IpcErrors.Invalid("the footer has no schema.");
        var decoder = new IpcDecoder(schema, _options);
        var dictionaries = ReadBlocks(footer, Fb.FooterDictionaries, footerStart);
        var batches = ReadBlocks(footer, Fb.FooterRecordBatches, footerStart);
        var metadata = ArrowMetadata.Create(SchemaParser.ParseMetadata(footer, Fb.FooterCustomMetadata));
        return (decoder, dictionaries, batches, metadata);
    }

    private static Block[] ReadBlocks(FlatBufferTable footer, int slot, long limit)
    {
        var bytes = footer.GetVectorBytes(slot, Fb.BlockSize, out var count);
        var blocks = new Block[count];
        for (var i = 0; i < count; i++)
        {
            var s = bytes.Slice(i * Fb.BlockSize, Fb.BlockSize);
            var offset = BinaryPrimitives.ReadInt64LittleEndian(s);
            var metadataLength = BinaryPrimitives.ReadInt32LittleEndian(s[8..]);
            var bodyLength = BinaryPrimitives.ReadInt64LittleEndian(s[16..]);
            if (offset < 8 || metadataLength < 8 || bodyLength < 0 || offset > limit
                || metadataLength > limit - offset || bodyLength > limit - offset - metadataLength)
            {
                throw IpcErrors.Invalid($"footer block {i} (offset {offset}, metadata {metadataLength}, body {bodyLength}) lies outside the file's data.");
            }

            if (bodyLength > int.MaxValue)
            {
                throw new ArrowNotSupportedException($"A record batch body of {bodyLength} bytes exceeds the {int.MaxValue} Ferry.Arrow reads at once.");
            }

            blocks[i] = new Block(offset, metadataLength, bodyLength);
        }

        return blocks;
    }

    private (IpcMessage, ReadOnlyMemory<byte>) ReadBlock(Block block, ReadOnlyMemory<byte> metadata, byte expected)
    {
        var message = ParseBlockMessage(block, metadata, expected);
        return (message, _source.Read(block.Offset + block.MetadataLength, (int)block.BodyLength));
    }

    private IpcMessage ParseBlockMessage(Block block, ReadOnlyMemory<byte> metadata, byte expected)
    {
        var span = metadata.Span;
        var start = 4;
        long length = BinaryPrimitives.ReadUInt32LittleEndian(span);
        if (length == 0xFFFFFFFF)
        {
            length = BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
            start = 8;
        }

        if (length <= 0 || length > block.MetadataLength - start || length > _options.MaxMetadataLength)
        {
            throw IpcErrors.Invalid($"the message at offset {block.Offset} has metadata length {length}, inconsistent with its block.");
        }

        var message = IpcMessage.Parse(metadata.Slice(start, (int)length));
        if (message.HeaderType != expected)
        {
            throw IpcErrors.Invalid($"the message at offset {block.Offset} is not the kind of message its footer block says.");
        }

        if (message.BodyLength > block.BodyLength)
        {
            throw IpcErrors.Invalid($"the message at offset {block.Offset} declares a {message.BodyLength}-byte body but its block holds {block.BodyLength}.");
        }

        return message;
    }

    private void EnsureDictionaries()
    {
        if (_dictionariesLoaded)
        {
            return;
        }

        _dictionaryGate.Wait();
        try
        {
            if (!_dictionariesLoaded)
            {
                foreach (var block in _dictionaryBlocks)
                {
                    var (message, body) = ReadBlock(block, _source.Read(block.Offset, block.MetadataLength), Fb.HeaderDictionaryBatch);
                    _decoder.ReadDictionaryBatch(message.Header, body, isFile: true);
                }

                _dictionariesLoaded = true;
            }
        }
        finally
        {
            _dictionaryGate.Release();
        }
    }

    private async ValueTask EnsureDictionariesAsync(CancellationToken cancellationToken)
    {
        if (_dictionariesLoaded)
        {
            return;
        }

        await _dictionaryGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_dictionariesLoaded)
            {
                foreach (var block in _dictionaryBlocks)
                {
                    var metadata = await _source.ReadAsync(block.Offset, block.MetadataLength, cancellationToken).ConfigureAwait(false);
                    var message = ParseBlockMessage(block, metadata, Fb.HeaderDictionaryBatch);
                    var body = await _source.ReadAsync(block.Offset + block.MetadataLength, (int)block.BodyLength, cancellationToken).ConfigureAwait(false);
                    _decoder.ReadDictionaryBatch(message.Header, body, isFile: true);
                }

                _dictionariesLoaded = true;
            }
        }
        finally
        {
            _dictionaryGate.Release();
        }
    }
}
