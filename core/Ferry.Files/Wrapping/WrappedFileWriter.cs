using System.IO.Compression;
using Ferry.Files.Compression;
using Ferry.Files.Encryption;
using Ferry.Files.Streams;

namespace Ferry.Files.Wrapping;

/// <summary>
/// Writes one file through its wrappers: the format writes into <see cref="Stream"/>, which compresses, encrypts,
/// counts and hashes on the way to disk. <see cref="Flush"/> pushes everything written so far to disk in a readable
/// state (a compressor sync flush, a short encrypted chunk, fsync) without ending the file; <see cref="Complete"/>
/// ends it (gzip trailer or Brotli last block, final encrypted chunk) and returns its size and SHA-256;
/// <see cref="Abandon"/> closes it as it is, for a writer that failed and will be recovered later.
/// </summary>
public sealed class WrappedFileWriter : IDisposable
{
    private const int FileBufferSize = 64 * 1024;

    private readonly FileStream _file;
    private readonly CountingWriteStream _disk;
    private readonly EncryptingStream? _encryption;
    private readonly Stream? _compression;
    private readonly CountingWriteStream _payload;
    private long _payloadAtSync;
    private bool _closed;

    private WrappedFileWriter(string path, FileStream file, WriteSettings settings)
    {
        Path = path;
        Settings = settings;
        _file = file;
        _disk = new CountingWriteStream(file, hash: true, leaveOpen: true);
        Stream top = _disk;
        if (settings.Encryption is not null)
        {
            _encryption = new EncryptingStream(_disk, settings.Encryption, settings.ChunkSize);
            top = _encryption;
        }

        _compression = settings.Compression switch
        {
            CompressionKind.Gzip => new GZipStream(top, settings.CompressionLevel, leaveOpen: true),
            CompressionKind.Brotli => new BrotliStream(top, settings.CompressionLevel, leaveOpen: true),
            _ => null,
        };
        _payload = new CountingWriteStream(_compression ?? top, hash: false, leaveOpen: true);
    }

    /// <summary>The file being written.</summary>
    public string Path { get; }

    /// <summary>The wrappers.</summary>
    public WriteSettings Settings { get; }

    /// <summary>Where the format writes: bytes go through compression and encryption to the file.</summary>
    public Stream Stream => _payload;

    /// <summary>Bytes the format has written (before compression and encryption).</summary>
    public long PayloadBytes => _payload.BytesWritten;

    /// <summary>Bytes on disk so far (data held inside the compressor or an open encrypted chunk is not yet counted).</summary>
    public long FileBytes => _disk.BytesWritten;

    /// <summary>
    /// A bound on the file size if the file were completed now with <paramref name="extraPayload"/> more bytes: bytes
    /// on disk, plus what the encryption layer holds, plus the payload the compressor may still hold (compression
    /// never expands data by more than its block overhead, which is included), plus the trailers. To keep the bound
    /// tight, the compressor is sync-flushed whenever it may hold more than <paramref name="syncEvery"/> bytes. A
    /// splitter compares the result with its byte limit before each record.
    /// </summary>
    public long ProjectedBytes(long extraPayload, long syncEvery)
    {
        if (_compression is null)
        {
            return _encryption is null
                ? _disk.BytesWritten + extraPayload
                : EncryptedSize(_disk.BytesWritten, _encryption.Pending + extraPayload);
        }

        if (_payload.BytesWritten - _payloadAtSync > syncEvery)
        {
            _compression.Flush();
            _payloadAtSync = _payload.BytesWritten;
        }

        // Everything before the last sync is out of the compressor; what came after may still be inside it.
        var pending = _payload.BytesWritten - _payloadAtSync + extraPayload;
        var compressed = pending + (pending / 16384 * 5) + 64;
        return _encryption is null
            ? _disk.BytesWritten + compressed
            : EncryptedSize(_disk.BytesWritten, _encryption.Pending + compressed);
    }

    private long EncryptedSize(long sealedBytes, long plaintext) =>
        sealedBytes + plaintext + (((plaintext / Settings.ChunkSize) + 2) * EncryptingStream.ChunkOverhead);

    /// <summary>Creates the file (it must not exist, or it is replaced when <paramref name="replace"/> is set).</summary>
    public static WrappedFileWriter Create(string path, WriteSettings settings, bool replace = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(settings);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var file = new FileStream(path, replace ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, FileShare.Read, FileBufferSize);
        try
        {
            return new WrappedFileWriter(path, file, settings);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Makes everything written so far durable and readable by a non-strict reader: compressor sync flush, a short
    /// encrypted chunk, fsync. The file stays open; it is not yet a complete file.
    /// </summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        _payload.Flush();
        if (_compression is not null)
        {
            _compression.Flush();
            _payloadAtSync = _payload.BytesWritten;
        }

        _encryption?.SealPending();
        _disk.Flush();
        _file.Flush(flushToDisk: true);
    }

    /// <summary>Ends the file (compression trailer, final encrypted chunk), syncs it to disk and closes it.</summary>
    public WrittenFile Complete()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        _payload.Flush();
        _compression?.Dispose();
        _encryption?.Complete();
        _disk.Flush();
        _file.Flush(flushToDisk: true);
        var result = new WrittenFile(Path, _disk.BytesWritten, _disk.Sha256Hex(), _payload.BytesWritten);
        Close();
        return result;
    }

    /// <summary>Closes the file without ending it; what was flushed stays recoverable.</summary>
    public void Abandon()
    {
        if (!_closed)
        {
            Close();
        }
    }

    /// <summary>Same as <see cref="Abandon"/>.</summary>
    public void Dispose() => Abandon();

    private void Close()
    {
        _closed = true;
        _payload.Dispose();
        try
        {
            // After Complete this is a no-op; when abandoning it frees the native compressor (what it still
            // writes lies after the last flush, which recovery never reads).
            _compression?.Dispose();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The file is being abandoned after a failure; a second failure changes nothing.
        }

        _encryption?.Dispose();
        _disk.Dispose();
        try
        {
            _file.Dispose();
        }
        catch (IOException)
        {
            // Closing after a failed write may fail again; the file is abandoned either way.
        }
    }
}
