using Ferry.Sdk.Filtering;
using Ferry.Sdk.Schema;

namespace Ferry.Sdk.Connectors;

/// <summary>
/// Reads records from a system in batches. Required: <see cref="DescribeAsync"/> and <see cref="ReadAsync"/>.
/// Optional capabilities are virtual members with safe defaults, so that new members never break a plugin.
/// </summary>
public abstract class SourceConnector : IAsyncDisposable
{
    /// <summary>Describes the data: vector fields (dimension, metric), metadata fields, count when cheap.</summary>
    public abstract ValueTask<DatasetSchema> DescribeAsync(CancellationToken cancellationToken);

    /// <summary>Counts the records matching the filter (all when <c>null</c>), or returns <c>null</c> when the source cannot count cheaply.</summary>
    public virtual ValueTask<long?> CountAsync(FilterExpression? filter, CancellationToken cancellationToken) =>
        ValueTask.FromResult<long?>(null);

    /// <summary>
    /// Splits the source into at most <paramref name="desiredCount"/> partitions that can be read in parallel.
    /// The default is a single partition covering everything.
    /// </summary>
    public virtual ValueTask<IReadOnlyList<SourcePartition>> GetPartitionsAsync(int desiredCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<SourcePartition>>([SourcePartition.Whole]);

    /// <summary>
    /// Reads one partition in batches, starting after <see cref="ReadRequest.ResumeToken"/> when given. Every
    /// batch carries the token to resume right after it. One network round trip per batch, never per record.
    /// </summary>
    public abstract IAsyncEnumerable<RecordBatch> ReadAsync(ReadRequest request, CancellationToken cancellationToken);

    /// <summary>Whether the source can evaluate this filter itself (push-down); the host evaluates it otherwise.</summary>
    public virtual bool CanEvaluate(FilterExpression filter) => false;

    /// <summary>Whether <see cref="SearchAsync"/> is supported.</summary>
    public virtual bool CanSearch => false;

    /// <summary>Runs a top-k vector query on the source (for search-agreement validation).</summary>
    public virtual ValueTask<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot search.");

    /// <summary>Releases connections and files.</summary>
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
