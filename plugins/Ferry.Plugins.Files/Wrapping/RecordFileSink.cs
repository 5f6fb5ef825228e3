using System.Globalization;
using System.Runtime.CompilerServices;
using Ferry.Files.Splitting;
using Ferry.Files.Streams;
using Ferry.Files.Wrapping;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Files.Wrapping;

/// <summary>
/// Writes records to one file, or to parts with a manifest when a split limit is set, through compression and
/// encryption (docs/formats.md, "How file sinks write"). Streaming: a record goes to disk as it comes, memory stays
/// flat apart from the id index (about 40 bytes per record) that makes upserts idempotent.
/// <list type="bullet">
/// <item>The file being written has a temporary name (<c>….partial</c>); a journal (unsplit) or the manifest (split)
/// records after every flush how many records of it are durable.</item>
/// <item>A record written again unchanged (a resumed run replaying) is skipped; a changed one is written again and its
/// earlier version is dropped when the file is finished.</item>
/// <item>Disposing after a flush with nothing written since finishes the output (closing brackets, compression
/// trailer, final encrypted chunk, rename, manifest marked complete). Disposing with unflushed records (the run
/// failed) leaves the journal and temporary file as of the last flush: completed parts stay intact, and the next run
/// recovers the flushed records and goes on.</item>
/// </list>
/// </summary>
internal sealed class RecordFileSink : SinkConnector
{
    private const string JournalSuffix = ".ferry-journal.json";
    private const string PartialSuffix = ".partial";
    private const int RecoveryBatch = 512;
    private const int TemporaryTagLength = 8;

    private readonly RecordFormat _format;
    private readonly FileSettings _settings;
    private readonly PartNaming _naming;
    private readonly string _targetPath;
    private readonly List<PartEntry> _parts = [];
    private readonly IdIndex _index = new();
    private readonly HashSet<long> _superseded = [];
    private DatasetSchema _schema = new();
    private OpenFile? _open;
    private long _nextOrdinal;
    private bool _dirty;
    private bool _prepared;
    private bool _done;

    public RecordFileSink(RecordFormat format, FileSettings settings)
    {
        _format = format;
        _settings = settings;
        _targetPath = Path.GetFullPath(settings.Path);
        _naming = new PartNaming(_targetPath);
    }

    private bool IsSplit => _settings.Split.IsSplit;

    /// <summary>The wrappers of every file this sink writes (its temporary names do not show them).</summary>
    private (Ferry.Files.Compression.CompressionKind, bool) Wrappers => (_settings.Compression, _settings.Encrypted);

    private string JournalPath => _targetPath + JournalSuffix;

    private string StatePath => IsSplit ? _naming.ManifestPath : JournalPath;

    public override ValueTask PrepareAsync(DatasetSchema schema, SinkPrepareOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        _schema = schema;
        if (_prepared)
        {
            return ValueTask.CompletedTask;
        }

        if (!options.CreateIfMissing && !File.Exists(_targetPath) && !File.Exists(StatePath))
        {
            throw new ConnectorConfigurationException($"{_targetPath} does not exist and creating it was not allowed.");
        }

        // An export may name a folder that does not exist yet (--to ./export/docs.json.gz), as the JSON Lines sink allows.
        Directory.CreateDirectory(_naming.Directory);
        if (options.Overwrite && !options.Resuming)
        {
            DeleteExisting();
        }

        Recover(cancellationToken);
        _prepared = true;
        return ValueTask.CompletedTask;
    }

    public override ValueTask<WriteResult> UpsertAsync(IReadOnlyList<Record> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        EnsurePrepared();
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Write(records, cancellationToken));
    }

    public override ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        EnsurePrepared();
        FlushToDisk();
        SaveState();
        _dirty = false;
        return ValueTask.CompletedTask;
    }

    public override async IAsyncEnumerable<Record> ReadByIdsAsync(IReadOnlyList<string> ids, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        EnsurePrepared();
        var wanted = new Dictionary<long, string>();
        foreach (var id in ids)
        {
            if (_index.TryGet(IdIndex.KeyOf(id), out var entry))
            {
                wanted[entry.Ordinal] = id;
            }
        }

        if (wanted.Count == 0)
        {
            yield break;
        }

        FlushToDisk();
        long first = 0;
        foreach (var part in AllFiles())
        {
            var count = part.Records ?? 0;
            var last = first + count;
            var needed = false;
            foreach (var ordinal in wanted.Keys)
            {
                if (ordinal >= first && ordinal < last)
                {
                    needed = true;
                    break;
                }
            }

            if (needed)
            {
                using var cursor = new PartCursor(part, _format, _settings, Typing.TypeSchema.Empty);
                var ordinal = first;
                while (ordinal < last && cursor.Read(out var record, out _))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (record is not null && wanted.TryGetValue(ordinal, out var id) && string.Equals(id, record.Id, StringComparison.Ordinal))
                    {
                        yield return record;
                    }

                    ordinal++;
                }
            }

            first = last;
            await Task.Yield();
        }
    }

    public override ValueTask<IReadOnlySet<string>> FindExistingAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (_index.Contains(id))
            {
                found.Add(id);
            }
        }

        return ValueTask.FromResult<IReadOnlySet<string>>(found);
    }

    public override ValueTask<long?> CountAsync(CancellationToken cancellationToken) => ValueTask.FromResult<long?>(_index.Count);

    public override ValueTask DisposeAsync()
    {
        if (!_done)
        {
            _done = true;
            if (_prepared && !_dirty)
            {
                Finish();
            }
            else
            {
                // A failed run: keep everything as of the last flush for the next run to recover.
                _open?.Abandon();
                _open = null;
            }
        }

        return base.DisposeAsync();
    }

    private void EnsurePrepared()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        if (!_prepared)
        {
            throw new InvalidOperationException("PrepareAsync must be called before writing.");
        }
    }

    private WriteResult Write(IReadOnlyList<Record> records, CancellationToken cancellationToken)
    {
        var written = 0;
        List<RecordFailure>? failures = null;
        for (var i = 0; i < records.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = records[i];
            var key = IdIndex.KeyOf(record.Id);
            var fingerprint = RecordFingerprint.Compute(record);
            var exists = _index.TryGet(key, out var previous);
            if (exists && previous.Fingerprint == fingerprint)
            {
                written++;
                continue;
            }

            try
            {
                WriteOne(record, records, i);
            }
            catch (Exception ex) when (ex is RecordException or ArgumentException or FormatException or InvalidOperationException && _open is not null)
            {
                (failures ??= []).Add(new RecordFailure(record.Id, ex is RecordException re ? re.Reason : ex.Message) { Record = record });
                continue;
            }

            if (exists)
            {
                _superseded.Add(previous.Ordinal);
            }

            _index.Set(key, new IdIndex.Entry(_nextOrdinal, fingerprint));
            _nextOrdinal++;
            _dirty = true;
            written++;
        }

        return new WriteResult(written, failures ?? (IReadOnlyList<RecordFailure>)[]);
    }

    private void WriteOne(Record record, IReadOnlyList<Record> batch, int position)
    {
        _open ??= OpenPart(Rest(batch, position));
        var size = _open.Writer.Prepare(record);
        if (_open.Records > 0 && NeedsNewPart(size))
        {
            _open.Writer.Discard();
            SealPart();
            _open = OpenPart(Rest(batch, position));
            _open.Writer.Prepare(record);
        }

        _open.Writer.Commit();
        _open.Records++;
    }

    private bool NeedsNewPart(long size)
    {
        var limits = _settings.Split;
        if (limits.MaxRecords is { } maxRecords && _open!.Records >= maxRecords)
        {
            return true;
        }

        return limits.MaxBytes is { } maxBytes
            && _open!.File.ProjectedBytes(size + _open.Writer.TrailerBytes + _open.Writer.BufferedBytes, Math.Clamp(maxBytes / 8, 4096, 1L << 20)) > maxBytes;
    }

    private static IReadOnlyList<Record> Rest(IReadOnlyList<Record> batch, int from)
    {
        if (from == 0)
        {
            return batch;
        }

        var rest = new Record[batch.Count - from];
        for (var i = from; i < batch.Count; i++)
        {
            rest[i - from] = batch[i];
        }

        return rest;
    }

    private OpenFile OpenPart(IReadOnlyList<Record> firstRecords)
    {
        var finalName = IsSplit ? _naming.PartFileName(_parts.Count + 1) : Path.GetFileName(_targetPath);
        var temporary = finalName + "." + Guid.NewGuid().ToString("N")[..TemporaryTagLength] + PartialSuffix;
        var file = WrappedFileWriter.Create(Path.Combine(_naming.Directory, temporary), _settings.WriteSettings());
        try
        {
            return new OpenFile(finalName, temporary, file, _format.CreateWriter(file.Stream, _schema, firstRecords));
        }
        catch
        {
            file.Abandon();
            AtomicFile.TryDelete(file.Path);
            throw;
        }
    }

    /// <summary>Completes the open part of a split output, renames it and lists it in the manifest.</summary>
    private void SealPart()
    {
        var open = _open!;
        open.Writer.Finish();
        var written = open.File.Complete();
        open.Writer.Dispose();
        var finalPath = Path.Combine(_naming.Directory, open.FinalName);
        AtomicFile.Replace(written.Path, finalPath);
        _parts.Add(new PartEntry(open.FinalName, open.Records, written.Bytes, written.Sha256));
        _open = null;
        SaveState();
    }

    private void FlushToDisk()
    {
        if (_open is null)
        {
            return;
        }

        _open.Writer.Flush();
        _open.File.Flush();
        _open.FlushedRecords = _open.Records;
        _open.FlushedBytes = _open.File.FileBytes;
    }

    private void SaveState()
    {
        var state = NewManifest(complete: false) with
        {
            Open = _open is null ? null : new OpenPart(_open.TemporaryName, _open.FlushedRecords, _open.FlushedBytes),
        };
        if (!IsSplit && state.Open is null && _parts.Count == 0)
        {
            AtomicFile.TryDelete(JournalPath);
            return;
        }

        state.Save(StatePath);
    }

    private PartManifest NewManifest(bool complete) => new()
    {
        RecordFormat = _format.Name,
        Compression = PartManifest.CompressionName(_settings.Compression),
        Encrypted = _settings.Encrypted,
        KeyId = _settings.Encrypted ? _settings.Key().KeyId : null,
        Complete = complete,
        Parts = IsSplit ? _parts.ToArray() : [],
    };

    /// <summary>Finishes the output after a successful run.</summary>
    private void Finish()
    {
        if (_superseded.Count > 0)
        {
            Compact();
            return;
        }

        if (IsSplit)
        {
            if (_open is null && _parts.Count == 0)
            {
                _open = OpenPart([]);
            }

            if (_open is not null)
            {
                SealPart();
            }

            NewManifest(complete: true).Save(_naming.ManifestPath);
            return;
        }

        _open ??= OpenPart([]);
        _open.Writer.Finish();
        var written = _open.File.Complete();
        _open.Writer.Dispose();
        AtomicFile.Replace(written.Path, _targetPath);
        _open = null;
        AtomicFile.TryDelete(JournalPath);
    }

    /// <summary>
    /// Rewrites the output without the superseded versions of records that were written more than once with
    /// different content. Runs only when a changed record replaced an earlier one in this output.
    /// </summary>
    private void Compact()
    {
        // Completed parts move aside first: the rewritten parts take their names.
        var sources = new List<PartFile>();
        foreach (var part in _parts)
        {
            var path = _naming.PathOf(part.Name);
            var aside = path + ".compacting";
            AtomicFile.Replace(path, aside);
            sources.Add(new PartFile(aside, part.Records, part.Bytes, part.Sha256) { Wrappers = Wrappers });
        }

        if (_open is not null)
        {
            _open.Writer.Finish();
            var written = _open.File.Complete();
            _open.Writer.Dispose();
            sources.Add(new PartFile(written.Path, _open.Records, written.Bytes, written.Sha256) { Wrappers = Wrappers });
            _open = null;
        }

        var superseded = new HashSet<long>(_superseded);
        _parts.Clear();
        _superseded.Clear();
        _index.Clear();
        _nextOrdinal = 0;
        long ordinal = 0;
        var batch = new List<Record>(RecoveryBatch);
        foreach (var source in sources)
        {
            using var cursor = new PartCursor(source, _format, _settings, Typing.TypeSchema.Empty);
            while (cursor.Read(out var record, out var failure))
            {
                if (record is null)
                {
                    throw new ConnectorException($"Cannot finish {_targetPath}: a record written earlier cannot be read back ({failure?.Message}).");
                }

                if (!superseded.Contains(ordinal))
                {
                    batch.Add(record);
                    if (batch.Count == RecoveryBatch)
                    {
                        WriteRecovered(batch);
                    }
                }

                ordinal++;
            }
        }

        WriteRecovered(batch);
        foreach (var source in sources)
        {
            AtomicFile.TryDelete(source.Path);
        }

        Finish();
    }

    private IEnumerable<PartFile> CompletedFiles()
    {
        foreach (var part in _parts)
        {
            yield return new PartFile(_naming.PathOf(part.Name), part.Records, part.Bytes, part.Sha256) { Wrappers = Wrappers };
        }
    }

    /// <summary>Every file holding records, in order: completed parts, then the open file up to its last flush.</summary>
    private IEnumerable<PartFile> AllFiles()
    {
        foreach (var part in CompletedFiles())
        {
            yield return part;
        }

        if (_open is not null)
        {
            yield return new PartFile(_open.File.Path, _open.FlushedRecords, _open.FlushedBytes, null) { Unfinished = true, Wrappers = Wrappers };
        }
    }

    private void WriteRecovered(List<Record> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var result = Write(batch, CancellationToken.None);
        if (result.Failures.Count > 0)
        {
            throw new ConnectorException($"Cannot carry over the existing records of {_targetPath}: {result.Failures[0].Message}");
        }

        batch.Clear();
    }

    private void DeleteExisting()
    {
        if (File.Exists(StatePath))
        {
            var state = PartManifest.Load(StatePath);
            foreach (var part in state.Parts)
            {
                AtomicFile.TryDelete(_naming.PathOf(part.Name));
            }

            if (state.Open is not null)
            {
                AtomicFile.TryDelete(_naming.PathOf(state.Open.Name));
            }

            AtomicFile.TryDelete(StatePath);
        }

        if (!IsSplit)
        {
            AtomicFile.TryDelete(_targetPath);
        }
    }

    /// <summary>
    /// Takes over what an earlier run left: completed parts are kept and indexed; the flushed records of an unfinished
    /// file, or every record of an existing unsplit file, are written again into a new file (the old one stays until
    /// the new one replaces it).
    /// </summary>
    private void Recover(CancellationToken cancellationToken)
    {
        PartManifest? state = File.Exists(StatePath) ? PartManifest.Load(StatePath) : null;
        if (state is not null && !string.Equals(state.RecordFormat, _format.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new ConnectorConfigurationException($"{StatePath} describes {state.RecordFormat} output, not {_format.Name}; remove it or choose another target.");
        }

        var carryOver = new List<PartFile>();
        if (IsSplit && state is not null)
        {
            long ordinal = 0;
            foreach (var part in state.Parts)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var file = new PartFile(_naming.PathOf(part.Name), part.Records, part.Bytes, part.Sha256) { Wrappers = Wrappers };
                using var cursor = new PartCursor(file, _format, _settings, Typing.TypeSchema.Empty);
                while (cursor.Read(out var record, out var failure))
                {
                    if (record is null)
                    {
                        throw new ConnectorException($"Cannot continue {StatePath}: part {part.Name} has a record that cannot be read ({failure?.Message}).");
                    }

                    var key = IdIndex.KeyOf(record.Id);
                    if (_index.TryGet(key, out var earlier))
                    {
                        _superseded.Add(earlier.Ordinal);
                    }

                    _index.Set(key, new IdIndex.Entry(ordinal++, RecordFingerprint.Compute(record)));
                }

                _parts.Add(part);
            }

            _nextOrdinal = ordinal;
        }
        else if (!IsSplit && state is null && File.Exists(_targetPath))
        {
            carryOver.Add(new PartFile(_targetPath, null, null, null) { Wrappers = Wrappers });
        }

        if (state?.Open is { } open)
        {
            carryOver.Add(new PartFile(_naming.PathOf(open.Name), open.Records, open.Bytes, null) { Unfinished = true, Wrappers = Wrappers });
        }

        var batch = new List<Record>(RecoveryBatch);
        foreach (var source in carryOver)
        {
            using (var cursor = new PartCursor(source, _format, _settings, Typing.TypeSchema.Empty))
            {
                while (cursor.Read(out var record, out var failure))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (record is null)
                    {
                        throw new ConnectorException(string.Create(CultureInfo.InvariantCulture, $"Cannot continue {source.Path}: a record at {cursor.Position} cannot be read ({failure?.Message})."));
                    }

                    batch.Add(record);
                    if (batch.Count == RecoveryBatch)
                    {
                        WriteRecovered(batch);
                    }
                }
            }

            WriteRecovered(batch);
        }

        if (_open is not null)
        {
            FlushToDisk();
        }

        if (state is not null || carryOver.Count > 0)
        {
            SaveState();
        }

        foreach (var source in carryOver)
        {
            if (source.Unfinished)
            {
                AtomicFile.TryDelete(source.Path);
            }
        }

        DeleteOrphans();
        _dirty = false;
    }

    /// <summary>
    /// Removes temporary files of this target that no journal or manifest refers to: files a failed run opened after
    /// its last flush, so nothing in them was ever durable.
    /// </summary>
    private void DeleteOrphans()
    {
        var prefix = IsSplit ? _naming.StemFileName + ".part-" : Path.GetFileName(_targetPath) + ".";
        foreach (var file in Directory.EnumerateFiles(_naming.Directory, prefix + "*" + PartialSuffix))
        {
            var name = Path.GetFileName(file);
            var ours = IsSplit
                ? name.StartsWith(prefix, StringComparison.Ordinal) && name.Contains(_settings.Name.Extension + _settings.Name.WrapperSuffix + ".", StringComparison.Ordinal)
                : name.Length == prefix.Length + TemporaryTagLength + PartialSuffix.Length;
            if (ours && (_open is null || !string.Equals(name, _open.TemporaryName, StringComparison.Ordinal)))
            {
                AtomicFile.TryDelete(file);
            }
        }
    }

    /// <summary>The file being written: its writers and how much of it is durable.</summary>
    private sealed class OpenFile(string finalName, string temporaryName, WrappedFileWriter file, RecordWriter writer)
    {
        public string FinalName { get; } = finalName;

        public string TemporaryName { get; } = temporaryName;

        public WrappedFileWriter File { get; } = file;

        public RecordWriter Writer { get; } = writer;

        public long Records { get; set; }

        public long FlushedRecords { get; set; }

        public long FlushedBytes { get; set; }

        public void Abandon()
        {
            Writer.Dispose();
            File.Abandon();
        }
    }
}
