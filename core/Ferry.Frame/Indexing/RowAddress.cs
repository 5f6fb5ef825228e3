namespace Ferry.Frame.Indexing;

/// <summary>Where a stored row is: the fragment's id and the row within it.</summary>
internal readonly record struct RowAddress(long FragmentId, int Row);
