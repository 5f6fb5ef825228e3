using Npgsql;
using NpgsqlTypes;

namespace Ferry.Plugins.Postgres.Internal.Writing;

/// <summary>Writes values into a binary COPY stream.</summary>
internal sealed class CopyColumnWriter(NpgsqlBinaryImporter importer) : IColumnWriter
{
    public ValueTask WriteNullAsync(CancellationToken cancellationToken) => new(importer.WriteNullAsync(cancellationToken));

    public ValueTask WriteAsync<T>(T value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        new(importer.WriteAsync(value, type, cancellationToken));

    public ValueTask WriteAsync<T>(T value, string dataTypeName, CancellationToken cancellationToken) =>
        new(importer.WriteAsync(value, dataTypeName, cancellationToken));
}
