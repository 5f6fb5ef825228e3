using Ferry.Arrow.Ipc;

namespace Ferry.Arrow;

/// <summary>
/// Writes the Arrow IPC stream format: schema message, then dictionary and record batch messages,
/// then the end-of-stream marker written by <see cref="Finish"/>. Body buffers are copied from the
/// arrays straight to the stream; nothing is staged. Not thread-safe.
/// </summary>
public sealed class ArrowStreamWriter : IDisposable, IAsyncDisposable
{
    private readonly IpcWriterCore _core;
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private bool _finished;
    private bool _disposed;

    /// <summary>Creates a writer; nothing is written until the first batch or <see cref="Finish"/>.</summary>
    /// <param name="stream">A writable stream (need not be seekable).</param>
    /// <param name="schema">The schema of every batch.</param>
    /// <param name="options">Options, or null for <see cref="ArrowWriterOptions.Default"/>.</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open on dispose.</param>
    public ArrowStreamWriter(Stream stream, Schema schema, ArrowWriterOptions? options = null, bool leaveOpen = false)
    {
        _core = new IpcWriterCore(stream, schema, options ?? ArrowWriterOptions.Default, false);
        _stream = stream;
        _leaveOpen = leaveOpen;
    }

    /// <summary>The schema.</summary>
    public Schema Schema => _core.Schema;

    /// <summary>Writes a record batch, preceded by the schema (first time) and any new or changed
    /// dictionaries (a growing dictionary is sent as a delta, a different one as a replacement).</summary>
    public void WriteRecordBatch(RecordBatch batch)
    {
        CheckOpen();
        var messages = _core.Prepare(batch);
        if (!_core.SchemaWritten)
        {
            _core.Write(_core.PrepareSchema());
        }

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
        if (!_core.SchemaWritten)
        {
            await _core.WriteAsync(_core.PrepareSchema(), cancellationToken).ConfigureAwait(false);
        }

        foreach (var m in messages)
        {
            await _core.WriteAsync(m, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the schema (if no batch was written) and the end-of-stream marker, then flushes.</summary>
    public void Finish()
    {
        CheckOpen();
        if (!_core.SchemaWritten)
        {
            _core.Write(_core.PrepareSchema());
        }

        _core.WriteRaw(IpcWriterCore.EndOfStream());
        _stream.Flush();
        _finished = true;
    }

    /// <inheritdoc cref="Finish"/>
    public async ValueTask FinishAsync(CancellationToken cancellationToken = default)
    {
        CheckOpen();
        if (!_core.SchemaWritten)
        {
            await _core.WriteAsync(_core.PrepareSchema(), cancellationToken).ConfigureAwait(false);
        }

        await _core.WriteRawAsync(IpcWriterCore.EndOfStream(), cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        _finished = true;
    }

    /// <summary>Closes the stream unless leaveOpen. Does not call <see cref="Finish"/>: a stream
    /// abandoned after an error must not look complete.</summary>
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

    private void CheckOpen()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_finished)
        {
            throw new InvalidOperationException("The stream is already finished.");
        }
    }
}
