using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using Ferry.Files.Streams;

namespace Ferry.Files.Encryption;

/// <summary>
/// Decrypts a Ferry encrypted file chunk by chunk. A chunk's plaintext is handed out only after its tag verified, so a
/// reader never sees a byte of a damaged chunk; the first chunk that fails stops the read with a
/// <see cref="FileIntegrityException"/> naming it. A chunk is the last one when the file ends right after it, and it
/// must then authenticate as final: a file cut at a chunk boundary is reported as truncated, extra bytes after the
/// final chunk as tampering.
/// </summary>
internal sealed class DecryptingStream : ReadOnlyStreamBase
{
    private readonly Stream _input;
    private readonly string _name;
    private readonly bool _strict;
    private readonly EncryptionHeader _header;
    private readonly AesGcm _aes;
    private readonly byte[] _cipher;
    private readonly byte[] _plain;
    private readonly byte[] _next = new byte[EncryptionHeader.ChunkPrefixLength];
    private int _nextFilled = -1;
    private int _plainStart;
    private int _plainEnd;
    private uint _index;
    private long _offset;
    private bool _ended;
    private bool _disposed;

    /// <param name="input">The encrypted bytes, from the start of the header.</param>
    /// <param name="key">The key.</param>
    /// <param name="name">The file name for messages.</param>
    /// <param name="strict">Report a missing final chunk (false only to recover a file whose writer never finished).</param>
    public DecryptingStream(Stream input, EncryptionKey key, string name, bool strict)
    {
        _input = input;
        _name = name;
        _strict = strict;
        _header = EncryptionHeader.Read(input, name);
        Span<byte> check = stackalloc byte[EncryptionHeader.KeyCheckLength];
        key.ComputeKeyCheck(_header.NoncePrefix, check);
        if (!CryptographicOperations.FixedTimeEquals(check, _header.KeyCheck))
        {
            throw new FileIntegrityException(
                FileIntegrityProblem.WrongKey,
                $"{name} was encrypted with another key: the file names key id '{_header.KeyId}', the key supplied ('{key.KeyId}') does not match it. Nothing was decrypted.",
                byteOffset: 0);
        }

        _aes = new AesGcm(key.Bytes, EncryptionHeader.TagLength);
        _cipher = ArrayPool<byte>.Shared.Rent(_header.ChunkSize + EncryptionHeader.TagLength);
        _plain = ArrayPool<byte>.Shared.Rent(_header.ChunkSize);
        _offset = _header.Bytes.Length;
    }

    /// <summary>The key id the file's header names.</summary>
    public string KeyId => _header.KeyId;

    public override int Read(Span<byte> buffer)
    {
        while (_plainStart == _plainEnd)
        {
            if (_ended || buffer.IsEmpty)
            {
                return 0;
            }

            LoadChunk();
        }

        var n = Math.Min(buffer.Length, _plainEnd - _plainStart);
        _plain.AsSpan(_plainStart, n).CopyTo(buffer);
        _plainStart += n;
        return n;
    }

    private void LoadChunk()
    {
        var chunkOffset = _offset;
        Span<byte> prefix = stackalloc byte[EncryptionHeader.ChunkPrefixLength];
        int got;
        if (_nextFilled >= 0)
        {
            _next.AsSpan(0, _nextFilled).CopyTo(prefix);
            got = _nextFilled;
            _nextFilled = -1;
        }
        else
        {
            got = _input.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        }

        if (got == 0)
        {
            // Only reached before the first chunk: every later chunk knows from its look-ahead whether it is the last.
            EndEarly($"{_name}: the encrypted file has a header but no chunk; it was cut after byte {chunkOffset:N0}.", chunkOffset);
            return;
        }

        if (got < prefix.Length)
        {
            EndEarly($"{_name}: the encrypted file is truncated inside the length of chunk {_index} at byte {chunkOffset:N0}.", chunkOffset);
            return;
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(prefix);
        if (length > (uint)_header.ChunkSize)
        {
            throw new FileIntegrityException(
                FileIntegrityProblem.TamperedChunk,
                $"{_name}: chunk {_index} at byte {chunkOffset:N0} claims {length:N0} bytes, more than the chunk size {_header.ChunkSize:N0}: the file was altered or damaged. Nothing from this chunk on is read.",
                _index,
                chunkOffset);
        }

        var body = (int)length + EncryptionHeader.TagLength;
        if (_input.ReadAtLeast(_cipher.AsSpan(0, body), body, throwOnEndOfStream: false) < body)
        {
            EndEarly($"{_name}: the encrypted file is truncated inside chunk {_index} (starting at byte {chunkOffset:N0}). Nothing from this chunk on is read.", chunkOffset);
            return;
        }

        _offset += EncryptionHeader.ChunkPrefixLength + body;
        var ahead = _input.ReadAtLeast(_next, _next.Length, throwOnEndOfStream: false);
        _nextFilled = ahead;
        var last = ahead == 0;
        if (!last && ahead < _next.Length && !_strict)
        {
            // Recovering an unfinished file: a partial length after this chunk is where the writer stopped.
            last = true;
            _nextFilled = 0;
        }

        if (TryDecrypt(length, final: last))
        {
            _plainStart = 0;
            _plainEnd = (int)length;
            _index++;
            _ended = last;
            return;
        }

        if (TryDecrypt(length, final: !last))
        {
            if (last)
            {
                // Authentic, but not the final chunk: the rest of the file is missing.
                _plainStart = 0;
                _plainEnd = (int)length;
                _index++;
                _ended = true;
                if (_strict)
                {
                    _plainEnd = 0;
                    throw new FileIntegrityException(
                        FileIntegrityProblem.TruncatedEncryption,
                        $"{_name}: the encrypted file is truncated: it ends after chunk {_index - 1} (byte {_offset:N0}), which is not the final chunk. The data after it is missing; nothing from chunk {_index - 1} on is read.",
                        _index - 1,
                        _offset);
                }

                return;
            }

            throw new FileIntegrityException(
                FileIntegrityProblem.TamperedChunk,
                $"{_name}: chunk {_index} (byte {chunkOffset:N0}) is the final chunk, yet more bytes follow it: the file was altered.",
                _index,
                chunkOffset);
        }

        throw new FileIntegrityException(
            FileIntegrityProblem.TamperedChunk,
            _index == 0
                ? $"{_name}: chunk 0 (bytes {chunkOffset:N0}..{_offset - 1:N0}) failed authentication: the header or the chunk was altered or damaged. Nothing was decrypted."
                : $"{_name}: chunk {_index} (bytes {chunkOffset:N0}..{_offset - 1:N0}) failed authentication: the file was altered or damaged. Data from chunks 0..{_index - 1} was read; nothing from chunk {_index} on is.",
            _index,
            chunkOffset);
    }

    private bool TryDecrypt(uint length, bool final)
    {
        Span<byte> nonce = stackalloc byte[EncryptionHeader.NonceLength];
        Span<byte> aad = stackalloc byte[33];
        _header.Nonce(_index, nonce);
        _header.AssociatedData(final, aad);
        try
        {
            _aes.Decrypt(
                nonce,
                _cipher.AsSpan(0, (int)length),
                _cipher.AsSpan((int)length, EncryptionHeader.TagLength),
                _plain.AsSpan(0, (int)length),
                aad);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    private void EndEarly(string message, long offset)
    {
        if (_strict)
        {
            throw new FileIntegrityException(FileIntegrityProblem.TruncatedEncryption, message, _index, offset);
        }

        _ended = true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _aes.Dispose();
            CryptographicOperations.ZeroMemory(_plain);
            ArrayPool<byte>.Shared.Return(_cipher);
            ArrayPool<byte>.Shared.Return(_plain);
            _input.Dispose();
        }

        base.Dispose(disposing);
    }
}
