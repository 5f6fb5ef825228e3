namespace Ferry.Plugins.Postgres.Internal.Vectors;

/// <summary>A pgvector <c>vector</c> value: float32 components, read and written in pgvector's binary format.</summary>
/// <param name="Values">The components (owned by the value; not copied).</param>
internal sealed record PgVector(float[] Values);
