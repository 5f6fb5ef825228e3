using System.Buffers.Binary;
using Ferry.Arrow.Ipc;

namespace Ferry.Arrow;

/// <summary>
/// Writes the Arrow IPC file format: magic <c>ARROW1</c>, the stream format, then a footer with the
/// schema and the position of every dictionary and record batch, written by <see cref="Finish"/>.
/// The stream need not be seekable. Within a file a dictionary may only grow (delta batches);
/// replacing it throws, as the format forbids it. Not thread-safe.
/// </summary>
public sealed class ArrowFileWriter : IDisposable, IAsyncDisposable
{
    private static readonly byte[] Magic = "ARROW1\0\0"u8.ToArray();
    private readonly IpcWriterCore _core;
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private bool _started;
    private bool _finished;
    private bool _disposed;

    /// <summary>Creates a writer; nothing is written until the first batch or <see cref="Finish"/>.</summary>
    /// <param name="stream">A writable stream (need not be seekable).</param>
    /// <param name="schema">The schema of every batch.</param>
    /// <param name="options">Options, or null for <see cref="ArrowWriterOptions.Default"/>.</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open on dispose.</param>
    public ArrowFileWriter(Stream stream, Schema schema, ArrowWriterOptions? options = null, bool leaveOpen = false)
    {
        _core = new IpcWriterCore(stream, schema, options ?? ArrowWriterOptions.Default, true);
        _stream = stream;
        _leaveOpen = leaveOpen;
    }

    /// <summary>The schema.</summary>
    public Schema Schema => _core.Schema;

    /// <summary>Number of record batches written so far.</summary>
    public int RecordBatchCount => _core.RecordBlocks.Count;

    /// <summary>Writes a record batch (and any new dictionary values before it).</summary>
    /// <exception cref="InvalidOperationException">A dictionary changed in a way other than growing.</exception>
    public void WriteRecordBatch(RecordBatch batch)
    {
        CheckOpen();
        var messages = _core.Prepare(batch);
        Start();
        foreach (var m in messages)
        {
            _core.Write(m);
        }
    }

    /// <inheritdoc cref="WriteRecordBatch"/>
    public async ValueTask WriteRecordBatchAsync(RecordBatch batch, CancellationToken cancellationToken = default)
    {
        CheckOpen();
        var messages = _core.Prepare(batch);
        await StartAsync(cancellationToken).ConfigureAwait(false);
        foreach (var m in messages)
        {
            await _core.WriteAsync(m, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the end-of-stream marker, the footer and the closing magic, then flushes.</summary>
    public void Finish()
    {
        CheckOpen();
        Start();
        _core.WriteRaw(IpcWriterCore.EndOfStream());
        _core.WriteRaw(Trailer());
        _stream.Flush();
        _finished = true;
    }

    /// <inheritdoc cref="Finish"/>
    public async ValueTask FinishAsync(CancellationToken cancellationToken = default)
    {
        CheckOpen();
        await StartAsync(cancellationToken).ConfigureAwait(false);
        await _core.WriteRawAsync(IpcWriterCore.EndOfStream(), cancellationToken).ConfigureAwait(false);
        await _core.WriteRawAsync(Trailer(), cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        _finished = true;
    }

    /// <summary>Closes the stream unless leaveOpen. Does not call <see cref="Finish"/>: without the
    /// footer an abandoned file is recognisably incomplete.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    /// <inheritdoc cref="Dispose"/>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_leaveOpen)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private byte[] Trailer()
    {
        var footer = MessageSerializer.Footer(_core.Schema, _core.DictionaryBlocks, _core.RecordBlocks, _core.Options.FooterMetadata);
        var trailer = new byte[footer.Length + 4 + 6];
        footer.CopyTo(trailer, 0);
        BinaryPrimitives.WriteInt32LittleEndian(trailer.AsSpan(footer.Length), footer.Length);
        Magic.AsSpan(0, 6).CopyTo(trailer.AsSpan(footer.Length + 4));
        return trailer;
    }

    private void Start()
    {
        if (!_started)
        {
            _started = true;
            _core.WriteRaw(Magic);
            _core.Write(_core.PrepareSchema());
        }
    }

    private async ValueTask StartAsync(CancellationToken cancellationToken)
    {
        if (!_started)
        {
            _started = true;
            await _core.WriteRawAsync(Magic, cancellationToken).ConfigureAwait(false);
            await _core.WriteAsync(_core.PrepareSchema(), cancellationToken).ConfigureAwait(false);
        }
    }

    private void CheckOpen()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_finished)
        {
            throw new InvalidOperationException("The file is already finished.");
        }
    }
}
