using System.Globalization;
using System.Runtime.CompilerServices;
using Ferry.Files.Splitting;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Filtering;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Files.Wrapping;

/// <summary>
/// Reads records from one file, or from the parts a manifest lists (the manifest itself, or the target name of a
/// split export whose manifest sits beside it), streaming, through decryption and decompression. Each part is a
/// partition; a resume token is <c>part:records</c>, the part index and the records of it already delivered.
/// </summary>
internal sealed class RecordFileSource : SourceConnector
{
    /// <summary>How many records <see cref="DescribeAsync"/> samples to find vector dimensions and metadata kinds.</summary>
    public const int DescribeSample = 1000;

    private readonly RecordFormat _format;
    private readonly FileSettings _settings;
    private readonly IReadOnlyList<PartFile> _files;
    private readonly long? _knownCount;

    public RecordFileSource(RecordFormat format, FileSettings settings, IReadOnlyList<PartFile> files, long? knownCount)
    {
        _format = format;
        _settings = settings;
        _files = files;
        _knownCount = knownCount;
    }

    /// <summary>
    /// The files a location reads: the file itself, or the parts of a manifest (given directly, or found beside a
    /// target name that does not exist). Returns the manifest too, when there is one.
    /// </summary>
    public static (IReadOnlyList<PartFile> Files, PartManifest? Manifest) Resolve(FileSettings settings)
    {
        var path = Path.GetFullPath(settings.Path);
        string? manifestPath = null;
        if (PartNaming.IsManifest(path))
        {
            manifestPath = path;
        }
        else if (!File.Exists(path))
        {
            var naming = new PartNaming(path);
            if (File.Exists(naming.ManifestPath))
            {
                manifestPath = naming.ManifestPath;
            }
            else
            {
                throw new ConnectorConfigurationException(Directory.Exists(path)
                    ? $"{path} is a folder; this format reads a file (for a folder of files use the json or markdown connector with layout=folder)."
                    : $"{path} does not exist (nor a split export's manifest {naming.ManifestPath}).");
            }
        }

        if (manifestPath is null)
        {
            return ([new PartFile(path, null, null, null)], null);
        }

        var manifest = PartManifest.Load(manifestPath);
        if (!manifest.Complete && !settings.Options.GetBoolean("allow_incomplete", false))
        {
            throw new ConnectorException(
                $"{manifestPath} describes an export that has not finished ({manifest.Parts.Count} completed parts, {manifest.Records:N0} records). Resume the export, or read the completed parts with allow_incomplete=true.");
        }

        var folder = Path.GetDirectoryName(manifestPath)!;
        var compression = PartManifest.ParseCompression(manifest.Compression);
        var files = new List<PartFile>(manifest.Parts.Count);
        foreach (var part in manifest.Parts)
        {
            files.Add(new PartFile(Path.Combine(folder, part.Name), part.Records, part.Bytes, part.Sha256) { Wrappers = (compression, manifest.Encrypted) });
        }

        return (files, manifest);
    }

    public override ValueTask<DatasetSchema> DescribeAsync(CancellationToken cancellationToken)
    {
        var vectors = new Dictionary<string, int>(StringComparer.Ordinal);
        var sparse = new SortedSet<string>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, MetadataKind?>(StringComparer.Ordinal);
        var order = new List<string>();
        bool hasText = false, hasTitle = false;
        var sampled = 0;
        foreach (var file in _files)
        {
            using var cursor = new PartCursor(file, _format, _settings, _settings.Types);
            while (sampled < DescribeSample && cursor.Read(out var record, out _))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (record is null)
                {
                    continue;
                }

                sampled++;
                hasText |= record.Text is not null;
                hasTitle |= record.Title is not null;
                foreach (var (name, vector) in record.Vectors)
                {
                    vectors.TryAdd(name, vector.Length);
                }

                foreach (var name in record.Sparse.Keys)
                {
                    sparse.Add(name);
                }

                foreach (var (key, value) in record.Metadata)
                {
                    if (!metadata.TryGetValue(key, out var kind))
                    {
                        order.Add(key);
                        metadata[key] = value.IsNull ? null : value.Kind;
                    }
                    else if (!value.IsNull && kind != value.Kind)
                    {
                        metadata[key] = kind is null ? value.Kind : null;
                    }
                }
            }

            if (sampled >= DescribeSample)
            {
                break;
            }
        }

        var fields = new List<MetadataField>(order.Count);
        foreach (var key in order)
        {
            fields.Add(new MetadataField(key, metadata[key]));
        }

        var vectorFields = new List<VectorField>(vectors.Count);
        foreach (var (name, dimension) in vectors)
        {
            vectorFields.Add(new VectorField(name, dimension, DistanceMetric.Cosine));
        }

        return ValueTask.FromResult(new DatasetSchema
        {
            Vectors = vectorFields,
            SparseVectors = sparse.ToArray(),
            Metadata = fields,
            HasText = hasText,
            HasTitle = hasTitle,
            Count = _knownCount,
            Properties = new Dictionary<string, string>
            {
                ["format"] = _format.Name,
                ["files"] = _files.Count.ToString(CultureInfo.InvariantCulture),
                ["sampled_records"] = sampled.ToString(CultureInfo.InvariantCulture),
            },
        });
    }

    public override ValueTask<long?> CountAsync(FilterExpression? filter, CancellationToken cancellationToken) =>
        ValueTask.FromResult(filter is null ? _knownCount : null);

    public override ValueTask<IReadOnlyList<SourcePartition>> GetPartitionsAsync(int desiredCount, CancellationToken cancellationToken)
    {
        var count = Math.Clamp(Math.Min(desiredCount, _files.Count), 1, int.MaxValue);
        if (count == 1)
        {
            return ValueTask.FromResult<IReadOnlyList<SourcePartition>>([SourcePartition.Whole]);
        }

        var partitions = new SourcePartition[count];
        for (var p = 0; p < count; p++)
        {
            var start = (long)_files.Count * p / count;
            var end = (long)_files.Count * (p + 1) / count;
            partitions[p] = new SourcePartition(
                "parts-" + p.ToString(CultureInfo.InvariantCulture),
                start.ToString(CultureInfo.InvariantCulture) + ":" + end.ToString(CultureInfo.InvariantCulture));
        }

        return ValueTask.FromResult<IReadOnlyList<SourcePartition>>(partitions);
    }

    public override async IAsyncEnumerable<RecordBatch> ReadAsync(ReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var (first, end) = RangeOf(request.Partition);
        var (part, skip) = request.ResumeToken is null ? (first, 0L) : ParseToken(request.ResumeToken, first, end);
        var batchSize = Math.Max(1, request.BatchSize);
        var maxBytes = Math.Max(1, request.MaxBatchBytes);
        for (; part < end; part++)
        {
            using var cursor = new PartCursor(_files[part], _format, _settings, _settings.Types);
            long position = 0;
            while (position < skip && cursor.Read(out _, out _))
            {
                position++;
            }

            skip = 0;
            var more = true;
            while (more)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var records = new List<Record>(Math.Min(batchSize, 1024));
                List<RecordFailure>? failures = null;
                long bytes = 0;
                while (records.Count < batchSize && bytes < maxBytes)
                {
                    if (!cursor.Read(out var record, out var failure))
                    {
                        more = false;
                        break;
                    }

                    position++;
                    if (record is not null)
                    {
                        records.Add(record);
                        bytes += RecordSize.Estimate(record);
                    }
                    else
                    {
                        (failures ??= []).Add(failure!);
                    }
                }

                if (records.Count > 0 || failures is not null)
                {
                    yield return new RecordBatch(records, Token(part, position), request.Partition, failures);
                }
            }

            await Task.Yield();
        }
    }

    private static string Token(int part, long records) =>
        part.ToString(CultureInfo.InvariantCulture) + ":" + records.ToString(CultureInfo.InvariantCulture);

    private (int First, int End) RangeOf(SourcePartition partition)
    {
        if (partition.Descriptor is null)
        {
            return (0, _files.Count);
        }

        var parts = partition.Descriptor.Split(':');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            && first <= end && end <= _files.Count
            ? (first, end)
            : throw new ConnectorConfigurationException($"Partition '{partition.Id}' ('{partition.Descriptor}') is not a range of the {_files.Count} parts of this source.");
    }

    private static (int Part, long Records) ParseToken(string token, int first, int end)
    {
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        return colon > 0
            && int.TryParse(token.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var part)
            && long.TryParse(token.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var records)
            && part >= first && part < end
            ? (part, records)
            : throw new ConnectorConfigurationException($"Resume token '{token}' is not part:records within parts {first}..{end - 1} of this source.");
    }
}
