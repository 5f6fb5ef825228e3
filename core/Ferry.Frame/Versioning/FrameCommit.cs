namespace Ferry.Frame;

/// <summary>The outcome of a commit.</summary>
/// <param name="Version">The version the commit published.</param>
/// <param name="Operation">The operation type as the manifest records it (<c>append</c>, <c>upsert</c>, …).</param>
/// <param name="RowsAdded">Rows written.</param>
/// <param name="RowsDeleted">Rows marked deleted (for upsert: the replaced rows).</param>
/// <param name="Attempts">1 when the first publish succeeded; more when the commit was rebased on other writers' versions.</param>
public sealed record FrameCommit(long Version, string Operation, long RowsAdded, long RowsDeleted, int Attempts);
