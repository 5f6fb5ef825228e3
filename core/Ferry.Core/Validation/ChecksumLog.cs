using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Ferry.Core.Checkpoints;
using Ferry.Sdk.Records;

namespace Ferry.Core.Validation;

/// <summary>
/// The source side of full validation, recorded while migrating: for every record durably written, its target
/// id and <see cref="RecordChecksum"/>, appended to a binary file (entry: u16 little-endian id length, UTF-8 id,
/// 16 checksum bytes). Like the dead-letter file it reaches the disk right before each checkpoint, which
/// stores its length; a resumed run cuts it back to that length and appends. After the run it is streamed in
/// batches and compared with the target read by ids, so full validation never re-reads the source.
/// </summary>
public sealed class ChecksumLog
{
    private readonly Lock _gate = new();
    private ArrayBufferWriter<byte> _pending = new(64 * 1024);
    private long _durableLength;

    /// <summary>Opens the log; an existing file is cut back to <paramref name="keepLength"/> (0 empties it).</summary>
    public ChecksumLog(string path, long keepLength)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        if (File.Exists(Path))
        {
            DurableFile.TruncateTo(Path, keepLength);
            _durableLength = new FileInfo(Path).Length;
        }
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The durable length.</summary>
    public long Length
    {
        get
        {
            lock (_gate)
            {
                return _durableLength;
            }
        }
    }

    /// <summary>Buffers one entry.</summary>
    public void Add(string id, ReadOnlySpan<byte> checksum)
    {
        ArgumentNullException.ThrowIfNull(id);
        var idBytes = Encoding.UTF8.GetByteCount(id);
        if (idBytes > ushort.MaxValue)
        {
            throw new ArgumentException($"Record id is too long for the checksum log ({idBytes} bytes).", nameof(id));
        }

        lock (_gate)
        {
            var span = _pending.GetSpan(2 + idBytes + RecordChecksum.Size);
            BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)idBytes);
            Encoding.UTF8.GetBytes(id, span[2..]);
            checksum[..RecordChecksum.Size].CopyTo(span[(2 + idBytes)..]);
            _pending.Advance(2 + idBytes + RecordChecksum.Size);
        }
    }

    /// <summary>Appends what is buffered and flushes it to disk.</summary>
    public void Flush()
    {
        ArrayBufferWriter<byte> toWrite;
        lock (_gate)
        {
            toWrite = _pending;
            _pending = new ArrayBufferWriter<byte>(64 * 1024);
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(toWrite.WrittenSpan);
        stream.Flush(flushToDisk: true);
        lock (_gate)
        {
            _durableLength = stream.Length;
        }
    }

    /// <summary>Reads a log file in batches of up to <paramref name="batchSize"/> entries, stopping at <paramref name="length"/> bytes.</summary>
    public static IAsyncEnumerable<IReadOnlyList<(string Id, byte[] Checksum)>> ReadAsync(string path, long length, int batchSize, CancellationToken cancellationToken) =>
        ReadAsync(path, 0, length, batchSize, cancellationToken);

    /// <summary>
    /// Reads the entries between byte offsets <paramref name="from"/> and <paramref name="to"/>, in batches of up to
    /// <paramref name="batchSize"/>. Both offsets must be entry boundaries, as every durable length is.
    /// </summary>
    public static async IAsyncEnumerable<IReadOnlyList<(string Id, byte[] Checksum)>> ReadAsync(string path, long from, long to, int batchSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            var limit = Math.Min(to, stream.Length);
            var position = Math.Min(from, limit);
            stream.Position = position;
            var buffer = new byte[1 << 16];
            var filled = 0;
            var batch = new List<(string, byte[])>(batchSize);
            while (position < limit || filled > 0)
            {
                if (position < limit)
                {
                    var want = (int)Math.Min(buffer.Length - filled, limit - position);
                    var read = await stream.ReadAsync(buffer.AsMemory(filled, want), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    filled += read;
                    position += read;
                }

                var offset = 0;
                while (filled - offset >= 2)
                {
                    var idLength = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(offset));
                    var entry = 2 + idLength + RecordChecksum.Size;
                    if (filled - offset < entry)
                    {
                        break;
                    }

                    var id = Encoding.UTF8.GetString(buffer, offset + 2, idLength);
                    var checksum = buffer.AsSpan(offset + 2 + idLength, RecordChecksum.Size).ToArray();
                    batch.Add((id, checksum));
                    offset += entry;
                    if (batch.Count == batchSize)
                    {
                        yield return batch;
                        batch = new List<(string, byte[])>(batchSize);
                    }
                }

                if (offset == 0 && position >= limit)
                {
                    // A torn entry at the end (never produced by a clean flush): ignore it.
                    break;
                }

                buffer.AsSpan(offset, filled - offset).CopyTo(buffer);
                filled -= offset;
            }

            if (batch.Count > 0)
            {
                yield return batch;
            }
        }
    }
}
