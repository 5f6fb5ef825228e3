using System.Globalization;
using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Filtering;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.DynamoDb.Internal;

/// <summary>
/// Reads a DynamoDB table with Scan: one partition per parallel-scan segment (Segment/TotalSegments), one batch per
/// Scan page (at most the batch size, and at most 1 MB as DynamoDB cuts pages), resumed from the page's
/// LastEvaluatedKey.
/// </summary>
internal sealed class DynamoSource : SourceConnector
{
    /// <summary>Items sampled to find the vector dimension and describe metadata.</summary>
    private const int SampleItems = 100;

    /// <summary>Segments of the parallel COUNT scan.</summary>
    private const int CountSegments = 4;

    private readonly DynamoSettings _settings;
    private readonly AmazonDynamoDBClient _client;
    private TableDescription? _table;
    private DynamoItemReader? _reader;
    private int? _dimension;
    private bool _dimensionResolved;

    public DynamoSource(DynamoSettings settings, AmazonDynamoDBClient client)
    {
        _settings = settings;
        _client = client;
    }

    public override async ValueTask<DatasetSchema> DescribeAsync(CancellationToken cancellationToken)
    {
        var table = await GetTableAsync(cancellationToken).ConfigureAwait(false);
        var reader = await GetReaderAsync(cancellationToken).ConfigureAwait(false);
        var sample = await SampleAsync(cancellationToken).ConfigureAwait(false);
        var dimension = await GetDimensionAsync(cancellationToken).ConfigureAwait(false);
        var observer = new MetadataFieldObserver();
        var hasText = false;
        var hasTitle = false;
        var named = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var sparse = new SortedSet<string>(StringComparer.Ordinal);
        var binary = 0;
        var list = 0;
        foreach (var item in sample)
        {
            if (item.TryGetValue(_settings.VectorAttribute, out var vectorValue))
            {
                binary += vectorValue.B is null ? 0 : 1;
                list += vectorValue.L is null ? 0 : 1;
            }

            var (record, _) = reader.Read(item, dimension);
            if (record is null)
            {
                continue;
            }

            hasText |= record.Text is not null;
            hasTitle |= record.Title is not null;
            sparse.UnionWith(record.Sparse.Keys);
            foreach (var (name, vector) in record.Vectors)
            {
                if (name != Record.DefaultVectorName)
                {
                    named.TryAdd(name, vector.Length);
                }
            }

            observer.Observe(record.Metadata);
        }

        var vectors = new List<VectorField>();
        if (dimension is { } d)
        {
            vectors.Add(new VectorField(Record.DefaultVectorName, d, _settings.Metric));
        }

        foreach (var (name, length) in named)
        {
            vectors.Add(new VectorField(name, length, _settings.Metric));
        }

        var key = KeySchema.FromTable(table);
        var properties = new Dictionary<string, string>
        {
            ["system"] = "dynamodb",
            ["table"] = _settings.Location,
            ["partition_key"] = $"{key.Partition.Name}:{key.Partition.Type}",
            ["vector_attribute"] = _settings.VectorAttribute,
            ["item_count_approximate"] = (table.ItemCount ?? 0).ToString(CultureInfo.InvariantCulture),
        };
        if (key.Sort is { } sort)
        {
            properties["sort_key"] = $"{sort.Name}:{sort.Type}";
            properties["id_format"] = $"PARTITION{_settings.IdSeparator}SORT";
        }

        if (binary + list > 0)
        {
            properties[DynamoSink.VectorFormatProperty] = binary > list ? "binary" : "list";
        }

        return new DatasetSchema
        {
            Vectors = vectors,
            SparseVectors = [.. sparse],
            Metadata = observer.Fields(),
            HasText = hasText,
            HasTitle = hasTitle,

            // DescribeTable's ItemCount is refreshed only every few hours on AWS: not a count to validate against.
            Count = null,
            Properties = properties,
        };
    }

    /// <summary>Counts with a parallel Scan of Select=COUNT (reads every item's key: exact, but a full scan's capacity).</summary>
    public override async ValueTask<long?> CountAsync(FilterExpression? filter, CancellationToken cancellationToken)
    {
        if (filter is not null)
        {
            return null;
        }

        return await DynamoCount.CountAsync(_client, _settings, CountSegments, cancellationToken).ConfigureAwait(false);
    }

    public override ValueTask<IReadOnlyList<SourcePartition>> GetPartitionsAsync(int desiredCount, CancellationToken cancellationToken)
    {
        var count = Math.Clamp(desiredCount, 1, ScanSegment.MaxSegments);
        if (count == 1)
        {
            return ValueTask.FromResult<IReadOnlyList<SourcePartition>>([SourcePartition.Whole]);
        }

        var partitions = new SourcePartition[count];
        for (var i = 0; i < count; i++)
        {
            partitions[i] = ScanSegment.ToPartition(i, count);
        }

        return ValueTask.FromResult<IReadOnlyList<SourcePartition>>(partitions);
    }

    public override async IAsyncEnumerable<RecordBatch> ReadAsync(ReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var segment = ScanSegment.FromPartition(request.Partition);
        if (ScanToken.IsEnd(request.ResumeToken))
        {
            yield break;
        }

        var startKey = ScanToken.Parse(request.ResumeToken);
        var reader = await GetReaderAsync(cancellationToken).ConfigureAwait(false);
        var dimension = await GetDimensionAsync(cancellationToken).ConfigureAwait(false);
        var limit = PageSize(request, dimension);
        while (true)
        {
            var scan = new ScanRequest
            {
                TableName = _settings.Table,
                Limit = limit,
                ConsistentRead = _settings.ConsistentRead,
                ExclusiveStartKey = startKey,
            };
            if (!segment.IsWhole)
            {
                scan.Segment = segment.Segment;
                scan.TotalSegments = segment.TotalSegments;
            }

            var page = await DynamoCalls.RunAsync(ct => _client.ScanAsync(scan, ct), "scan", _settings, cancellationToken).ConfigureAwait(false);
            var items = page.Items ?? [];
            var records = new List<Record>(items.Count);
            List<RecordFailure>? failures = null;
            foreach (var item in items)
            {
                var (record, failure) = reader.Read(item, dimension);
                if (record is not null)
                {
                    records.Add(record);
                }
                else
                {
                    (failures ??= []).Add(failure!);
                }
            }

            var last = page.LastEvaluatedKey is null || page.LastEvaluatedKey.Count == 0;
            if (records.Count > 0 || failures is not null || last)
            {
                yield return new RecordBatch(records, ScanToken.Of(last ? null : page.LastEvaluatedKey), request.Partition, failures);
            }

            if (last)
            {
                yield break;
            }

            startKey = page.LastEvaluatedKey;
        }
    }

    public override ValueTask DisposeAsync()
    {
        _client.Dispose();
        return base.DisposeAsync();
    }

    private static int PageSize(ReadRequest request, int? dimension)
    {
        // Attributes other than the vector are unknown before reading; a kilobyte per item is a fair guess.
        var perItem = ((long)(dimension ?? 256) * 12) + 1024;
        return (int)Math.Clamp(Math.Min(request.BatchSize, Math.Max(1, request.MaxBatchBytes / perItem)), 1, int.MaxValue);
    }

    private async ValueTask<TableDescription> GetTableAsync(CancellationToken cancellationToken)
    {
        if (_table is null)
        {
            var response = await DynamoCalls.RunAsync(ct => _client.DescribeTableAsync(_settings.Table, ct), "describe table", _settings, cancellationToken).ConfigureAwait(false);
            _table = response.Table;
        }

        return _table;
    }

    private async ValueTask<DynamoItemReader> GetReaderAsync(CancellationToken cancellationToken) =>
        _reader ??= new DynamoItemReader(_settings, KeySchema.FromTable(await GetTableAsync(cancellationToken).ConfigureAwait(false)));

    private async ValueTask<List<Dictionary<string, AttributeValue>>> SampleAsync(CancellationToken cancellationToken)
    {
        var response = await DynamoCalls.RunAsync(
            ct => _client.ScanAsync(new ScanRequest { TableName = _settings.Table, Limit = SampleItems }, ct), "scan", _settings, cancellationToken).ConfigureAwait(false);
        return response.Items ?? [];
    }

    /// <summary>The option <c>dimension</c>, else the most common length of the vectors in a sample of items.</summary>
    private async ValueTask<int?> GetDimensionAsync(CancellationToken cancellationToken)
    {
        if (_dimensionResolved)
        {
            return _dimension;
        }

        if (_settings.Dimension is { } configured)
        {
            _dimension = configured;
        }
        else
        {
            var reader = await GetReaderAsync(cancellationToken).ConfigureAwait(false);
            var lengths = new Dictionary<int, int>();
            foreach (var item in await SampleAsync(cancellationToken).ConfigureAwait(false))
            {
                var (record, _) = reader.Read(item, null);
                if (record?.Vector is { } vector)
                {
                    lengths[vector.Length] = lengths.GetValueOrDefault(vector.Length) + 1;
                }
            }

            _dimension = lengths.Count == 0 ? null : lengths.MaxBy(pair => (pair.Value, -pair.Key)).Key;
        }

        _dimensionResolved = true;
        return _dimension;
    }
}
