namespace Ferry.Frame.Storage;

/// <summary>
/// A write-only stream over a new file that counts the bytes and computes their CRC-32C as they pass, so a file's
/// size and checksum for the manifest cost no second read. <see cref="Commit"/> flushes to stable storage.
/// </summary>
internal sealed class ChecksumWriteStream : Stream
{
    private const int BufferSize = 1 << 20;
    private readonly FileStream _file;
    private Crc32C _crc = new();
    private long _length;

    public ChecksumWriteStream(string path)
    {
        Path = path;
        _file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = BufferSize,
        });
    }

    public string Path { get; }

    public string Checksum => _crc.ToManifestString();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _crc.Append(buffer);
        _length += buffer.Length;
        _file.Write(buffer);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _crc.Append(buffer.Span);
        _length += buffer.Length;
        await _file.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => _file.Flush();

    /// <summary>Flushes the file to stable storage (fsync): a manifest may name it afterwards.</summary>
    public void Commit() => _file.Flush(flushToDisk: true);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
