namespace Ferry.Plugins.Postgres.Internal.Writing;

/// <summary>How the sink loads a batch (option <c>load</c>).</summary>
internal enum LoadMode
{
    /// <summary>COPY where the server takes it (not PGlite), switching to INSERT once if the server refuses COPY.</summary>
    Auto,
    /// <summary>Binary COPY into a temporary staging table, then one INSERT … ON CONFLICT DO UPDATE.</summary>
    Copy,
    /// <summary>Multi-row INSERT … ON CONFLICT DO UPDATE statements, in one transaction per batch.</summary>
    Insert,
}
