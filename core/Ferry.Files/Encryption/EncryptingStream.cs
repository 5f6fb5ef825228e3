using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Ferry.Files.Encryption;

/// <summary>
/// Encrypts what is written to it into AES-256-GCM chunks (docs/formats.md, "Encryption"). A chunk holds at most the
/// header's chunk size of plaintext; <see cref="SealPending"/> seals what is buffered as a shorter, non-final chunk so
/// that flushed data is durable and readable; <see cref="Complete"/> seals the final chunk, whose flag in the
/// associated data is what lets a reader detect a file cut at a chunk boundary.
/// </summary>
internal sealed class EncryptingStream : Stream
{
    private readonly Stream _inner;
    private readonly EncryptionHeader _header;
    private readonly AesGcm _aes;
    private readonly byte[] _plain;
    private readonly byte[] _output;
    private int _filled;
    private uint _index;
    private bool _completed;
    private bool _disposed;

    public EncryptingStream(Stream inner, EncryptionKey key, int chunkSize)
    {
        if (chunkSize is < EncryptionHeader.MinChunkSize or > EncryptionHeader.MaxChunkSize)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, $"The chunk size must be within {EncryptionHeader.MinChunkSize}..{EncryptionHeader.MaxChunkSize} bytes.");
        }

        _inner = inner;
        _header = EncryptionHeader.Create(key, chunkSize);
        _aes = new AesGcm(key.Bytes, EncryptionHeader.TagLength);
        _plain = ArrayPool<byte>.Shared.Rent(chunkSize);
        _output = ArrayPool<byte>.Shared.Rent(EncryptionHeader.ChunkPrefixLength + chunkSize + EncryptionHeader.TagLength);
        _inner.Write(_header.Bytes);
        BytesWritten = _header.Bytes.Length;
    }

    /// <summary>Bytes handed to the inner stream so far (header and sealed chunks).</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Plaintext bytes buffered, not yet sealed into a chunk.</summary>
    public int Pending => _filled;

    /// <summary>Bytes the chunk framing adds per chunk (length prefix and tag).</summary>
    public static int ChunkOverhead => EncryptionHeader.ChunkPrefixLength + EncryptionHeader.TagLength;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException("The encrypted stream is complete; nothing can be written after the final chunk.");
        }

        while (!buffer.IsEmpty)
        {
            if (_filled == _header.ChunkSize)
            {
                // A full chunk is sealed only once more data arrives: until then it may still be the final one.
                Seal(final: false);
            }

            var take = Math.Min(buffer.Length, _header.ChunkSize - _filled);
            buffer[..take].CopyTo(_plain.AsSpan(_filled));
            _filled += take;
            buffer = buffer[take..];
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void WriteByte(byte value) => Write([value]);

    /// <summary>
    /// Flushes the inner stream without sealing: a compressor above flushes often, and every seal costs a chunk's
    /// framing. <see cref="SealPending"/> makes buffered plaintext durable.
    /// </summary>
    public override void Flush() => _inner.Flush();

    /// <summary>Seals the buffered plaintext as a (possibly short) non-final chunk, so that it reaches the file.</summary>
    public void SealPending()
    {
        if (!_completed && _filled > 0)
        {
            Seal(final: false);
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Flush();
        return Task.CompletedTask;
    }

    /// <summary>Seals the final chunk (possibly empty). Nothing can be written afterwards.</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        Seal(final: true);
        _completed = true;
        _inner.Flush();
    }

    private void Seal(bool final)
    {
        if (_index == uint.MaxValue)
        {
            throw new IOException("The encrypted file has reached the limit of 2^32 chunks; use a larger chunk size or split the output.");
        }

        Span<byte> nonce = stackalloc byte[EncryptionHeader.NonceLength];
        Span<byte> aad = stackalloc byte[33];
        _header.Nonce(_index, nonce);
        _header.AssociatedData(final, aad);
        var length = _filled;
        BinaryPrimitives.WriteUInt32LittleEndian(_output, (uint)length);
        var cipher = _output.AsSpan(EncryptionHeader.ChunkPrefixLength, length);
        var tag = _output.AsSpan(EncryptionHeader.ChunkPrefixLength + length, EncryptionHeader.TagLength);
        _aes.Encrypt(nonce, _plain.AsSpan(0, length), cipher, tag, aad);
        var total = EncryptionHeader.ChunkPrefixLength + length + EncryptionHeader.TagLength;
        _inner.Write(_output, 0, total);
        BytesWritten += total;
        _filled = 0;
        _index++;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Releases buffers and closes the inner stream; does not seal a final chunk (call <see cref="Complete"/> first).</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _aes.Dispose();
            CryptographicOperations.ZeroMemory(_plain);
            ArrayPool<byte>.Shared.Return(_plain);
            ArrayPool<byte>.Shared.Return(_output);
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
