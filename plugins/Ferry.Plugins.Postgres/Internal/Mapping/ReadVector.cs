using Ferry.Plugins.Postgres.Internal.Catalog;

namespace Ferry.Plugins.Postgres.Internal.Mapping;

/// <summary>A column read as a named dense vector.</summary>
/// <param name="Name">The vector's name in the record (<c>default</c> for a table with one).</param>
/// <param name="Column">The vector, halfvec or real[] column.</param>
/// <param name="Ordinal">Its position in the select list.</param>
/// <param name="Dimension">The dimension every row must have.</param>
internal sealed record ReadVector(string Name, ColumnInfo Column, int Ordinal, int Dimension);
