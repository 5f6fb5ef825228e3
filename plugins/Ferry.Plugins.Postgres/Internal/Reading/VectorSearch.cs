using Ferry.Plugins.Postgres.Internal.Catalog;
using Ferry.Plugins.Postgres.Internal.Mapping;
using Ferry.Plugins.Postgres.Internal.Vectors;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Schema;
using Npgsql;

namespace Ferry.Plugins.Postgres.Internal.Reading;

/// <summary>
/// Top-k search with pgvector's distance operators (<c>&lt;=&gt;</c> cosine distance, <c>&lt;#&gt;</c> negative inner
/// product, <c>&lt;-&gt;</c> L2 distance), as an ANN index would answer it, for search-agreement validation.
/// Scores: cosine similarity (1 − distance), inner product, or L2 distance.
/// </summary>
internal static class VectorSearch
{
    public static string Operator(DistanceMetric metric) => metric switch
    {
        DistanceMetric.Cosine => "<=>",
        DistanceMetric.Dot => "<#>",
        _ => "<->",
    };

    public static async ValueTask<IReadOnlyList<SearchHit>> SearchAsync(
        NpgsqlConnection connection, ReadPlan plan, SearchRequest request, DistanceMetric metric, string? filterSql, SqlParameters parameters, CancellationToken cancellationToken)
    {
        ReadVector? vector = null;
        foreach (var candidate in plan.Vectors)
        {
            if (candidate.Name == request.VectorName)
            {
                vector = candidate;
            }
        }

        if (vector is null)
        {
            throw new ConnectorConfigurationException($"{plan.Table.DisplayName} has no vector named '{request.VectorName}'.");
        }

        if (vector.Dimension > 0 && request.Vector.Length != vector.Dimension)
        {
            throw new ConnectorConfigurationException($"The query vector has {request.Vector.Length} dimensions; '{request.VectorName}' has {vector.Dimension}.");
        }

        var query = parameters.Add(new NpgsqlParameter<PgVector> { TypedValue = new PgVector(request.Vector), DataTypeName = VectorTypeInfoResolverFactory.VectorType });
        var column = Sql.Identifier(vector.Column.Name);
        var (left, right) = vector.Column.Kind switch
        {
            PgValueKind.Vector => (column, query),
            PgValueKind.HalfVector => (column, query + "::halfvec"),
            _ => (column + "::vector", query), // real[]: pgvector casts arrays to vector
        };
        var op = Operator(metric);
        var limit = parameters.AddValue(request.K);
        var where = filterSql is null ? $" WHERE {column} IS NOT NULL" : $" WHERE {column} IS NOT NULL AND {filterSql}";
        var sql = $"SELECT {KeysetQuery.KeyTexts(plan)}, ({left} {op} {right})::float8 FROM {plan.Table.QualifiedName}{where} ORDER BY {left} {op} {right} LIMIT {limit}";
        await using var command = new NpgsqlCommand(sql, connection);
        parameters.CopyTo(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var hits = new List<SearchHit>(request.K);
        var keys = new string[plan.Key.Count];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = reader.GetString(i);
            }

            var distance = reader.GetDouble(keys.Length);
            var score = metric switch
            {
                DistanceMetric.Cosine => 1 - distance,
                DistanceMetric.Dot => -distance,
                _ => distance,
            };
            hits.Add(new SearchHit(CompositeId.Format(keys), score));
        }

        return hits;
    }
}
