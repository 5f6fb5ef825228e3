using System.Globalization;
using System.Runtime.CompilerServices;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Filtering;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Sample.Internal;

/// <summary>
/// A source over the records 0..count-1 of a sequence. Partitions are contiguous index ranges (descriptor
/// <c>start:end</c>); the resume token of a batch is the index right after it.
/// </summary>
internal sealed class SequenceSource : SourceConnector
{
    private readonly SequenceOptions _options;

    public SequenceSource(SequenceOptions options)
    {
        _options = options;
    }

    public override ValueTask<DatasetSchema> DescribeAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new DatasetSchema
        {
            Vectors = [new VectorField(Record.DefaultVectorName, _options.Dimension, DistanceMetric.Cosine)],
            Metadata =
            [
                new MetadataField("index", MetadataKind.Integer) { Nullable = false },
                new MetadataField("even", MetadataKind.Bool) { Nullable = false },
                new MetadataField("score", MetadataKind.Float) { Nullable = false },
                new MetadataField("label", MetadataKind.String) { Nullable = false },
                new MetadataField("created", MetadataKind.Timestamp) { Nullable = false },
                new MetadataField("tags", MetadataKind.Array) { Nullable = false, ItemKind = MetadataKind.String },
            ],
            HasText = true,
            HasTitle = true,
            Count = _options.Count,
            Properties = new Dictionary<string, string> { ["seed"] = _options.Seed.ToString(CultureInfo.InvariantCulture) },
        });

    public override ValueTask<long?> CountAsync(FilterExpression? filter, CancellationToken cancellationToken) =>
        ValueTask.FromResult(filter is null ? _options.Count : (long?)null);

    public override ValueTask<IReadOnlyList<SourcePartition>> GetPartitionsAsync(int desiredCount, CancellationToken cancellationToken)
    {
        var count = (int)Math.Clamp(Math.Min(desiredCount, _options.Count), 1, int.MaxValue);
        var partitions = new SourcePartition[count];
        for (var p = 0; p < count; p++)
        {
            var start = _options.Count * p / count;
            var end = _options.Count * (p + 1) / count;
            partitions[p] = new SourcePartition(
                p.ToString(CultureInfo.InvariantCulture),
                start.ToString(CultureInfo.InvariantCulture) + ":" + end.ToString(CultureInfo.InvariantCulture));
        }

        return ValueTask.FromResult<IReadOnlyList<SourcePartition>>(partitions);
    }

    public override async IAsyncEnumerable<RecordBatch> ReadAsync(ReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (start, end) = RangeOf(request.Partition);
        var next = request.ResumeToken is null ? start : ParseToken(request.ResumeToken, start, end);
        var recordBytes = SequenceGenerator.EstimateBytes(_options);
        var perBatch = (int)Math.Clamp(Math.Min(request.BatchSize, request.MaxBatchBytes / recordBytes), 1, int.MaxValue);
        while (next < end)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var size = (int)Math.Min(perBatch, end - next);
            var records = new Record[size];
            for (var i = 0; i < size; i++)
            {
                records[i] = SequenceGenerator.Create(_options, next + i);
            }

            next += size;
            yield return new RecordBatch(records, next.ToString(CultureInfo.InvariantCulture), request.Partition);

            // A real source awaits its network call here; yielding keeps the contract honest (asynchronous,
            // cancellable between batches) without pretending to do I/O.
            await Task.Yield();
        }
    }

    private (long Start, long End) RangeOf(SourcePartition partition)
    {
        if (partition.Descriptor is null)
        {
            return (0, _options.Count);
        }

        var parts = partition.Descriptor.Split(':');
        if (parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            && start <= end && end <= _options.Count)
        {
            return (start, end);
        }

        throw new ConnectorConfigurationException($"Partition '{partition.Id}' has descriptor '{partition.Descriptor}', which is not a range start:end within 0..{_options.Count}.");
    }

    private static long ParseToken(string token, long start, long end) =>
        long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var next) && next >= start && next <= end
            ? next
            : throw new ConnectorConfigurationException($"Resume token '{token}' is not an index within {start}..{end} of this partition.");
}
