using System.Buffers;
using System.Runtime.CompilerServices;
using Ferry.Files.Compression;
using Ferry.Files.Wrapping;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Filtering;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using Microsoft.Win32.SafeHandles;

namespace Ferry.Plugins.Files.Internal.Jsonl;

/// <summary>
/// Reads a JSON Lines file. A plain file is split into byte ranges that start at line starts and are read in
/// parallel with positional reads over pooled buffers; a compressed or encrypted one is read as one stream
/// (gzip and Brotli through Ferry.Files, which reports a truncated file instead of ending early). The resume
/// token is the byte offset of the next line and the lines before it.
/// </summary>
internal sealed class JsonlSource : SourceConnector
{
    private const int InitialBufferSize = 1 << 20;
    private const int MaxLineBytes = 512 << 20;
    private const int DescribeLines = 200;

    private readonly JsonlSourceSettings _settings;
    private readonly ConnectorLog _log;
    private readonly JsonlRecordReader _reader;
    private readonly bool _wrapped;

    public JsonlSource(JsonlSourceSettings settings, ConnectorLog log)
    {
        _settings = settings;
        _log = log;
        _reader = new JsonlRecordReader(settings);
        var name = WrappedName.Parse(settings.Path);
        _wrapped = name.Compression != CompressionKind.None || name.Encrypted || LooksGzipped(settings.Path);
    }

    private string Display => _settings.Display;

    public override async ValueTask<DatasetSchema> DescribeAsync(CancellationToken cancellationToken)
    {
        var length = FileLength();
        var vectors = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var metadata = new SortedDictionary<string, HashSet<MetadataKind>>(StringComparer.Ordinal);
        var items = new Dictionary<string, HashSet<MetadataKind>>(StringComparer.Ordinal);
        bool hasText = false, hasTitle = false;
        var seen = 0;
        var request = new ReadRequest { BatchSize = DescribeLines, Partition = new SourcePartition("describe", Whole(length).Descriptor) };
        await foreach (var batch in ReadAsync(request, cancellationToken).ConfigureAwait(false))
        {
            foreach (var record in batch.Records)
            {
                hasText |= record.Text is not null;
                hasTitle |= record.Title is not null;
                foreach (var (name, vector) in record.Vectors)
                {
                    vectors.TryAdd(name, vector.Length);
                }

                foreach (var (key, value) in record.Metadata)
                {
                    if (!metadata.TryGetValue(key, out var kinds))
                    {
                        metadata[key] = kinds = [];
                    }

                    kinds.Add(value.Kind);
                    if (value.Kind == MetadataKind.Array)
                    {
                        if (!items.TryGetValue(key, out var itemKinds))
                        {
                            items[key] = itemKinds = [];
                        }

                        foreach (var item in value.AsArray())
                        {
                            itemKinds.Add(item.Kind);
                        }
                    }
                }
            }

            seen += batch.Records.Count + batch.Failures.Count;
            if (seen >= DescribeLines)
            {
                break;
            }
        }

        return new DatasetSchema
        {
            Vectors = vectors.Select(v => new VectorField(v.Key, v.Value, _settings.Metric)).ToArray(),
            Metadata = metadata.Select(m =>
            {
                var nonNull = m.Value.Where(k => k != MetadataKind.Null).ToArray();
                return new MetadataField(m.Key, nonNull.Length == 1 ? nonNull[0] : null)
                {
                    ItemKind = items.TryGetValue(m.Key, out var itemKinds) && itemKinds.Count == 1 ? itemKinds.First() : null,
                };
            }).ToArray(),
            HasText = hasText,
            HasTitle = hasTitle,
            Properties = new Dictionary<string, string>
            {
                ["file"] = _settings.Path,
                ["bytes"] = length.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["wrapped"] = _wrapped ? "yes" : "no",
            },
        };
    }

    public override async ValueTask<long?> CountAsync(FilterExpression? filter, CancellationToken cancellationToken)
    {
        if (filter is not null)
        {
            return null;
        }

        long count = 0;
        var blank = true;
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        try
        {
            var stream = OpenStream(null);
            await using (stream.ConfigureAwait(false))
            {
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(0, InitialBufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    CountLines(buffer.AsSpan(0, read), ref count, ref blank);
                }
            }
        }
        catch (FileNotFoundException e)
        {
            throw new ConnectorConfigurationException($"{Display} does not exist.", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return blank ? count : count + 1;
    }

    public override ValueTask<IReadOnlyList<SourcePartition>> GetPartitionsAsync(int desiredCount, CancellationToken cancellationToken)
    {
        var length = FileLength();
        if (_wrapped || desiredCount <= 1 || length < 2 * _settings.PartitionMinBytes)
        {
            return ValueTask.FromResult<IReadOnlyList<SourcePartition>>([new SourcePartition("p0", Whole(length).Descriptor)]);
        }

        var count = (int)Math.Min(desiredCount, length / _settings.PartitionMinBytes);
        var partitions = new List<SourcePartition>(count);
        using var handle = File.OpenHandle(_settings.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        long start = 0;
        for (var k = 1; k <= count; k++)
        {
            var end = k == count ? length : NextLineStart(handle, length * k / count, length);
            if (end > start)
            {
                partitions.Add(new SourcePartition($"p{partitions.Count}", new JsonlRange(start, end, length, Stream: false).Descriptor));
                start = end;
            }
        }

        return ValueTask.FromResult<IReadOnlyList<SourcePartition>>(partitions);
    }

    public override IAsyncEnumerable<RecordBatch> ReadAsync(ReadRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var range = JsonlRange.Parse(request.Partition) ?? Whole(FileLength());
        var position = request.ResumeToken is null ? new JsonlPosition(range.Stream ? 0 : range.Start, 0) : JsonlPosition.Parse(request.ResumeToken);
        return range.Stream || _wrapped
            ? ReadStreamAsync(request, range, position, cancellationToken)
            : ReadRangeAsync(request, range, position, cancellationToken);
    }

    private async IAsyncEnumerable<RecordBatch> ReadRangeAsync(ReadRequest request, JsonlRange range, JsonlPosition position, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(_settings.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConnectorConfigurationException($"{Display} does not exist.", e);
        }

        using (handle)
        {
            var length = RandomAccess.GetLength(handle);
            if (length != range.FileLength)
            {
                throw new ConnectorException($"{Display} changed since this migration started: it is {length:N0} bytes, the checkpoint's partitions were made for {range.FileLength:N0}. Use --restart to migrate the new file from the start.");
            }

            long? baseLine = range.Start == 0 ? 0 : null;
            var batcher = new LineBatcher(_reader, request.BatchSize, request.MaxBatchBytes, relative =>
            {
                baseLine ??= CountNewlines(handle, range.Start);
                return baseLine.Value + relative;
            }, Display)
            {
                Lines = position.Lines,
            };
            var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
            try
            {
                var bufferOffset = position.Offset;
                int filled = 0, consumed = 0;
                var eof = false;
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!eof && (consumed == filled || buffer.AsSpan(consumed, filled - consumed).IndexOf((byte)'\n') < 0))
                    {
                        // Keep the unfinished line, make room (grow for a line longer than the buffer), read more.
                        var keep = filled - consumed;
                        if (consumed == 0 && keep == buffer.Length)
                        {
                            buffer = Grow(buffer, keep, bufferOffset);
                        }
                        else if (consumed > 0)
                        {
                            Buffer.BlockCopy(buffer, consumed, buffer, 0, keep);
                        }

                        bufferOffset += consumed;
                        filled = keep;
                        consumed = 0;
                        var read = await RandomAccess.ReadAsync(handle, buffer.AsMemory(filled), bufferOffset + filled, cancellationToken).ConfigureAwait(false);
                        filled += read;
                        eof = read == 0 || bufferOffset + filled >= length;
                        continue;
                    }

                    var done = NextLines(batcher, buffer, ref consumed, filled, bufferOffset, range.End, eof);
                    if (batcher.HasContent && (batcher.IsFull || done))
                    {
                        yield return batcher.Take(new JsonlPosition(bufferOffset + consumed, batcher.Lines), request.Partition);
                    }

                    if (done)
                    {
                        yield break;
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Parses complete lines until the batch is full or the range ends; returns true at the end of the range.</summary>
    private static bool NextLines(LineBatcher batcher, byte[] buffer, ref int consumed, int filled, long bufferOffset, long end, bool eof)
    {
        while (consumed < filled)
        {
            if (bufferOffset + consumed >= end)
            {
                return true;
            }

            var span = buffer.AsSpan(consumed, filled - consumed);
            var newline = span.IndexOf((byte)'\n');
            if (newline < 0)
            {
                if (!eof)
                {
                    return false;
                }

                batcher.Add(span);
                consumed = filled;
                return true;
            }

            batcher.Add(span[..newline]);
            consumed += newline + 1;
            if (batcher.IsFull)
            {
                return bufferOffset + consumed >= end || (eof && consumed == filled);
            }
        }

        return eof || bufferOffset + consumed >= end;
    }

    private async IAsyncEnumerable<RecordBatch> ReadStreamAsync(ReadRequest request, JsonlRange range, JsonlPosition position, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var length = FileLength();
        if (range.FileLength != length && request.Partition.Descriptor is not null)
        {
            throw new ConnectorException($"{Display} changed since this migration started: it is {length:N0} bytes, the checkpoint was made for {range.FileLength:N0}. Use --restart to migrate the new file from the start.");
        }

        var stream = OpenStream(null);
        await using (stream.ConfigureAwait(false))
        {
            var batcher = new LineBatcher(_reader, request.BatchSize, request.MaxBatchBytes, relative => relative, Display) { Lines = position.Lines };
            var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
            try
            {
                // Skip what a previous run already read (the decompressed offset of the resume token).
                var toSkip = position.Offset;
                while (toSkip > 0)
                {
                    var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, toSkip)), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        throw new ConnectorException($"{Display} is shorter than when this migration started (it ends before byte {position.Offset:N0} of its text). Use --restart.");
                    }

                    toSkip -= read;
                }

                var bufferOffset = position.Offset;
                int filled = 0, consumed = 0;
                var eof = false;
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!eof && (consumed == filled || buffer.AsSpan(consumed, filled - consumed).IndexOf((byte)'\n') < 0))
                    {
                        var keep = filled - consumed;
                        if (consumed == 0 && keep == buffer.Length)
                        {
                            buffer = Grow(buffer, keep, bufferOffset);
                        }
                        else if (consumed > 0)
                        {
                            Buffer.BlockCopy(buffer, consumed, buffer, 0, keep);
                        }

                        bufferOffset += consumed;
                        filled = keep;
                        consumed = 0;
                        int read;
                        try
                        {
                            read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                        }
                        catch (ConnectorException e) when (e is not TransientConnectorException)
                        {
                            throw new ConnectorException($"{e.Message} The last complete line read was line {batcher.Lines:N0}.", e);
                        }

                        filled += read;
                        eof = read == 0;
                        continue;
                    }

                    var done = NextLines(batcher, buffer, ref consumed, filled, bufferOffset, long.MaxValue, eof);
                    if (batcher.HasContent && (batcher.IsFull || done))
                    {
                        yield return batcher.Take(new JsonlPosition(bufferOffset + consumed, batcher.Lines), request.Partition);
                    }

                    if (done)
                    {
                        yield break;
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private byte[] Grow(byte[] buffer, int keep, long offset)
    {
        if (buffer.Length >= MaxLineBytes)
        {
            throw new ConnectorException($"{Display}: the line starting at byte {offset:N0} is longer than {MaxLineBytes >> 20} MiB; is this a JSON Lines file?");
        }

        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        Buffer.BlockCopy(buffer, 0, bigger, 0, keep);
        ArrayPool<byte>.Shared.Return(buffer);
        _log.Debug($"{Display}: a line longer than {buffer.Length >> 10} KiB; read buffer grown to {bigger.Length >> 10} KiB.");
        return bigger;
    }

    private Stream OpenStream(long? maxBytes)
    {
        try
        {
            return _wrapped
                ? WrappedFileReader.Open(_settings.Path, ReadSettings.Detect, maxBytes)
                : new FileStream(_settings.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConnectorConfigurationException($"{Display} does not exist.", e);
        }
    }

    private long FileLength()
    {
        try
        {
            // The length of what the path leads to: FileInfo.Length would give a symbolic link's own length.
            using var handle = File.OpenHandle(_settings.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return RandomAccess.GetLength(handle);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConnectorConfigurationException($"{Display} does not exist.", e);
        }
    }

    private JsonlRange Whole(long length) => _wrapped ? new JsonlRange(0, long.MaxValue, length, Stream: true) : new JsonlRange(0, length, length, Stream: false);

    private static bool LooksGzipped(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            Span<byte> head = stackalloc byte[2];
            return file.Read(head) == 2 && head[0] == 0x1F && head[1] == 0x8B;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The offset of the first line that starts at or after <paramref name="from"/>.</summary>
    private static long NextLineStart(SafeFileHandle handle, long from, long length)
    {
        if (from <= 0)
        {
            return 0;
        }

        Span<byte> chunk = stackalloc byte[4096];
        var position = from - 1;
        while (position < length)
        {
            var read = RandomAccess.Read(handle, chunk, position);
            if (read == 0)
            {
                break;
            }

            var newline = chunk[..read].IndexOf((byte)'\n');
            if (newline >= 0)
            {
                return position + newline + 1;
            }

            position += read;
        }

        return length;
    }

    private static long CountNewlines(SafeFileHandle handle, long end)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        try
        {
            long count = 0, position = 0;
            while (position < end)
            {
                var read = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - position)), position);
                if (read == 0)
                {
                    break;
                }

                count += buffer.AsSpan(0, read).Count((byte)'\n');
                position += read;
            }

            return count;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void CountLines(ReadOnlySpan<byte> chunk, ref long count, ref bool blank)
    {
        while (!chunk.IsEmpty)
        {
            var newline = chunk.IndexOf((byte)'\n');
            var line = newline < 0 ? chunk : chunk[..newline];
            if (blank && !LineBatcher.IsBlank(line))
            {
                blank = false;
            }

            if (newline < 0)
            {
                return;
            }

            if (!blank)
            {
                count++;
            }

            blank = true;
            chunk = chunk[(newline + 1)..];
        }
    }
}
