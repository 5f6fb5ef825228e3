namespace Ferry.Plugins.Postgres.Internal.Mapping;

/// <summary>A named sparse vector's column(s) in a sink-created table.</summary>
internal sealed record LayoutSparse(string Name, string Column, int Dimension, SparseStorage Storage);
