using Ferry.Plugins.Postgres.Internal.Connection;
using Ferry.Plugins.Postgres.Internal.Reading;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.Postgres;

/// <summary>
/// Creates sources that read a PostgreSQL table (with pgvector columns or not):
/// <c>postgres://user@host:port/database?table=schema.name</c>. The password comes from the PGPASSWORD
/// environment variable, or the one named by the <c>password_env</c> option; see docs/from-pgvector.md.
/// </summary>
[SourceExport("postgres", Schemes = ["postgres", "postgresql", "pgvector"], Description = "PostgreSQL table, pgvector vector/halfvec/sparsevec/real[] columns, typed metadata, foreign keys as relationships")]
public sealed class PostgresSourceFactory : SourceFactory
{
    /// <inheritdoc />
    public override SourceConnector Create(ConnectorContext context)
    {
        var settings = PostgresSettings.Parse(context);
        return new PostgresSource(new PostgresDatabase(settings, context.Log));
    }
}
