using Ferry.Plugins.Postgres.Internal.Catalog;

namespace Ferry.Plugins.Postgres.Internal.Mapping;

/// <summary>A column read into a record field or a metadata entry.</summary>
/// <param name="Name">The record field or metadata key it fills.</param>
/// <param name="Column">The column.</param>
/// <param name="Ordinal">Its position in the select list.</param>
internal sealed record ReadColumn(string Name, ColumnInfo Column, int Ordinal);
