namespace Ferry.Plugins.Postgres.Internal.Mapping;

/// <summary>How the sink stores dense vectors (option <c>vector_type</c>).</summary>
internal enum VectorStorage
{
    /// <summary>pgvector <c>vector(n)</c>: float32, bit-exact, searchable, up to 16,000 dimensions.</summary>
    Vector,
    /// <summary>pgvector <c>halfvec(n)</c>: float16, half the space; only values exact in float16 are accepted.</summary>
    Halfvec,
    /// <summary><c>real[]</c>: float32, bit-exact, no pgvector needed (not searchable by the sink).</summary>
    Real,
}
