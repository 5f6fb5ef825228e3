namespace Ferry.Sdk.Connectors;

/// <summary>What a target accepts in one write call.</summary>
/// <param name="MaxBatchRecords">The most records per call.</param>
/// <param name="MaxBatchBytes">The most bytes per call (as the host estimates them).</param>
public sealed record SinkLimits(int MaxBatchRecords, long MaxBatchBytes)
{
    /// <summary>No particular limit beyond the host's defaults.</summary>
    public static SinkLimits Default { get; } = new(int.MaxValue, long.MaxValue);
}
