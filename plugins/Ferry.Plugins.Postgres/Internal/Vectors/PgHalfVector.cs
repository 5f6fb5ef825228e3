namespace Ferry.Plugins.Postgres.Internal.Vectors;

/// <summary>
/// A pgvector <c>halfvec</c> value, carried as float32 components. Reading widens float16 to float32, which is
/// exact; writing narrows, which the sink only does after checking that every component survives it.
/// </summary>
/// <param name="Values">The components (owned by the value; not copied).</param>
internal sealed record PgHalfVector(float[] Values);
