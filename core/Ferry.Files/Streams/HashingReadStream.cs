using System.Security.Cryptography;

namespace Ferry.Files.Streams;

/// <summary>Passes reads through while counting the bytes and hashing them with SHA-256 (to check a part against its manifest).</summary>
public sealed class HashingReadStream : Stream
{
    private readonly Stream _inner;
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Wraps <paramref name="inner"/> (which this stream disposes).</summary>
    public HashingReadStream(Stream inner)
    {
        _inner = inner;
    }

    /// <summary>Bytes read so far.</summary>
    public long BytesRead { get; private set; }

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        var n = _inner.Read(buffer);
        if (n > 0)
        {
            _sha256.AppendData(buffer[..n]);
            BytesRead += n;
        }

        return n;
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>Reads what is left (so the hash covers the whole input) and returns the SHA-256 as lower-case hex.</summary>
    public string DrainAndHash()
    {
        var buffer = new byte[81920];
        while (Read(buffer) > 0)
        {
        }

        return Convert.ToHexStringLower(_sha256.GetHashAndReset());
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sha256.Dispose();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
