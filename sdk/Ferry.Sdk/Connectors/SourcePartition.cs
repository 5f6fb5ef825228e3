namespace Ferry.Sdk.Connectors;

/// <summary>
/// A slice of a source that can be read independently of the others (a Scan segment, a key range, a byte
/// range of a file). Partitions are recorded in checkpoints and handed back on resume, so their
/// <see cref="Descriptor"/> must fully describe the slice: the host keeps a run's partitioning when it
/// resumes, even if the requested parallelism changed, and nothing is skipped or read twice.
/// </summary>
/// <param name="Id">A stable id, unique within the source for this partitioning.</param>
/// <param name="Descriptor">The source's own description of the slice (opaque to the host); <c>null</c> for the whole source.</param>
public sealed record SourcePartition(string Id, string? Descriptor)
{
    /// <summary>The partition that covers the whole source.</summary>
    public static SourcePartition Whole { get; } = new("all", null);
}
