namespace Ferry.Plugins.Postgres.Internal.Writing;

/// <summary>The vector index the sink builds when the load is over (option <c>index</c>).</summary>
internal enum IndexMethod
{
    None,
    Hnsw,
    Ivfflat,
}
