namespace Ferry.Plugins.Postgres.Internal.Mapping;

/// <summary>How a sink-created table stores a sparse vector.</summary>
internal enum SparseStorage
{
    /// <summary>pgvector <c>sparsevec(n)</c>.</summary>
    Sparsevec,
    /// <summary>Two columns, <c>&lt;column&gt;_indices integer[]</c> and <c>&lt;column&gt;_values real[]</c> (no pgvector).</summary>
    Arrays,
}
