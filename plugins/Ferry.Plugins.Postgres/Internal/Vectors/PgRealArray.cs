namespace Ferry.Plugins.Postgres.Internal.Vectors;

/// <summary>A one-dimensional <c>real[]</c> without NULL elements, used as a dense vector.</summary>
/// <param name="Values">The elements (owned by the value; not copied).</param>
internal sealed record PgRealArray(float[] Values);
