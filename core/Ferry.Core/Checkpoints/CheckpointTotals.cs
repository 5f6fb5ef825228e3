namespace Ferry.Core.Checkpoints;

/// <summary>What the runs of one migration have durably done so far, summed over all of them.</summary>
public sealed class CheckpointTotals
{
    /// <summary>Records read and settled.</summary>
    public long Read { get; set; }

    /// <summary>Records written to the target.</summary>
    public long Migrated { get; set; }

    /// <summary>Records that failed (dead-lettered) in strict or lenient mode.</summary>
    public long Failed { get; set; }

    /// <summary>Records that failed in skip mode.</summary>
    public long Skipped { get; set; }

    /// <summary>Records the filter left out.</summary>
    public long Filtered { get; set; }

    /// <summary>Records not written because their ids were in the target before the migration (duplicate policy skip).</summary>
    public long Duplicates { get; set; }

    /// <summary>A copy.</summary>
    public CheckpointTotals Clone() => (CheckpointTotals)MemberwiseClone();
}
