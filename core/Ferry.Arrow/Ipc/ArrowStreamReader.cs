using System.Collections;
using System.Runtime.CompilerServices;
using Ferry.Arrow.Ipc;

namespace Ferry.Arrow;

/// <summary>
/// Reads the Arrow IPC stream format. Over a <see cref="ReadOnlyMemory{T}"/> the arrays point into
/// that memory (zero-copy); over a <see cref="Stream"/> each message body is read into one buffer
/// that the batch's arrays share. Enumerating the reader yields the remaining batches once
/// (single pass). Not thread-safe.
/// </summary>
public sealed class ArrowStreamReader : IEnumerable<RecordBatch>, IAsyncEnumerable<RecordBatch>, IDisposable
{
    private readonly MessageStream _messages;
    private readonly ArrowReaderOptions _options;
    private IpcDecoder? _decoder;
    private bool _ended;
    private bool _disposed;

    /// <summary>Reads from a stream (need not be seekable).</summary>
    /// <param name="stream">The input.</param>
    /// <param name="options">Options, or null for <see cref="ArrowReaderOptions.Default"/>.</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open on dispose.</param>
    public ArrowStreamReader(Stream stream, ArrowReaderOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _messages = new MessageStream.FromStream(stream, leaveOpen);
        _options = options ?? ArrowReaderOptions.Default;
    }

    /// <summary>Reads from memory without copying: the arrays share <paramref name="data"/>.</summary>
    /// <param name="data">The whole stream.</param>
    /// <param name="options">Options, or null for <see cref="ArrowReaderOptions.Default"/>.</param>
    public ArrowStreamReader(ReadOnlyMemory<byte> data, ArrowReaderOptions? options = null)
    {
        _messages = new MessageStream.FromMemory(data);
        _options = options ?? ArrowReaderOptions.Default;
    }

    /// <summary>The schema (reads the schema message on first access).</summary>
    /// <exception cref="InvalidDataException">The input is not an Arrow stream.</exception>
    /// <exception cref="ArrowNotSupportedException">The schema uses a type this library does not read.</exception>
    public Schema Schema => (_decoder ??= ReadSchemaMessage(_messages.Next(_options.MaxMetadataLength))).Schema;

    /// <summary>Reads the schema message if it has not been read yet.</summary>
    public async ValueTask<Schema> ReadSchemaAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _decoder ??= ReadSchemaMessage(await _messages.NextAsync(_options.MaxMetadataLength, cancellationToken).ConfigureAwait(false));
        return _decoder.Schema;
    }

    /// <summary>The next record batch (after applying any dictionary batches before it), or null at the end.</summary>
    public RecordBatch? ReadNextRecordBatch()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var decoder = _decoder ??= ReadSchemaMessage(_messages.Next(_options.MaxMetadataLength));
        while (!_ended)
        {
            var batch = Handle(decoder, _messages.Next(_options.MaxMetadataLength));
            if (batch is not null)
            {
                return batch;
            }
        }

        return null;
    }

    /// <inheritdoc cref="ReadNextRecordBatch"/>
    public async ValueTask<RecordBatch?> ReadNextRecordBatchAsync(CancellationToken cancellationToken = default)
    {
        await ReadSchemaAsync(cancellationToken).ConfigureAwait(false);
        while (!_ended)
        {
            var batch = Handle(_decoder!, await _messages.NextAsync(_options.MaxMetadataLength, cancellationToken).ConfigureAwait(false));
            if (batch is not null)
            {
                return batch;
            }
        }

        return null;
    }

    /// <summary>The remaining batches, read one at a time.</summary>
    public IEnumerator<RecordBatch> GetEnumerator()
    {
        while (ReadNextRecordBatch() is { } batch)
        {
            yield return batch;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The remaining batches, read asynchronously one at a time.</summary>
    public async IAsyncEnumerator<RecordBatch> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        while (await ReadNextRecordBatchAsync(cancellationToken).ConfigureAwait(false) is { } batch)
        {
            yield return batch;
        }
    }

    /// <summary>The remaining batches, read asynchronously (with cancellation).</summary>
    public async IAsyncEnumerable<RecordBatch> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await ReadNextRecordBatchAsync(cancellationToken).ConfigureAwait(false) is { } batch)
        {
            yield return batch;
        }
    }

    /// <summary>Closes the stream unless it was opened with leaveOpen. Arrays already read stay valid.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _messages.Dispose();
        }
    }

    private IpcDecoder ReadSchemaMessage((IpcMessage Message, ReadOnlyMemory<byte> Body)? next)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (next is not { } m)
        {
            throw IpcErrors.Invalid("the stream is empty (no schema message).");
        }

        if (m.Message.HeaderType != Fb.HeaderSchema)
        {
            throw IpcErrors.Invalid("the stream does not start with a schema message.");
        }

        return new IpcDecoder(m.Message.Header, _options);
    }

    private RecordBatch? Handle(IpcDecoder decoder, (IpcMessage Message, ReadOnlyMemory<byte> Body)? next)
    {
        if (next is not { } m)
        {
            _ended = true;
            return null;
        }

        switch (m.Message.HeaderType)
        {
            case Fb.HeaderRecordBatch:
                return decoder.ReadRecordBatch(m.Message.Header, m.Body);
            case Fb.HeaderDictionaryBatch:
                decoder.ReadDictionaryBatch(m.Message.Header, m.Body, isFile: false);
                return null;
            default:
                throw IpcErrors.Invalid("a second schema message appears in the stream.");
        }
    }
}
