using System.Buffers;
using System.Runtime.CompilerServices;
using Ferry.Frame.Format;
using Ferry.Frame.Versioning;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Frame.Connector;

/// <summary>
/// Writes a Frame dataset as a migration sink. Records are turned into columns as they arrive: each batch is encoded
/// at once into native memory, so the records die young (they are never promoted by the GC, which otherwise copied
/// every record once or twice), and every <c>stage_records</c> records the encoded batches are joined and written, in
/// the background, as a fragment file that no version names yet (staged). <see cref="FlushAsync"/> (or the buffer
/// limit) commits the staged fragments as one new version, so every checkpoint the host records after a flush is
/// durable. Writes are upserts by id: writing a batch twice equals writing it once.
/// </summary>
internal sealed class FrameSinkConnector : SinkConnector
{
    /// <summary>Estimated bytes of records held in memory before they are staged, whatever <c>stage_records</c> says.</summary>
    private const long MaxPendingBytes = 64L * 1024 * 1024;

    /// <summary>Every UTF-16 surrogate code unit (U+D800–U+DFFF).</summary>
    private static readonly SearchValues<char> Surrogates = SearchValues.Create(Enumerable.Range(0xD800, 0x800).Select(c => (char)c).ToArray());

    private readonly string _path;
    private readonly FrameSinkOptions _sinkOptions;
    private readonly FrameDatasetOptions _options;
    private List<EncodedBatch> _pending = [];
    private int _pendingRows;
    private Task<IReadOnlyList<PreparedFragment>>? _staging;
    private Exception? _stagingFailure;
    private readonly List<PreparedFragment> _staged = [];
    private readonly HashSet<string> _stagedIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _dimensions = new(StringComparer.Ordinal);

    /// <summary>Metadata keys a batch had to store tagged (their values' types varied): later batches store them tagged too, so batches keep one schema and join into one fragment.</summary>
    private readonly HashSet<string> _taggedKeys = new(StringComparer.Ordinal);
    private long _pendingBytes;
    private long _bufferedBytes;
    private FrameDataset? _dataset;

    public FrameSinkConnector(string path, FrameSinkOptions sinkOptions, FrameDatasetOptions options)
    {
        _path = path;
        _sinkOptions = sinkOptions;
        _options = options;
    }

    public override bool CanSearch => true;

    public override async ValueTask PrepareAsync(DatasetSchema schema, SinkPrepareOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        if (_dataset is not null)
        {
            await _dataset.DisposeAsync().ConfigureAwait(false);
            _dataset = null;
        }

        if (!FrameDataset.Exists(_path))
        {
            if (!options.CreateIfMissing)
            {
                throw new ConnectorConfigurationException($"There is no Frame dataset at '{_path}' and creating it was not allowed.");
            }

            _dataset = await FrameDataset.OpenOrCreateAsync(_path, schema, _options, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _dataset = await FrameDataset.OpenAsync(_path, _options, cancellationToken).ConfigureAwait(false);
            if (options.Overwrite && !options.Resuming)
            {
                await _dataset.OverwriteAsync([], schema, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                CheckCompatible(schema, _dataset.Schema);
            }
        }

        _dimensions.Clear();
        foreach (var vector in _dataset.Schema.Vectors)
        {
            _dimensions[vector.Name] = vector.Dimension;
        }

        foreach (var vector in schema.Vectors)
        {
            _dimensions.TryAdd(vector.Name, vector.Dimension);
        }
    }

    public override async ValueTask<WriteResult> UpsertAsync(IReadOnlyList<Record> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var dataset = Prepared();
        ThrowIfStagingFailed();
        List<RecordFailure>? failures = null;
        var written = 0;
        var run = new List<Record>(records.Count);
        foreach (var record in records)
        {
            if (Validate(record) is { } problem)
            {
                (failures ??= []).Add(new RecordFailure(record.Id, problem.Reason) { Field = problem.Field, Record = record });
                continue;
            }

            if (_stagedIds.Contains(record.Id))
            {
                // The id is in an encoded batch already: commit what is pending and staged, so the later record
                // replaces it the ordinary way (no id may repeat across the fragments of one commit).
                written += Encode(run, ref failures);
                await CommitBufferAsync(dataset, cancellationToken).ConfigureAwait(false);
            }

            run.Add(record);
        }

        written += Encode(run, ref failures);
        if (_pendingRows >= _sinkOptions.StageRecords || _pendingBytes >= MaxPendingBytes)
        {
            await StageAsync(dataset, cancellationToken).ConfigureAwait(false);
        }

        if (_stagedIds.Count >= _sinkOptions.MaxBufferedRecords || _bufferedBytes >= _sinkOptions.MaxBufferedBytes)
        {
            await CommitBufferAsync(dataset, cancellationToken).ConfigureAwait(false);
        }

        return new WriteResult(written, failures ?? []);
    }

    /// <summary>
    /// Encodes a run of validated records (the last of an id wins) into native memory as one pending batch and clears
    /// the run. A record the encoder still refuses becomes a record failure and the rest are encoded without it.
    /// </summary>
    /// <returns>How many records of the run were taken.</returns>
    private int Encode(List<Record> run, ref List<RecordFailure>? failures)
    {
        var taken = 0;
        while (run.Count > 0)
        {
            var records = UpsertOperation.LastPerId(run);
            var arena = new NativeArena();
            try
            {
                var encoded = FragmentEncoder.Encode(records, _dimensions, arena, _taggedKeys);
                _taggedKeys.UnionWith(FragmentEncoder.TaggedKeys(encoded.Batch.Schema));
                _pending.Add(new EncodedBatch(encoded, arena));
                _pendingRows += encoded.Batch.Length;
                foreach (var record in run)
                {
                    var size = RecordSize.Estimate(record);
                    _pendingBytes += size;
                    _bufferedBytes += size;
                }

                foreach (var id in encoded.Ids)
                {
                    _stagedIds.Add(id);
                }

                taken += run.Count;
                run.Clear();
            }
            catch (Exception e)
            {
                arena.Dispose();
                if (e is not FrameRecordException refusal)
                {
                    throw;
                }

                var refused = run.FindAll(r => string.Equals(r.Id, refusal.RecordId, StringComparison.Ordinal));
                if (refused.Count == 0)
                {
                    throw;
                }

                foreach (var record in refused)
                {
                    (failures ??= []).Add(new RecordFailure(record.Id, refusal.Reason) { Field = refusal.Field, Record = record });
                }

                run.RemoveAll(r => string.Equals(r.Id, refusal.RecordId, StringComparison.Ordinal));
            }
        }

        return taken;
    }

    public override async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_dataset is not null)
        {
            await CommitBufferAsync(_dataset, cancellationToken).ConfigureAwait(false);
        }
    }

    public override async IAsyncEnumerable<Record> ReadByIdsAsync(IReadOnlyList<string> ids, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var dataset = await OpenedForReadingAsync(cancellationToken).ConfigureAwait(false);
        await dataset.RefreshAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var record in dataset.GetAsync(ids, cancellationToken).ConfigureAwait(false))
        {
            yield return record;
        }
    }

    /// <summary>Hashes the stored columns in place (<see cref="FrameDataset.GetChecksums"/>): no record is built.</summary>
    public override async ValueTask<IReadOnlyDictionary<string, UInt128>> ReadChecksumsAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var dataset = await OpenedForReadingAsync(cancellationToken).ConfigureAwait(false);
        await dataset.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return dataset.GetChecksums(ids, cancellationToken);
    }

    public override async ValueTask<long?> CountAsync(CancellationToken cancellationToken)
    {
        var dataset = await OpenedForReadingAsync(cancellationToken).ConfigureAwait(false);
        await dataset.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return dataset.Count;
    }

    public override async ValueTask<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var dataset = await OpenedForReadingAsync(cancellationToken).ConfigureAwait(false);
        await dataset.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return await SearchAsync(dataset, request, cancellationToken).ConfigureAwait(false);
    }

    public override async ValueTask DisposeAsync()
    {
        // Unflushed records are dropped on purpose: the host flushes on success, and a failed run resumes from its last checkpoint.
        DisposePending(_pending);
        _pending = [];
        _pendingRows = 0;
        if (_staging is not null)
        {
            try
            {
                _staged.AddRange(await _staging.ConfigureAwait(false));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FrameException or InvalidOperationException or OperationCanceledException)
            {
                // A failed staging removed its own files; nothing else is left to discard from it.
            }

            _staging = null;
        }

        if (_dataset is not null)
        {
            _dataset.DiscardStaged(_staged);
            _staged.Clear();
            _stagedIds.Clear();
            await _dataset.DisposeAsync().ConfigureAwait(false);
            _dataset = null;
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    internal static async ValueTask<IReadOnlyList<SearchHit>> SearchAsync(FrameDataset dataset, SearchRequest request, CancellationToken cancellationToken)
    {
        var hits = await dataset.SearchAsync(new FrameSearchRequest(request.Vector, request.K) { VectorName = request.VectorName, Filter = request.Filter, Columns = [] }, cancellationToken).ConfigureAwait(false);
        var result = new SearchHit[hits.Count];
        for (var i = 0; i < hits.Count; i++)
        {
            result[i] = new SearchHit(hits[i].Id, hits[i].Score);
        }

        return result;
    }

    /// <summary>
    /// Hands the pending encoded batches to a background staging (join, write, fsync) and returns: the sink goes on
    /// taking batches while the file is written. One staging at a time, so at most two stages are in memory.
    /// </summary>
    private async ValueTask StageAsync(FrameDataset dataset, CancellationToken cancellationToken)
    {
        await AwaitStagingAsync().ConfigureAwait(false);
        if (_pending.Count == 0)
        {
            return;
        }

        var batches = _pending;
        _pending = [];
        _pendingRows = 0;
        _pendingBytes = 0;
        _staging = Task.Run(
            () =>
            {
                try
                {
                    return dataset.StageEncoded(batches.ConvertAll(b => b.Fragment), cancellationToken);
                }
                finally
                {
                    DisposePending(batches);
                }
            },
            CancellationToken.None); // always runs, so the batches' native memory is always freed
    }

    private static void DisposePending(List<EncodedBatch> batches)
    {
        foreach (var batch in batches)
        {
            batch.Arena.Dispose();
        }
    }

    /// <summary>Waits for the staging under way; its fragments join the staged ones (its failure surfaces here, and from then on).</summary>
    private async ValueTask AwaitStagingAsync()
    {
        ThrowIfStagingFailed();
        if (_staging is { } staging)
        {
            _staging = null;
            try
            {
                _staged.AddRange(await staging.ConfigureAwait(false));
            }
            catch (Exception e)
            {
                _stagingFailure = e;
                ThrowIfStagingFailed();
            }
        }
    }

    /// <summary>
    /// After a failed staging, records this sink acknowledged since the last flush are not stored: every later write
    /// and flush fails (not as a record error, which the host would retry record by record), so no checkpoint can be
    /// taken past them and a re-run resumes from the last one.
    /// </summary>
    private void ThrowIfStagingFailed()
    {
        if (_stagingFailure is { } failure)
        {
            throw new InvalidOperationException(
                $"Writing a staged fragment of the Frame dataset '{_path}' failed ({failure.GetType().Name}: {failure.Message}); the records written since the last flush are not stored. Re-run to resume from the last checkpoint.",
                failure);
        }
    }

    private async ValueTask CommitBufferAsync(FrameDataset dataset, CancellationToken cancellationToken)
    {
        await StageAsync(dataset, cancellationToken).ConfigureAwait(false);
        await AwaitStagingAsync().ConfigureAwait(false);
        if (_staged.Count == 0)
        {
            return;
        }

        await dataset.CommitStagedUpsertAsync(_staged, cancellationToken).ConfigureAwait(false);
        _staged.Clear();
        _stagedIds.Clear();
        _bufferedBytes = 0;
    }

    /// <summary>
    /// Reads (validation, search agreement) need no PrepareAsync: a validation run only reads the target back,
    /// so an existing dataset is opened on first use.
    /// </summary>
    private async ValueTask<FrameDataset> OpenedForReadingAsync(CancellationToken cancellationToken)
    {
        if (_dataset is not null)
        {
            return _dataset;
        }

        if (!FrameDataset.Exists(_path))
        {
            throw new InvalidOperationException($"There is no Frame dataset at '{_path}' to read from.");
        }

        _dataset = await FrameDataset.OpenAsync(_path, _options, cancellationToken).ConfigureAwait(false);
        return _dataset;
    }

    /// <summary>A batch of records encoded into columns that live in <see cref="Arena"/> until they are staged.</summary>
    private sealed record EncodedBatch(EncodedFragment Fragment, NativeArena Arena);

    private FrameDataset Prepared() => _dataset ?? throw new InvalidOperationException("PrepareAsync must be called before writing to the Frame sink.");

    /// <summary>Refuses records the store would refuse at commit time, one by one, so a bad record never fails a whole batch.</summary>
    private (string Field, string Reason)? Validate(Record record)
    {
        if (record.Id is null)
        {
            return ("id", "the record has no id.");
        }

        foreach (var (name, vector) in record.Vectors)
        {
            if (vector is null)
            {
                continue;
            }

            if (_dimensions.TryGetValue(name, out var dimension))
            {
                if (vector.Length != dimension)
                {
                    return ("vector." + name, $"the vector has {vector.Length} components; the field's dimension is {dimension}.");
                }
            }
            else if (vector.Length == 0)
            {
                return ("vector." + name, "an empty vector cannot define the field's dimension.");
            }
            else
            {
                _dimensions[name] = vector.Length;
            }
        }

        var invalid = !IsValidUtf16(record.Id) ? "id"
            : !IsValidUtf16(record.Text) ? "text"
            : !IsValidUtf16(record.Title) ? "title"
            : !IsValidUtf16(record.Collection) ? "collection"
            : !IsValidUtf16(record.RecordType) ? "record_type"
            : null;
        if (invalid is not null)
        {
            return (invalid, "a string is not valid UTF-16 (it has a lone surrogate) and cannot be stored exactly.");
        }

        foreach (var (key, value) in record.Metadata)
        {
            if (!IsValidUtf16(key) || (value is not null && !IsValidUtf16(value)))
            {
                return ("metadata." + key, "a string is not valid UTF-16 (it has a lone surrogate) and cannot be stored exactly.");
            }
        }

        return null;
    }

    private static bool IsValidUtf16(MetadataValue value)
    {
        switch (value.Kind)
        {
            case MetadataKind.String:
                return IsValidUtf16(value.AsString());
            case MetadataKind.Array:
                var items = value.AsArray();
                for (var i = 0; i < items.Count; i++)
                {
                    if (!IsValidUtf16(items[i]))
                    {
                        return false;
                    }
                }

                return true;
            case MetadataKind.Object:
                foreach (var (key, item) in value.AsObject())
                {
                    if (!IsValidUtf16(key) || !IsValidUtf16(item))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

    private static bool IsValidUtf16(string? text)
    {
        if (text is null)
        {
            return true;
        }

        // Vectorized scan for any surrogate; only strings that have one are checked pair by pair. (Not
        // IndexOfAnyInRange: in the ReadyToRun host its generic fallback boxed both bounds per call, 130 MB per 100k records.)
        var span = text.AsSpan();
        var index = span.IndexOfAny(Surrogates);
        if (index < 0)
        {
            return true;
        }

        for (var i = index; i < span.Length; i++)
        {
            if (char.IsHighSurrogate(span[i]))
            {
                if (i + 1 >= span.Length || !char.IsLowSurrogate(span[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(span[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static void CheckCompatible(DatasetSchema wanted, DatasetSchema existing)
    {
        foreach (var vector in wanted.Vectors)
        {
            var have = existing.FindVector(vector.Name);
            if (have is not null && have.Dimension != vector.Dimension)
            {
                throw new ConnectorConfigurationException(
                    $"The Frame dataset's vector '{vector.Name}' has dimension {have.Dimension}; the source's has {vector.Dimension}. Use a new dataset or overwrite it.");
            }
        }
    }
}
