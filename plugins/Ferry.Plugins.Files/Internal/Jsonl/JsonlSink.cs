using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using Ferry.Files.Wrapping;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Files.Internal.Jsonl;

/// <summary>
/// Writes a JSON Lines file with upsert-by-id semantics. It appends; an id written again (a resumed run
/// rewriting the batches after its last checkpoint, or duplicate ids in the source) leaves the older line in
/// place until the next flush, which rewrites the file without it (temp file, fsync, rename). Each flush
/// makes the file complete and durable (a gzip file gets one complete member per flush) and records its length
/// in a sidecar <c>FILE.ferry-commit</c>; preparing cuts anything after that length away (the torn end of a
/// crashed run). An index of ids (id → offset of its line) is kept in memory: about 100 bytes per record.
/// </summary>
internal sealed class JsonlSink : SinkConnector
{
    private const int WriteThreshold = 1 << 20;

    private readonly JsonlSinkSettings _settings;
    private readonly JsonlRecordWriter _writer = new();
    private readonly ArrayBufferWriter<byte> _pending = new(WriteThreshold * 2);
    private readonly JsonlRecordReader _reader;
    private Dictionary<string, long> _index = new(StringComparer.Ordinal);
    private FileStream? _file;
    private GZipStream? _member;
    private long _payload;
    private long _duplicates;
    private bool _dirty;
    private bool _prepared;

    public JsonlSink(JsonlSinkSettings settings)
    {
        _settings = settings;
        _reader = new JsonlRecordReader(new JsonlSourceSettings { Path = settings.Path, Display = settings.Display });
    }

    private string CommitPath => _settings.Path + ".ferry-commit";

    private string Display => _settings.Display;

    public override ValueTask PrepareAsync(DatasetSchema schema, SinkPrepareOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = _settings.Path;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (options.Overwrite)
        {
            File.Delete(path);
            File.Delete(CommitPath);
        }

        if (File.Exists(path))
        {
            var committed = ReadCommittedLength();
            var length = LengthOf(path);
            if (committed is { } keep && keep < length)
            {
                // A crashed run wrote past its last flush; the checkpoint never covered those bytes.
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
                stream.SetLength(keep);
                stream.Flush(flushToDisk: true);
            }

            LoadIndex(cancellationToken);
        }
        else if (!options.CreateIfMissing)
        {
            throw new ConnectorConfigurationException($"{Display} does not exist and the target may not be created.");
        }

        OpenForAppend();
        _prepared = true;
        return ValueTask.CompletedTask;
    }

    public override ValueTask<WriteResult> UpsertAsync(IReadOnlyList<Record> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        EnsurePrepared();
        foreach (var record in records)
        {
            var offset = _payload + _pending.WrittenCount;
            if (_index.ContainsKey(record.Id))
            {
                _duplicates++;
            }

            _index[record.Id] = offset;
            _writer.WriteLine(record, _pending);
        }

        _dirty = true;
        if (_pending.WrittenCount >= WriteThreshold)
        {
            WritePending();
        }

        return ValueTask.FromResult(WriteResult.AllWritten(records.Count));
    }

    public override ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        EnsurePrepared();
        WritePending();
        EndMember();
        _file!.Flush(flushToDisk: true);
        if (_duplicates > 0)
        {
            Compact(cancellationToken);
        }

        WriteCommittedLength(_file!.Length);
        _dirty = false;
        return ValueTask.CompletedTask;
    }

    public override ValueTask<long?> CountAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<long?>(_prepared ? _index.Count : CountExisting(cancellationToken));

    public override async IAsyncEnumerable<Record> ReadByIdsAsync(IReadOnlyList<string> ids, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (!_prepared)
        {
            LoadIndex(cancellationToken);
        }
        else if (_dirty)
        {
            // Make what was upserted visible to the reads below (not yet a durable flush).
            WritePending();
            EndMember();
            _file!.Flush();
        }

        var wanted = new List<long>(ids.Count);
        foreach (var id in ids)
        {
            if (_index.TryGetValue(id, out var offset))
            {
                wanted.Add(offset);
            }
        }

        if (wanted.Count == 0)
        {
            yield break;
        }

        wanted.Sort();
        var distinct = wanted.Distinct().ToArray();
        var records = new List<Record>(distinct.Length);
        ReadLinesAt(distinct, line => records.Add(ParseStored(line)), cancellationToken);
        foreach (var record in records)
        {
            yield return record;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public override ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            if (!_dirty)
            {
                // Everything written was flushed: the file is complete, the sidecar has nothing left to say.
                File.Delete(CommitPath);
            }

            _member?.Dispose();
            _file.Dispose();
            _file = null;
        }

        return base.DisposeAsync();
    }

    private void EnsurePrepared()
    {
        if (!_prepared)
        {
            throw new InvalidOperationException($"{nameof(PrepareAsync)} must be called before writing.");
        }
    }

    private void OpenForAppend()
    {
        _file = new FileStream(_settings.Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
        _file.Seek(0, SeekOrigin.End);
        if (!_settings.Gzip && _file.Length > 0)
        {
            // A file from elsewhere may lack the final line feed; the next record must start a line of its own.
            _file.Seek(-1, SeekOrigin.End);
            var last = _file.ReadByte();
            _file.Seek(0, SeekOrigin.End);
            if (last != '\n')
            {
                _file.WriteByte((byte)'\n');
                _payload++;
            }
        }
    }

    private void WritePending()
    {
        if (_pending.WrittenCount == 0)
        {
            return;
        }

        if (_settings.Gzip)
        {
            _member ??= new GZipStream(_file!, _settings.Level, leaveOpen: true);
            _member.Write(_pending.WrittenSpan);
        }
        else
        {
            _file!.Write(_pending.WrittenSpan);
        }

        _payload += _pending.WrittenCount;
        _pending.ResetWrittenCount();
    }

    private void EndMember()
    {
        // Closing the member writes its trailer: after every flush the file is a complete (multi-member) gzip file.
        _member?.Dispose();
        _member = null;
    }

    /// <summary>Rewrites the file keeping, for every id, only its latest line.</summary>
    private void Compact(CancellationToken cancellationToken)
    {
        var temp = _settings.Path + ".ferry-compact";
        var index = new Dictionary<string, long>(_index.Count, StringComparer.Ordinal);
        long payload = 0;
        _file!.Dispose();
        _file = null;
        using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            Stream sink = _settings.Gzip ? new GZipStream(output, _settings.Level, leaveOpen: true) : output;
            try
            {
                ForEachLine(
                    (line, offset) =>
                    {
                        var id = _reader.TryFindId(line) ?? throw new ConnectorException($"{Display}: the line at byte {offset:N0} has no id; cannot upsert into this file (use --overwrite).");
                        if (_index.TryGetValue(id, out var latest) && latest == offset)
                        {
                            index[id] = payload;
                            sink.Write(line);
                            sink.WriteByte((byte)'\n');
                            payload += line.Length + 1;
                        }
                    },
                    cancellationToken);
            }
            finally
            {
                if (_settings.Gzip)
                {
                    sink.Dispose();
                }
            }

            output.Flush(flushToDisk: true);
        }

        File.Move(temp, _settings.Path, overwrite: true);
        _index = index;
        _payload = payload;
        _duplicates = 0;
        _file = new FileStream(_settings.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
        _file.Seek(0, SeekOrigin.End);
    }

    private void LoadIndex(CancellationToken cancellationToken)
    {
        var index = new Dictionary<string, long>(StringComparer.Ordinal);
        long duplicates = 0, end = 0;
        ForEachLine(
            (line, offset) =>
            {
                var id = _reader.TryFindId(line) ?? throw new ConnectorException($"{Display}: the line at byte {offset:N0} has no readable id; cannot add to this file (use --overwrite to replace it).");
                if (!index.TryAdd(id, offset))
                {
                    index[id] = offset;
                    duplicates++;
                }

                end = offset + line.Length + 1;
            },
            cancellationToken);
        _index = index;
        _duplicates = duplicates;
        _payload = _settings.Gzip ? end : LengthOf(_settings.Path);
    }

    private long? CountExisting(CancellationToken cancellationToken)
    {
        if (!File.Exists(_settings.Path))
        {
            return 0;
        }

        LoadIndex(cancellationToken);
        return _index.Count;
    }

    private Record ParseStored(ReadOnlySpan<byte> line)
    {
        try
        {
            return _reader.Parse(line);
        }
        catch (JsonlFormatException e)
        {
            throw new ConnectorException($"{Display}: a stored line does not parse: {e.Message}", e);
        }
    }

    private Stream OpenRead(bool verify = true) => _settings.Gzip
        ? WrappedFileReader.Open(_settings.Path, verify ? ReadSettings.Detect : ReadSettings.Detect with { Strict = false })
        : new FileStream(_settings.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);

    /// <summary>Calls <paramref name="action"/> for each non-blank line with its offset in the decompressed text.</summary>
    private void ForEachLine(LineAction action, CancellationToken cancellationToken, bool verify = true)
    {
        using var stream = OpenRead(verify);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            long bufferOffset = 0;
            int filled = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var read = stream.Read(buffer, filled, buffer.Length - filled);
                filled += read;
                var consumed = 0;
                while (true)
                {
                    var newline = buffer.AsSpan(consumed, filled - consumed).IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        break;
                    }

                    var line = buffer.AsSpan(consumed, newline);
                    if (line.Length > 0 && line[^1] == (byte)'\r')
                    {
                        line = line[..^1];
                    }

                    if (!LineBatcher.IsBlank(line))
                    {
                        action(line, bufferOffset + consumed);
                    }

                    consumed += newline + 1;
                }

                if (read == 0)
                {
                    var rest = buffer.AsSpan(consumed, filled - consumed);
                    if (!LineBatcher.IsBlank(rest))
                    {
                        action(rest, bufferOffset + consumed);
                    }

                    return;
                }

                if (consumed == 0 && filled == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                    continue;
                }

                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
                bufferOffset += consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads the lines starting at the given (sorted) offsets.</summary>
    private void ReadLinesAt(long[] offsets, LineCallback callback, CancellationToken cancellationToken)
    {
        if (!_settings.Gzip)
        {
            // Offsets are sorted: read windows of the file and cut the wanted lines out of them.
            using var handle = File.OpenHandle(_settings.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = RandomAccess.GetLength(handle);
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
            long windowStart = 0;
            var windowLength = 0;
            try
            {
                foreach (var offset in offsets)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    while (true)
                    {
                        if (offset >= windowStart && offset < windowStart + windowLength)
                        {
                            var from = (int)(offset - windowStart);
                            var newline = buffer.AsSpan(from, windowLength - from).IndexOf((byte)'\n');
                            if (newline >= 0 || windowStart + windowLength >= length)
                            {
                                callback(buffer.AsSpan(from, newline >= 0 ? newline : windowLength - from));
                                break;
                            }

                            if (from == 0)
                            {
                                // A line longer than the window: grow it.
                                var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                                ArrayPool<byte>.Shared.Return(buffer);
                                buffer = bigger;
                            }
                        }

                        windowStart = offset;
                        windowLength = RandomAccess.Read(handle, buffer, windowStart);
                        if (windowLength == 0)
                        {
                            throw new ConnectorException($"{Display} is shorter than its index says (no line at byte {offset:N0}); was it changed by another program?");
                        }
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            return;
        }

        // Compressed: one forward pass over the text picks the wanted lines.
        var next = 0;
        ForEachLine(
            (line, offset) =>
            {
                while (next < offsets.Length && offsets[next] < offset)
                {
                    next++;
                }

                if (next < offsets.Length && offsets[next] == offset)
                {
                    callback(line);
                    next++;
                }
            },
            cancellationToken,
            verify: false);
    }

    private long? ReadCommittedLength()
    {
        if (!File.Exists(CommitPath))
        {
            return null;
        }

        var text = File.ReadAllText(CommitPath).Trim();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var length) ? length : null;
    }

    private void WriteCommittedLength(long length)
    {
        var temp = CommitPath + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(length.ToString(CultureInfo.InvariantCulture)));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, CommitPath, overwrite: true);
    }

    private static long LengthOf(string path)
    {
        // Follows a symbolic link, unlike FileInfo.Length.
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return RandomAccess.GetLength(handle);
    }

    private delegate void LineAction(ReadOnlySpan<byte> line, long offset);

    private delegate void LineCallback(ReadOnlySpan<byte> line);
}
