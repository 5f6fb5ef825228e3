using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Ferry.Core.Checkpoints;

namespace Ferry.Core.DeadLetter;

/// <summary>
/// Appends failed records to a JSON Lines file, one object per line: <c>time</c>, <c>stage</c>,
/// <c>partition</c>, <c>line</c>, <c>record_id</c>, <c>field</c>, <c>error</c>, and <c>record</c> (Ferry's
/// record shape) or <c>raw</c> (the input as read). Entries collect in memory and reach the disk (fsync) in
/// <see cref="FlushAsync"/>, which the engine calls right before each checkpoint; the checkpoint stores
/// <see cref="Length"/>, and a resumed run cuts the file back to it, so every failure is listed exactly once.
/// The file is created only when there is a first entry.
/// </summary>
public sealed class DeadLetterWriter : IAsyncDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private ArrayBufferWriter<byte> _pending = new(4096);
    private long _durableLength;
    private long _count;

    /// <summary>Opens the writer; an existing file is cut back to <paramref name="keepLength"/> bytes (0 truncates it, <c>null</c> keeps it whole).</summary>
    public DeadLetterWriter(string path, long? keepLength, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        _time = timeProvider ?? TimeProvider.System;
        if (File.Exists(Path))
        {
            if (keepLength is { } keep)
            {
                DurableFile.TruncateTo(Path, keep);
            }

            _durableLength = new FileInfo(Path).Length;
        }
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>The file's length after the last flush.</summary>
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

    /// <summary>Entries written by this writer (this run).</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Adds one entry (buffered until the next flush).</summary>
    public void Add(DeadLetterEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            using (var writer = new Utf8JsonWriter(_pending, WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteString("time", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
                writer.WriteString("stage", entry.Stage.ToString().ToLowerInvariant());
                if (entry.Partition is not null)
                {
                    writer.WriteString("partition", entry.Partition);
                }

                if (entry.Line is { } line)
                {
                    writer.WriteNumber("line", line);
                }

                if (entry.RecordId is not null)
                {
                    writer.WriteString("record_id", entry.RecordId);
                }

                if (entry.Field is not null)
                {
                    writer.WriteString("field", entry.Field);
                }

                writer.WriteString("error", entry.Error);
                if (entry.Record is not null)
                {
                    writer.WritePropertyName("record");
                    RecordJsonWriter.Write(writer, entry.Record);
                }

                if (entry.Raw is not null)
                {
                    writer.WriteString("raw", entry.Raw);
                }

                writer.WriteEndObject();
            }

            _pending.Write("\n"u8);
            _count++;
        }
    }

    /// <summary>Writes the buffered entries and flushes them to disk.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        ArrayBufferWriter<byte> toWrite;
        lock (_gate)
        {
            if (_pending.WrittenCount == 0)
            {
                return;
            }

            toWrite = _pending;
            _pending = new ArrayBufferWriter<byte>(4096);
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, 1, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(toWrite.WrittenMemory, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
            lock (_gate)
            {
                _durableLength = stream.Length;
            }
        }
    }

    /// <summary>Flushes what is buffered.</summary>
    public async ValueTask DisposeAsync() => await FlushAsync(CancellationToken.None).ConfigureAwait(false);
}
