using System.Globalization;
using System.Runtime.CompilerServices;
using Ferry.Frame.Format;
using Ferry.Frame.Manifests;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Filtering;
using Ferry.Sdk.Schema;

namespace Ferry.Frame.Connector;

/// <summary>
/// Reads a Frame dataset as a migration source. The source reads one version throughout (the latest when it is first
/// used, or the <c>version</c> option), so partitions and resume tokens stay valid while other writers commit: both
/// name the version, and a resumed run reads the same snapshot. Any filter is evaluated in the store, before records
/// are built.
/// </summary>
internal sealed class FrameSourceConnector : SourceConnector
{
    private readonly string _path;
    private readonly long? _pinnedVersion;
    private readonly FrameDatasetOptions _options;
    private readonly Dictionary<long, FrameDataset> _open = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _version;

    public FrameSourceConnector(string path, long? version, FrameDatasetOptions options)
    {
        _path = path;
        _pinnedVersion = version;
        _options = options;
    }

    public override bool CanSearch => true;

    public override async ValueTask<DatasetSchema> DescribeAsync(CancellationToken cancellationToken)
    {
        var dataset = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        var schema = dataset.Schema;
        var properties = new Dictionary<string, string>(schema.Properties, StringComparer.Ordinal)
        {
            ["frame.version"] = dataset.Version.ToString(CultureInfo.InvariantCulture),
            ["frame.fragments"] = dataset.FragmentCount.ToString(CultureInfo.InvariantCulture),
            ["frame.path"] = dataset.Path,
        };
        return schema with { Properties = properties };
    }

    public override async ValueTask<long?> CountAsync(FilterExpression? filter, CancellationToken cancellationToken)
    {
        var dataset = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        return await dataset.CountAsync(filter, cancellationToken).ConfigureAwait(false);
    }

    public override bool CanEvaluate(FilterExpression filter) => true;

    /// <summary>Contiguous fragment row ranges of about equal row counts; a large fragment is split by rows.</summary>
    public override async ValueTask<IReadOnlyList<SourcePartition>> GetPartitionsAsync(int desiredCount, CancellationToken cancellationToken)
    {
        var dataset = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        var manifest = dataset.Manifest;
        long total = 0;
        foreach (var fragment in manifest.Fragments)
        {
            total += fragment.Rows;
        }

        var count = (int)Math.Max(1, Math.Min(desiredCount, total));
        var perPartition = (total + count - 1) / Math.Max(1, count);
        var partitions = new List<SourcePartition>(count);
        var ranges = new List<FrameRowRange>();
        long filled = 0;
        foreach (var fragment in manifest.Fragments)
        {
            var start = 0;
            var rows = (int)fragment.Rows;
            while (start < rows)
            {
                var take = (int)Math.Min(rows - start, perPartition - filled);
                ranges.Add(new FrameRowRange(fragment.Id, start, start + take));
                start += take;
                filled += take;
                if (filled == perPartition)
                {
                    partitions.Add(Partition(manifest.Version, partitions.Count, ranges));
                    ranges = [];
                    filled = 0;
                }
            }
        }

        if (ranges.Count > 0 || partitions.Count == 0)
        {
            partitions.Add(Partition(manifest.Version, partitions.Count, ranges));
        }

        return partitions;
    }

    public override async IAsyncEnumerable<RecordBatch> ReadAsync(ReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var partition = request.Partition;
        FrameResumeToken? resume = request.ResumeToken is null ? null : FrameResumeToken.Parse(request.ResumeToken);
        FramePartition slice;
        if (partition.Descriptor is not null)
        {
            slice = FramePartition.Parse(partition.Descriptor);
        }
        else
        {
            var version = resume?.Version ?? (await CurrentAsync(cancellationToken).ConfigureAwait(false)).Version;
            var whole = await AtVersionAsync(version, cancellationToken).ConfigureAwait(false);
            var all = new List<FrameRowRange>(whole.Manifest.Fragments.Count);
            foreach (var fragment in whole.Manifest.Fragments)
            {
                all.Add(new FrameRowRange(fragment.Id, 0, (int)fragment.Rows));
            }

            slice = new FramePartition(version, all);
        }

        if (resume is { } token && token.Version != slice.Version)
        {
            throw new ConnectorConfigurationException($"Resume token '{request.ResumeToken}' is for version {token.Version}, partition '{partition.Id}' reads version {slice.Version}.");
        }

        var dataset = await AtVersionAsync(slice.Version, cancellationToken).ConfigureAwait(false);
        var fragments = new Dictionary<long, FragmentEntry>();
        foreach (var fragment in dataset.Manifest.Fragments)
        {
            fragments[fragment.Id] = fragment;
        }

        var filter = request.Filter is null ? null : FilterEvaluator.Compile(request.Filter);
        var batchSize = Math.Max(1, request.BatchSize);
        var maxBytes = Math.Max(1, request.MaxBatchBytes);

        // Skip the ranges before the token; within the token's range start at its row.
        var startIndex = 0;
        var startRow = -1;
        if (resume is { } position)
        {
            startIndex = slice.Ranges.Count;
            for (var i = 0; i < slice.Ranges.Count; i++)
            {
                var range = slice.Ranges[i];
                if (range.FragmentId == position.FragmentId && position.Row >= range.Start && position.Row <= range.End)
                {
                    startIndex = i;
                    startRow = position.Row;
                    break;
                }
            }

            if (startIndex == slice.Ranges.Count)
            {
                throw new ConnectorConfigurationException($"Resume token '{request.ResumeToken}' does not point into partition '{partition.Id}'.");
            }
        }

        for (var i = startIndex; i < slice.Ranges.Count; i++)
        {
            var range = slice.Ranges[i];
            if (!fragments.TryGetValue(range.FragmentId, out var fragment))
            {
                throw new ConnectorException($"Fragment {range.FragmentId} is not part of version {slice.Version} of '{_path}'.");
            }

            var row = i == startIndex && startRow >= 0 ? startRow : range.Start;
            while (row < range.End)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var records = dataset.ReadFragment(fragment, row, range.End, batchSize, maxBytes, RecordSize.Estimate, filter, RecordProjection.All, out var next);
                row = next;
                if (records.Count > 0)
                {
                    yield return new RecordBatch(records, new FrameResumeToken(slice.Version, range.FragmentId, row).ToString(), partition);
                }
            }
        }
    }

    public override async ValueTask<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var dataset = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        return await FrameSinkConnector.SearchAsync(dataset, request, cancellationToken).ConfigureAwait(false);
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var dataset in _open.Values)
        {
            await dataset.DisposeAsync().ConfigureAwait(false);
        }

        _open.Clear();
        _gate.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private static SourcePartition Partition(long version, int index, List<FrameRowRange> ranges)
    {
        var partition = new FramePartition(version, ranges);
        return new SourcePartition(string.Create(CultureInfo.InvariantCulture, $"v{version}-p{index}"), partition.ToDescriptor());
    }

    private async ValueTask<FrameDataset> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_version == 0)
        {
            if (_pinnedVersion is { } pinned)
            {
                _version = pinned;
            }
            else
            {
                if (!FrameDataset.Exists(_path))
                {
                    throw new ConnectorConfigurationException($"There is no Frame dataset at '{_path}'.");
                }

                var latest = await FrameDataset.OpenAsync(_path, _options, cancellationToken).ConfigureAwait(false);
                _version = latest.Version;
                await latest.DisposeAsync().ConfigureAwait(false);
            }
        }

        return await AtVersionAsync(_version, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<FrameDataset> AtVersionAsync(long version, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_open.TryGetValue(version, out var dataset))
            {
                try
                {
                    dataset = await FrameDataset.OpenAsync(_path, version, _options, cancellationToken).ConfigureAwait(false);
                }
                catch (FrameVersionNotFoundException ex)
                {
                    throw new ConnectorConfigurationException($"Version {version} of the Frame dataset '{_path}' is not there (cleaned up?): {ex.Message}", ex);
                }

                _open[version] = dataset;
            }

            return dataset;
        }
        finally
        {
            _gate.Release();
        }
    }
}
