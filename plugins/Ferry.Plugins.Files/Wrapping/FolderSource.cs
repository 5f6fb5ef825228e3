using System.Globalization;
using System.Runtime.CompilerServices;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Files.Wrapping;

/// <summary>
/// Reads a folder of one-record files (the folder layout, or any folder of <c>.md</c> / <c>.json</c> files), in
/// ordinal order of the file names, subfolders included. A partition is a range of that order; a resume token is the
/// relative path of the last file delivered, so files added or removed meanwhile never shift what is skipped.
/// </summary>
internal sealed class FolderSource : SourceConnector
{
    private readonly RecordFormat _format;
    private readonly FileSettings _settings;
    private readonly string _folder;
    private readonly string[] _files;

    public FolderSource(RecordFormat format, FileSettings settings)
    {
        _format = format;
        _settings = settings;
        _folder = Path.GetFullPath(settings.Path);
        if (!Directory.Exists(_folder))
        {
            throw new ConnectorConfigurationException($"Folder {_folder} does not exist.");
        }

        var files = new List<string>();
        foreach (var file in Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories))
        {
            var name = Ferry.Files.Wrapping.WrappedName.Parse(file);
            if (string.Equals(name.Extension, format.FolderExtension, StringComparison.OrdinalIgnoreCase)
                || (format.FolderExtension == ".md" && name.Extension == ".markdown"))
            {
                files.Add(Path.GetRelativePath(_folder, file).Replace('\\', '/'));
            }
        }

        files.Sort(StringComparer.Ordinal);
        _files = files.ToArray();
    }

    public override async ValueTask<DatasetSchema> DescribeAsync(CancellationToken cancellationToken)
    {
        var parts = new List<PartFile>();
        foreach (var file in _files)
        {
            parts.Add(new PartFile(Path.Combine(_folder, file), null, null, null));
        }

        var inner = new RecordFileSource(_format, _settings, parts, null);
        var schema = await inner.DescribeAsync(cancellationToken).ConfigureAwait(false);
        return schema with { Count = _files.Length };
    }

    public override ValueTask<long?> CountAsync(Sdk.Filtering.FilterExpression? filter, CancellationToken cancellationToken) =>
        ValueTask.FromResult(filter is null ? (long?)_files.Length : null);

    public override ValueTask<IReadOnlyList<SourcePartition>> GetPartitionsAsync(int desiredCount, CancellationToken cancellationToken)
    {
        var count = Math.Clamp(Math.Min(desiredCount, _files.Length), 1, int.MaxValue);
        var partitions = new SourcePartition[count];
        for (var p = 0; p < count; p++)
        {
            var start = (long)_files.Length * p / count;
            var end = (long)_files.Length * (p + 1) / count;
            partitions[p] = count == 1
                ? SourcePartition.Whole
                : new SourcePartition("files-" + p.ToString(CultureInfo.InvariantCulture), start.ToString(CultureInfo.InvariantCulture) + ":" + end.ToString(CultureInfo.InvariantCulture));
        }

        return ValueTask.FromResult<IReadOnlyList<SourcePartition>>(partitions);
    }

    public override async IAsyncEnumerable<RecordBatch> ReadAsync(ReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var (start, end) = RangeOf(request.Partition);
        if (request.ResumeToken is { } token)
        {
            // Resume after the named file: the first file that sorts after it.
            var index = Array.BinarySearch(_files, start, end - start, token, StringComparer.Ordinal);
            start = index >= 0 ? index + 1 : ~index;
        }

        var batchSize = Math.Max(1, request.BatchSize);
        var records = new List<Record>();
        List<RecordFailure>? failures = null;
        long bytes = 0;
        for (var i = start; i < end; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using (var cursor = new PartCursor(new PartFile(Path.Combine(_folder, _files[i]), null, null, null), _format, _settings, _settings.Types))
            {
                while (cursor.Read(out var record, out var failure))
                {
                    if (record is not null)
                    {
                        records.Add(record);
                        bytes += RecordSize.Estimate(record);
                    }
                    else
                    {
                        (failures ??= []).Add(failure! with { Message = _files[i] + ": " + failure!.Message });
                    }
                }
            }

            if (records.Count >= batchSize || bytes >= request.MaxBatchBytes || i == end - 1)
            {
                yield return new RecordBatch(records, _files[i], request.Partition, failures);
                records = [];
                failures = null;
                bytes = 0;
                await Task.Yield();
            }
        }
    }

    private (int Start, int End) RangeOf(SourcePartition partition)
    {
        if (partition.Descriptor is null)
        {
            return (0, _files.Length);
        }

        var parts = partition.Descriptor.Split(':');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            && start <= end && end <= _files.Length
            ? (start, end)
            : throw new ConnectorConfigurationException($"Partition '{partition.Id}' ('{partition.Descriptor}') is not a range of the {_files.Length} files of {_folder}.");
    }
}
