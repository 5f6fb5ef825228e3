using Ferry.Plugins.Postgres.Internal.Catalog;

namespace Ferry.Plugins.Postgres.Internal.Mapping;

/// <summary>A sparsevec column (or a Ferry table's indices/values array pair) read as a named sparse vector.</summary>
/// <param name="Name">The sparse vector's name in the record.</param>
/// <param name="Column">The sparsevec column, or the indices column of a pair.</param>
/// <param name="Ordinal">Its position in the select list.</param>
/// <param name="ValuesOrdinal">For a pair, the position of the values column; -1 for sparsevec.</param>
/// <param name="Dimension">The declared dimension (0 when unknown).</param>
internal sealed record ReadSparse(string Name, ColumnInfo Column, int Ordinal, int ValuesOrdinal, int Dimension);
