using System.Globalization;
using System.Runtime.CompilerServices;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Folder.Internal;

/// <summary>
/// Reads a folder tree as records. The tree is scanned once per source instance; items are read in ordinal key
/// order; partitions are key ranges balanced by bytes; the resume token is the key of the last item of a batch.
/// Deduplication is by SHA-256 in scan order across the whole tree: a reader that starts in the middle (a later
/// partition, a resumed run) first hashes the earlier files whose size equals that of a file it will read, so it
/// makes exactly the decisions a reader from the start would.
/// </summary>
internal sealed class FolderSource : SourceConnector
{
    private const int ItemWeight = 4096;

    private readonly FolderOptions _options;
    private readonly ConnectorLog _log;
    private readonly SemaphoreSlim _scanGate = new(1, 1);
    private List<FolderItem>? _items;

    public FolderSource(FolderOptions options, ConnectorLog log)
    {
        _options = options;
        _log = log;
    }

    public override ValueTask<DatasetSchema> DescribeAsync(CancellationToken cancellationToken)
    {
        static MetadataField Field(string name, MetadataKind kind) => new(name, kind);
        return ValueTask.FromResult(new DatasetSchema
        {
            Metadata =
            [
                Field(MetadataKeys.Path, MetadataKind.String) with { Nullable = false },
                Field(MetadataKeys.FileName, MetadataKind.String),
                Field(MetadataKeys.Extension, MetadataKind.String),
                Field(MetadataKeys.MimeType, MetadataKind.String),
                Field(MetadataKeys.Size, MetadataKind.Integer),
                Field(MetadataKeys.Created, MetadataKind.Timestamp),
                Field(MetadataKeys.Modified, MetadataKind.Timestamp),
                Field(MetadataKeys.Sha256, MetadataKind.String),
                Field(MetadataKeys.Directory, MetadataKind.String),
                Field(MetadataKeys.Format, MetadataKind.String),
                Field(MetadataKeys.Encoding, MetadataKind.String),
                Field(MetadataKeys.ReferenceReason, MetadataKind.String),
                Field(MetadataKeys.Name, MetadataKind.String),
                Field(MetadataKeys.FileCount, MetadataKind.Integer),
                Field(MetadataKeys.FolderCount, MetadataKind.Integer),
                Field(MetadataKeys.Readme, MetadataKind.String),
            ],
            HasText = true,
            HasTitle = true,
            Properties = new Dictionary<string, string>
            {
                ["root"] = _options.Root,
                ["include"] = string.Join(';', _options.Include.Globs.Select(g => g.Pattern)),
                ["exclude"] = string.Join(';', _options.Exclude.Globs.Select(g => g.Pattern)),
                ["dedupe"] = _options.Dedupe.ToString().ToLowerInvariant(),
                ["max_text_bytes"] = _options.MaxTextBytes.ToString(CultureInfo.InvariantCulture),
                ["hierarchy"] = _options.Hierarchy ? "true" : "false",
            },
        });
    }

    public override async ValueTask<IReadOnlyList<SourcePartition>> GetPartitionsAsync(int desiredCount, CancellationToken cancellationToken)
    {
        var items = await ScanAsync(cancellationToken).ConfigureAwait(false);
        var count = Math.Clamp(desiredCount, 1, Math.Max(1, items.Count));
        if (count == 1)
        {
            return [SourcePartition.Whole];
        }

        long total = 0;
        foreach (var item in items)
        {
            total += ItemWeight + item.Size;
        }

        // Cut where the running weight passes each k/count of the total; every partition gets at least one item.
        var starts = new List<int> { 0 };
        long running = 0;
        for (var i = 0; i < items.Count && starts.Count < count; i++)
        {
            running += ItemWeight + items[i].Size;
            var boundary = total * starts.Count / count;
            if (running >= boundary && i + 1 < items.Count && i + 1 > starts[^1])
            {
                starts.Add(i + 1);
            }
        }

        var partitions = new SourcePartition[starts.Count];
        for (var p = 0; p < starts.Count; p++)
        {
            var from = p == 0 ? null : items[starts[p]].Key;
            var to = p + 1 < starts.Count ? items[starts[p + 1]].Key : null;
            partitions[p] = new SourcePartition(p.ToString(CultureInfo.InvariantCulture), new KeyRange(from, to).ToDescriptor());
        }

        return partitions;
    }

    public override async IAsyncEnumerable<RecordBatch> ReadAsync(ReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var range = KeyRange.Of(request.Partition);
        var after = request.ResumeToken is null ? null : KeyRange.ParseToken(request.ResumeToken);
        var items = await ScanAsync(cancellationToken).ConfigureAwait(false);
        var start = FirstIndex(items, range.From, after);
        var end = range.To is null ? items.Count : LowerBound(items, range.To);
        Dictionary<string, string>? seen = null;
        if (_options.Dedupe != DedupeMode.Off)
        {
            seen = await EarlierHashesAsync(items, start, end, cancellationToken).ConfigureAwait(false);
        }

        var batchSize = Math.Max(1, request.BatchSize);
        var records = new List<Record>();
        var failures = new List<RecordFailure>();
        long bytes = 0;
        for (var i = start; i < end; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var item = items[i];
            var (record, failure) = await ProduceAsync(item, seen, cancellationToken).ConfigureAwait(false);
            if (record is not null)
            {
                records.Add(record);
                bytes += FolderRecords.EstimateBytes(record);
            }

            if (failure is not null)
            {
                failures.Add(failure);
            }

            if (records.Count + failures.Count >= batchSize || (records.Count > 0 && bytes >= request.MaxBatchBytes))
            {
                yield return new RecordBatch(records, KeyRange.Token(item.Key), request.Partition, failures);
                records = [];
                failures = [];
                bytes = 0;
            }
            else if (records.Count + failures.Count == 0 && i + 1 < end && (i - start) % 256 == 255)
            {
                // Long runs of items without records (skipped duplicates): let cancellation and other tasks in.
                await Task.Yield();
            }
        }

        if (records.Count + failures.Count > 0)
        {
            yield return new RecordBatch(records, KeyRange.Token(items[end - 1].Key), request.Partition, failures);
        }
    }

    public override ValueTask DisposeAsync()
    {
        _scanGate.Dispose();
        return base.DisposeAsync();
    }

    private async ValueTask<List<FolderItem>> ScanAsync(CancellationToken cancellationToken)
    {
        if (_items is { } cached)
        {
            return cached;
        }

        await _scanGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_items is null)
            {
                var options = _options;
                var log = _log;
                _items = await Task.Run(() => FolderScanner.Scan(options, log, cancellationToken), cancellationToken).ConfigureAwait(false);
            }

            return _items;
        }
        finally
        {
            _scanGate.Release();
        }
    }

    /// <summary>The record of one item (or none: an absorbed README, a skipped duplicate), or the failure to read it.</summary>
    private async ValueTask<(Record? Record, RecordFailure? Failure)> ProduceAsync(FolderItem item, Dictionary<string, string>? seen, CancellationToken cancellationToken)
    {
        if (item.IsDirectory)
        {
            FileContent? readme = null;
            if (item.Readme is not null)
            {
                try
                {
                    readme = await FileContent.ReadAsync(item.Readme, _options.MaxTextBytes, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The README's own item reports the failure; the header goes on without its text.
                    _log.Warn($"'{item.Readme.RelativePath}' cannot be read for the header of '{item.Id}': {e.Message}");
                }
            }

            return (FolderRecords.Folder(item, readme), null);
        }

        try
        {
            var info = new FileInfo(item.FullPath);
            var content = await FileContent.ReadAsync(item, _options.MaxTextBytes, cancellationToken).ConfigureAwait(false);
            if (item.IsReadme && content.IsText)
            {
                // Its folder's header carries its text and title.
                return (null, null);
            }

            string? duplicateOf = null;
            if (seen is not null)
            {
                if (seen.TryGetValue(content.Sha256, out var first))
                {
                    if (_options.Dedupe == DedupeMode.Skip)
                    {
                        return (null, null);
                    }

                    duplicateOf = first;
                }
                else
                {
                    seen.Add(content.Sha256, item.Id);
                }
            }

            return (FolderRecords.File(item, info, content, duplicateOf), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, new RecordFailure(item.Id, $"File '{item.RelativePath}' cannot be read: {e.Message}"));
        }
    }

    /// <summary>
    /// The first file (by key) of each content among the files before <paramref name="start"/> whose size equals the
    /// size of a file in [<paramref name="start"/>, <paramref name="end"/>): only those can be originals of what this
    /// reader will see. Absorbed READMEs take no part in deduplication.
    /// </summary>
    private async ValueTask<Dictionary<string, string>> EarlierHashesAsync(List<FolderItem> items, int start, int end, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        if (start == 0)
        {
            return seen;
        }

        var sizes = new HashSet<long>();
        for (var i = start; i < end; i++)
        {
            if (!items[i].IsDirectory)
            {
                sizes.Add(items[i].Size);
            }
        }

        for (var i = 0; i < start && sizes.Count > 0; i++)
        {
            var item = items[i];
            if (item.IsDirectory || !sizes.Contains(item.Size))
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            FileContent content;
            try
            {
                content = await FileContent.ReadAsync(item, _options.MaxTextBytes, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Unreadable now: it produced (or produces) a failure, not a record, so it is nobody's original.
                continue;
            }

            if (!(item.IsReadme && content.IsText))
            {
                seen.TryAdd(content.Sha256, item.Id);
            }
        }

        return seen;
    }

    /// <summary>The index of the first item with key ≥ <paramref name="from"/> and &gt; <paramref name="after"/>.</summary>
    private static int FirstIndex(List<FolderItem> items, string? from, string? after)
    {
        var index = from is null ? 0 : LowerBound(items, from);
        if (after is not null)
        {
            var resume = UpperBound(items, after);
            index = Math.Max(index, resume);
        }

        return index;
    }

    private static int LowerBound(List<FolderItem> items, string key)
    {
        int lo = 0, hi = items.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(items[mid].Key, key) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int UpperBound(List<FolderItem> items, string key)
    {
        int lo = 0, hi = items.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(items[mid].Key, key) <= 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
