using Ferry.Sdk.Schema;

namespace Ferry.Core.Pipeline;

/// <summary>What an estimate found: the source's size and shape, and a projection from a sample read.</summary>
public sealed record EstimateReport
{
    /// <summary>The source as displayed.</summary>
    public required string Source { get; init; }

    /// <summary>The records to migrate, when the source can count them (with the filter, when pushed down).</summary>
    public long? Count { get; init; }

    /// <summary>True when <see cref="Count"/> does not reflect the filter (it runs in the pipeline, so the source counted everything).</summary>
    public bool CountBeforeFilter { get; init; }

    /// <summary>The source's declared schema.</summary>
    public required DatasetSchema Schema { get; init; }

    /// <summary>What the sample records carried.</summary>
    public required ObservedSchema Observed { get; init; }

    /// <summary>Records in the sample that would be written (after filter and transformers).</summary>
    public long SampleRecords { get; init; }

    /// <summary>Records read for the sample, including failed and filtered ones.</summary>
    public long SampleRead { get; init; }

    /// <summary>Records of the sample that failed to read or convert.</summary>
    public long SampleFailures { get; init; }

    /// <summary>The average estimated size of a record, in bytes.</summary>
    public double AverageRecordBytes { get; init; }

    /// <summary>The share of records the filter keeps in the sample (1 without a filter in the pipeline).</summary>
    public double FilterSelectivity { get; init; } = 1;

    /// <summary>The projected bytes to move.</summary>
    public double? ProjectedBytes { get; init; }

    /// <summary>The read and transform rate measured on the sample (records/s).</summary>
    public double SampleRecordsPerSecond { get; init; }

    /// <summary>The projected time to read and transform everything at that rate with the requested parallelism (writing not included).</summary>
    public TimeSpan? ProjectedDuration { get; init; }

    /// <summary>Partitions the source would be read in.</summary>
    public int Partitions { get; init; }

    /// <summary>Batches the migration would write.</summary>
    public long? ProjectedBatches { get; init; }

    /// <summary>Where the filter would run.</summary>
    public FilterPlacement FilterPlacement { get; init; }
}
