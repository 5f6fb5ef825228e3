namespace Ferry.Frame.Search.TopK;

/// <summary>A row and its score, as <see cref="TopKCollector"/> returns them.</summary>
/// <param name="RowKey">
/// The caller's key for the row: a plain row number, or (fragment, row) packed with <see cref="RowKeys.Compose"/>.
/// Equal scores are ordered by the smaller key, so results are deterministic.
/// </param>
/// <param name="Score">The metric's score (for L2 kernels, the squared distance).</param>
public readonly record struct ScoredRow(long RowKey, float Score);
