using Npgsql;
using NpgsqlTypes;

namespace Ferry.Plugins.Postgres.Internal.Writing;

/// <summary>Collects values as the positional parameters of a multi-row INSERT.</summary>
internal sealed class ParameterColumnWriter(NpgsqlParameterCollection parameters) : IColumnWriter
{
    public ValueTask WriteNullAsync(CancellationToken cancellationToken)
    {
        // An untyped NULL: INSERT … VALUES coerces it to the target column's type.
        parameters.Add(new NpgsqlParameter { Value = DBNull.Value });
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteAsync<T>(T value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        parameters.Add(new NpgsqlParameter<T> { TypedValue = value, NpgsqlDbType = type });
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteAsync<T>(T value, string dataTypeName, CancellationToken cancellationToken)
    {
        parameters.Add(new NpgsqlParameter<T> { TypedValue = value, DataTypeName = dataTypeName });
        return ValueTask.CompletedTask;
    }
}
