using Ferry.Sdk.Filtering;

namespace Ferry.Sdk.Connectors;

/// <summary>What a source is asked to read.</summary>
public sealed record ReadRequest
{
    /// <summary>The partition to read.</summary>
    public SourcePartition Partition { get; init; } = SourcePartition.Whole;

    /// <summary>The token of the last batch durably written, or <c>null</c> to start at the beginning of the partition.</summary>
    public string? ResumeToken { get; init; }

    /// <summary>The preferred number of records per batch.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>The preferred upper bound of a batch's size in bytes (approximate; a single record may exceed it).</summary>
    public long MaxBatchBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>
    /// A filter the source said it can evaluate (<see cref="SourceConnector.CanEvaluate"/>); records that do
    /// not match must not be returned. <c>null</c> means all records.
    /// </summary>
    public FilterExpression? Filter { get; init; }
}
