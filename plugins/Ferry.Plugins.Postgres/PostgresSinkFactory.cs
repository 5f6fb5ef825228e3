using Ferry.Plugins.Postgres.Internal.Connection;
using Ferry.Plugins.Postgres.Internal.Writing;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Postgres;

/// <summary>
/// Creates sinks that write records into a PostgreSQL table Ferry creates (id, text, title, one pgvector
/// column per named vector, typed metadata columns and a tagged jsonb for the rest), with idempotent upserts:
/// <c>postgres://user@host:port/database?table=schema.name</c>. See docs/from-pgvector.md for the options.
/// </summary>
[SinkExport("postgres", Schemes = ["postgres", "postgresql", "pgvector"], Description = "PostgreSQL table with pgvector columns; binary COPY or batched upserts; optional HNSW/IVFFlat index")]
public sealed class PostgresSinkFactory : SinkFactory
{
    /// <inheritdoc />
    public override SinkConnector Create(ConnectorContext context)
    {
        var settings = PostgresSettings.Parse(context);
        var sink = SinkSettings.Parse(settings);
        return new PostgresSink(new PostgresDatabase(settings, context.Log), sink);
    }
}
