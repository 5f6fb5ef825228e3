using System.Globalization;
using System.Runtime.CompilerServices;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Filtering;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Core.Tests.Pipeline.Support;

/// <summary>An in-memory source: contiguous index ranges as partitions, the next index as resume token.</summary>
internal sealed class MemorySource : SourceConnector
{
    private readonly MemoryData _data;

    public MemorySource(MemoryData data)
    {
        _data = data;
    }

    public override bool CanSearch => _data.Searchable;

    public override ValueTask<DatasetSchema> DescribeAsync(CancellationToken cancellationToken)
    {
        var dimension = _data.Source.Count > 0 ? _data.Source[0].Vector?.Length ?? 0 : 0;
        return ValueTask.FromResult(new DatasetSchema
        {
            Vectors = dimension > 0 ? [new VectorField(Record.DefaultVectorName, dimension, DistanceMetric.Cosine)] : [],
            Count = _data.Source.Count,
            HasTitle = true,
        });
    }

    public override ValueTask<long?> CountAsync(FilterExpression? filter, CancellationToken cancellationToken)
    {
        if (filter is null)
        {
            return ValueTask.FromResult<long?>(_data.Source.Count);
        }

        var compiled = FilterEvaluator.Compile(filter);
        return ValueTask.FromResult<long?>(_data.Source.Count(compiled.Matches));
    }

    public override bool CanEvaluate(FilterExpression filter) => _data.SourcePushDown;

    public override ValueTask<IReadOnlyList<SourcePartition>> GetPartitionsAsync(int desiredCount, CancellationToken cancellationToken)
    {
        var count = Math.Max(1, Math.Min(desiredCount, _data.Source.Count));
        var partitions = new List<SourcePartition>(count);
        for (var k = 0; k < count; k++)
        {
            var start = _data.Source.Count * k / count;
            var end = _data.Source.Count * (k + 1) / count;
            partitions.Add(new SourcePartition($"r{k}", string.Create(CultureInfo.InvariantCulture, $"{start}-{end}")));
        }

        return ValueTask.FromResult<IReadOnlyList<SourcePartition>>(partitions);
    }

    public override async IAsyncEnumerable<RecordBatch> ReadAsync(ReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (start, end) = Range(request.Partition);
        var next = request.ResumeToken is null ? start : int.Parse(request.ResumeToken, CultureInfo.InvariantCulture);
        _data.LastPushedFilter = request.Filter;
        var filter = request.Filter is null ? null : FilterEvaluator.Compile(request.Filter);
        while (next < end)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_data.HoldAfterRecords is { } hold && next - start >= hold && _data.HoldUntil is { } until)
            {
                // Throws TimeoutException when nothing is read back from the target meanwhile.
                await until.ReadBack.Task.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
            }

            var read = Interlocked.Increment(ref _data.SourceReads);
            lock (_data.TransientReadFailures)
            {
                if (_data.TransientReadFailures.Remove(read))
                {
                    throw new TransientConnectorException($"simulated transient failure before read {read}", TimeSpan.Zero);
                }
            }

            var records = new List<Record>();
            var failures = new List<RecordFailure>();
            var batchEnd = Math.Min(end, next + request.BatchSize);
            for (var i = next; i < batchEnd; i++)
            {
                if (_data.BadSourceIndices.Contains(i))
                {
                    failures.Add(new RecordFailure(_data.Source[i].Id, $"record {i} cannot be converted") { Line = i + 1, Raw = $"raw-{i}" });
                    continue;
                }

                var record = _data.Source[i].Clone();
                if (filter is null || filter.Matches(record))
                {
                    records.Add(record);
                }
            }

            next = batchEnd;
            await Task.Yield();
            yield return new RecordBatch(records, next.ToString(CultureInfo.InvariantCulture), request.Partition, failures);
        }
    }

    public override ValueTask<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(VectorSearch.TopK(_data.Source, request));

    private (int Start, int End) Range(SourcePartition partition)
    {
        if (partition.Descriptor is null)
        {
            return (0, _data.Source.Count);
        }

        var parts = partition.Descriptor.Split('-');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
