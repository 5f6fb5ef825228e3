using System.Runtime.CompilerServices;
using Ferry.Files.Streams;
using Ferry.Files.Wrapping;
using Ferry.Plugins.Files.Typing;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Files.Wrapping;

/// <summary>
/// The folder layout: one file per record (<see cref="FolderNaming"/>), written to a temporary name, synced and
/// renamed over the old version, so an upsert replaces a record atomically and writing it twice leaves one file.
/// Compression and encryption apply to each file (e.g. <c>doc-1.json.gz.enc</c>).
/// </summary>
internal sealed class FolderSink : SinkConnector
{
    private readonly RecordFormat _format;
    private readonly FileSettings _settings;
    private readonly string _folder;
    private readonly string _extension;

    public FolderSink(RecordFormat format, FileSettings settings)
    {
        _format = format;
        _settings = settings;
        _folder = Path.GetFullPath(settings.Path);
        _extension = format.FolderExtension! + WrapperSuffix(settings);
    }

    public static string WrapperSuffix(FileSettings settings) =>
        WrappedName.SuffixOf(settings.Compression) + (settings.Encrypted ? WrappedName.EncryptedSuffix : string.Empty);

    public override ValueTask PrepareAsync(DatasetSchema schema, SinkPrepareOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(_folder))
        {
            if (!options.CreateIfMissing)
            {
                throw new ConnectorConfigurationException($"Folder {_folder} does not exist and creating it was not allowed.");
            }

            Directory.CreateDirectory(_folder);
        }
        else if (options.Overwrite && !options.Resuming)
        {
            foreach (var file in Directory.EnumerateFiles(_folder, "*" + _extension))
            {
                File.Delete(file);
            }
        }

        return ValueTask.CompletedTask;
    }

    public override ValueTask<WriteResult> UpsertAsync(IReadOnlyList<Record> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var written = 0;
        List<RecordFailure>? failures = null;
        var settings = _settings.WriteSettings();
        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var target = PathOf(record.Id);
            var temporary = target + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
            var file = WrappedFileWriter.Create(temporary, settings);
            try
            {
                _format.WriteSingle(record, file.Stream);
                file.Complete();
            }
            catch (Exception ex) when (ex is RecordException or ArgumentException or FormatException)
            {
                file.Abandon();
                AtomicFile.TryDelete(temporary);
                (failures ??= []).Add(new RecordFailure(record.Id, ex is RecordException re ? re.Reason : ex.Message) { Record = record });
                continue;
            }
            catch
            {
                file.Abandon();
                AtomicFile.TryDelete(temporary);
                throw;
            }

            AtomicFile.Replace(temporary, target);
            written++;
        }

        return ValueTask.FromResult(new WriteResult(written, failures ?? (IReadOnlyList<RecordFailure>)[]));
    }

    public override async IAsyncEnumerable<Record> ReadByIdsAsync(IReadOnlyList<string> ids, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = PathOf(id);
            if (!File.Exists(path))
            {
                continue;
            }

            using var cursor = new PartCursor(new PartFile(path, null, null, null), _format, _settings, TypeSchema.Empty);
            while (cursor.Read(out var record, out var failure))
            {
                if (record is null)
                {
                    throw new ConnectorException($"{path} cannot be read back: {failure?.Message}");
                }

                if (string.Equals(record.Id, id, StringComparison.Ordinal))
                {
                    yield return record;
                }
            }

            await Task.Yield();
        }
    }

    public override ValueTask<IReadOnlySet<string>> FindExistingAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (File.Exists(PathOf(id)))
            {
                found.Add(id);
            }
        }

        return ValueTask.FromResult<IReadOnlySet<string>>(found);
    }

    public override ValueTask<long?> CountAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_folder))
        {
            return ValueTask.FromResult<long?>(0);
        }

        long count = 0;
        foreach (var _ in Directory.EnumerateFiles(_folder, "*" + _extension))
        {
            count++;
        }

        return ValueTask.FromResult<long?>(count);
    }

    private string PathOf(string id) => Path.Combine(_folder, FolderNaming.FileNameOf(id, _extension));
}
