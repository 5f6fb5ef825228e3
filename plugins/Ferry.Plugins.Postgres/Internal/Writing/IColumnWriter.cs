using NpgsqlTypes;

namespace Ferry.Plugins.Postgres.Internal.Writing;

/// <summary>Where a row's values go: a binary COPY stream or the parameters of an INSERT. Values are written typed (no boxing).</summary>
internal interface IColumnWriter
{
    ValueTask WriteNullAsync(CancellationToken cancellationToken);

    ValueTask WriteAsync<T>(T value, NpgsqlDbType type, CancellationToken cancellationToken);

    /// <summary>Writes a value of a type Npgsql knows by name only (pgvector's types).</summary>
    ValueTask WriteAsync<T>(T value, string dataTypeName, CancellationToken cancellationToken);
}
