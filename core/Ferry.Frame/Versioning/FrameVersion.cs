namespace Ferry.Frame;

/// <summary>One committed version of a dataset, as <see cref="FrameDataset.ListVersionsAsync"/> lists it.</summary>
/// <param name="Version">The version number.</param>
/// <param name="ParentVersion">The version it was committed on top of (0 for the first).</param>
/// <param name="Timestamp">When it was committed.</param>
/// <param name="Operation">The operation type (<c>create</c>, <c>append</c>, <c>upsert</c>, <c>delete</c>, <c>overwrite</c>, <c>rollback</c>, <c>compact</c>).</param>
/// <param name="Rows">Live rows in the version.</param>
/// <param name="Fragments">Fragments in the version.</param>
public sealed record FrameVersion(long Version, long ParentVersion, DateTimeOffset Timestamp, string Operation, long Rows, int Fragments)
{
    /// <summary>For a rollback: the version whose content it restored.</summary>
    public long? RollbackTo { get; init; }
}
