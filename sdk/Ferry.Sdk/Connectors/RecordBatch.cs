using Ferry.Sdk.Records;

namespace Ferry.Sdk.Connectors;

/// <summary>A batch of records read from one partition, with the token to resume after it.</summary>
public sealed class RecordBatch
{
    /// <summary>Creates a batch.</summary>
    public RecordBatch(IReadOnlyList<Record> records, string? resumeToken, SourcePartition? partition = null, IReadOnlyList<RecordFailure>? failures = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        Records = records;
        ResumeToken = resumeToken;
        Partition = partition ?? SourcePartition.Whole;
        Failures = failures ?? [];
    }

    /// <summary>The records, in source order.</summary>
    public IReadOnlyList<Record> Records { get; }

    /// <summary>
    /// The token that makes <see cref="SourceConnector.ReadAsync"/> continue right after this batch; the
    /// host stores it once the batch is durably written. <c>null</c> when the source cannot resume.
    /// </summary>
    public string? ResumeToken { get; }

    /// <summary>The partition the batch came from.</summary>
    public SourcePartition Partition { get; }

    /// <summary>Records of this stretch of the source that could not be read or converted; they go to the dead-letter file.</summary>
    public IReadOnlyList<RecordFailure> Failures { get; }
}
