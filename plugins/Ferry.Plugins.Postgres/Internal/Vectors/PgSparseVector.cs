using Ferry.Sdk.Records;

namespace Ferry.Plugins.Postgres.Internal.Vectors;

/// <summary>A pgvector <c>sparsevec</c> value: its dimension and its non-zero entries (0-based indices).</summary>
/// <param name="Dimension">The declared number of dimensions.</param>
/// <param name="Vector">The entries.</param>
internal sealed record PgSparseVector(int Dimension, SparseVector Vector);
