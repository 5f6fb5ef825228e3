using System.Globalization;
using System.Runtime.CompilerServices;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Filtering;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Chroma.Internal;

/// <summary>
/// Reads a Chroma collection with <c>POST …/get</c>, paged by <c>offset</c>/<c>limit</c>.
/// <para>
/// Chroma's get has no cursor (neither v1 nor the v2 API of this OpenAPI document, nor its newer <c>search</c>
/// endpoint, which pages by offset as well). Its pages follow the collection's internal insertion order, which an
/// update does not change and only a delete or an insert shifts. So offset paging is exact for a collection that
/// nobody writes during the migration, which is the documented precondition: the resume token is the offset of the
/// next record, and a partition is a range of offsets. The last partition is open-ended so that records appended
/// during the run are still read.
/// </para>
/// </summary>
internal sealed class ChromaSource : SourceConnector
{
    /// <summary>The records sampled to describe metadata fields.</summary>
    private const int SampleRecords = 100;

    private readonly ChromaSettings _settings;
    private readonly ChromaClient _client;
    private readonly ChromaRecordCodec _codec;
    private ChromaCollection? _collection;

    public ChromaSource(ChromaSettings settings, ChromaClient client)
    {
        _settings = settings;
        _client = client;
        _codec = new ChromaRecordCodec(settings);
    }

    public override bool CanSearch => true;

    /// <summary>Equality and IN on plain string/boolean metadata, and AND/OR of those, go to Chroma's where (see <see cref="ChromaWhere"/>).</summary>
    public override bool CanEvaluate(FilterExpression filter) => ChromaWhere.CanPush(filter, _settings);

    public override async ValueTask<DatasetSchema> DescribeAsync(CancellationToken cancellationToken)
    {
        var collection = await GetCollectionAsync(cancellationToken).ConfigureAwait(false);
        var count = await _client.CountAsync(collection.Id, cancellationToken).ConfigureAwait(false);
        var sample = ChromaPage.Parse(await _client.GetPageAsync(collection.Id, 0, SampleRecords, cancellationToken).ConfigureAwait(false));
        var dimension = collection.Dimension;
        var observer = new MetadataFieldObserver();
        var hasText = false;
        var hasTitle = false;
        var sparse = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sample.Count; i++)
        {
            var (record, _) = _codec.Decode(sample, i, dimension);
            if (record is null)
            {
                continue;
            }

            dimension ??= record.Vector?.Length;
            hasText |= record.Text is not null;
            hasTitle |= record.Title is not null;
            sparse.UnionWith(record.Sparse.Keys);
            observer.Observe(record.Metadata);
        }

        var metadata = observer.Fields();
        var vectors = dimension is { } d
            ? new[] { new VectorField(Record.DefaultVectorName, d, ChromaSpace.ToMetric(collection.Space) ?? Sdk.Schema.DistanceMetric.L2) }
            : [];
        return new DatasetSchema
        {
            Vectors = vectors,
            SparseVectors = [.. sparse],
            Metadata = metadata,
            HasText = hasText,
            HasTitle = hasTitle,
            Count = count,
            Properties = new Dictionary<string, string>
            {
                ["system"] = "chroma",
                ["collection"] = _settings.Location,
                ["collection_id"] = collection.Id,
                ["space"] = collection.Space,
                ["space_source"] = collection.SpaceSource,
                ["paging"] = "offset (insertion order; exact while the collection is not written)",
            },
        };
    }

    public override async ValueTask<long?> CountAsync(FilterExpression? filter, CancellationToken cancellationToken)
    {
        if (filter is not null)
        {
            return null;
        }

        var collection = await GetCollectionAsync(cancellationToken).ConfigureAwait(false);
        return await _client.CountAsync(collection.Id, cancellationToken).ConfigureAwait(false);
    }

    public override async ValueTask<IReadOnlyList<SourcePartition>> GetPartitionsAsync(int desiredCount, CancellationToken cancellationToken)
    {
        var collection = await GetCollectionAsync(cancellationToken).ConfigureAwait(false);
        var count = await _client.CountAsync(collection.Id, cancellationToken).ConfigureAwait(false);
        var partitions = (int)Math.Min(desiredCount, Math.Max(1, count / _settings.PartitionMinRecords));
        if (partitions <= 1)
        {
            return [SourcePartition.Whole];
        }

        var result = new List<SourcePartition>(partitions);
        for (var i = 0; i < partitions; i++)
        {
            var start = count * i / partitions;
            long? end = i == partitions - 1 ? null : count * (i + 1) / partitions;
            result.Add(OffsetRange.ToPartition(start, end));
        }

        return result;
    }

    public override async IAsyncEnumerable<RecordBatch> ReadAsync(ReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var range = OffsetRange.FromPartition(request.Partition);
        var offset = request.ResumeToken is null ? range.Start : ParseToken(request.ResumeToken);
        if (offset < range.Start)
        {
            throw new ConnectorConfigurationException($"Resume token {offset} lies before partition '{request.Partition.Id}' (offsets from {range.Start}).");
        }

        var collection = await GetCollectionAsync(cancellationToken).ConfigureAwait(false);
        var pageSize = PageSize(request, collection.Dimension);

        // With a filter, offsets count the records Chroma's where lets through (stable as long as nobody writes),
        // and Ferry's evaluator has the last word on each record.
        var filter = request.Filter is null ? null : FilterEvaluator.Compile(request.Filter);
        var where = request.Filter is not null && ChromaWhere.CanPush(request.Filter, _settings)
            ? ChromaJson.Write(writer => ChromaWhere.TryWrite(request.Filter, _settings, writer))
            : (ReadOnlyMemory<byte>?)null;
        while (range.End is null || offset < range.End)
        {
            var limit = range.End is { } end ? (int)Math.Min(pageSize, end - offset) : pageSize;
            var body = await _client.GetPageAsync(collection.Id, offset, limit, cancellationToken, where).ConfigureAwait(false);
            var page = ChromaPage.Parse(body);
            if (page.Count == 0)
            {
                yield break;
            }

            var records = new List<Record>(page.Count);
            List<RecordFailure>? failures = null;
            for (var i = 0; i < page.Count; i++)
            {
                var (record, failure) = _codec.Decode(page, i, collection.Dimension);
                if (record is not null)
                {
                    if (filter is null || filter.Matches(record))
                    {
                        records.Add(record);
                    }
                }
                else
                {
                    (failures ??= []).Add(failure! with { Line = offset + i + 1 });
                }
            }

            offset += page.Count;
            yield return new RecordBatch(records, offset.ToString(CultureInfo.InvariantCulture), request.Partition, failures);
            if (page.Count < limit)
            {
                yield break;
            }
        }
    }

    public override async ValueTask<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var collection = await GetCollectionAsync(cancellationToken).ConfigureAwait(false);
        return await ChromaSearch.RunAsync(_client, collection, request, cancellationToken).ConfigureAwait(false);
    }

    public override ValueTask DisposeAsync()
    {
        _client.Dispose();
        return base.DisposeAsync();
    }

    private static long ParseToken(string token) =>
        long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? offset
            : throw new ConnectorConfigurationException($"Chroma resume token must be a record offset, got '{token}'.");

    private static int PageSize(ReadRequest request, int? dimension)
    {
        // Text and metadata are unknown before reading; a kilobyte per record on top of the vector is a fair guess.
        var perRecord = ((long)(dimension ?? 1024) * sizeof(float)) + 1024;
        var byBytes = Math.Max(1, request.MaxBatchBytes / perRecord);
        return (int)Math.Clamp(Math.Min(request.BatchSize, byBytes), 1, int.MaxValue);
    }

    private async ValueTask<ChromaCollection> GetCollectionAsync(CancellationToken cancellationToken) =>
        _collection ??= await _client.GetCollectionAsync(cancellationToken).ConfigureAwait(false);
}
