using Ferry.Core.DeadLetter;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;

namespace Ferry.Core.Pipeline;

/// <summary>One source batch on its way through the stages, with everything its checkpoint step needs.</summary>
internal sealed class WorkBatch
{
    public WorkBatch(PartitionState partition, long sequence, RecordBatch source)
    {
        Partition = partition;
        Sequence = sequence;
        ResumeToken = source.ResumeToken;
        Input = source.Records;
        SourceFailures = source.Failures;
        ReadCount = source.Records.Count + source.Failures.Count;
    }

    public PartitionState Partition { get; }

    /// <summary>1-based position of the batch within its partition in this run.</summary>
    public long Sequence { get; }

    public string? ResumeToken { get; }

    /// <summary>The records as read (before the filter and transformers).</summary>
    public IReadOnlyList<Record> Input { get; }

    public IReadOnlyList<RecordFailure> SourceFailures { get; }

    /// <summary>Records read from the source in this batch, including ones that failed to convert.</summary>
    public int ReadCount { get; }

    /// <summary>The records to write, after the filter, transformers and id mode.</summary>
    public List<Record> Records { get; set; } = [];

    /// <summary>Failed records of this batch, in any stage.</summary>
    public List<DeadLetterEntry> Failures { get; } = [];

    /// <summary>Records the filter left out.</summary>
    public int Filtered { get; set; }

    /// <summary>Estimated bytes of <see cref="Records"/>.</summary>
    public long Bytes { get; set; }

    /// <summary>Content checksums of <see cref="Records"/> (16 bytes each), when full validation is recorded.</summary>
    public byte[]? Checksums { get; set; }

    /// <summary>Records the target accepted.</summary>
    public int Written { get; set; }

    /// <summary>Ids of records the target refused or that were skipped as duplicates (their checksums are not logged).</summary>
    public HashSet<string>? RefusedIds { get; set; }

    /// <summary>Records skipped because their ids were in the target before the migration.</summary>
    public int Duplicates { get; set; }
}
