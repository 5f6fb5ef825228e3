using System.Net.Sockets;
using Ferry.Sdk.Errors;
using Npgsql;

namespace Ferry.Plugins.Postgres.Internal.Connection;

/// <summary>
/// Sorts driver and server failures into what the host does with them: transient (retry with backoff: lost
/// connections, server shutting down or starting, too many connections, timeouts, serialization failures),
/// configuration (wrong password, missing database or table, no privilege: never retried) or permanent.
/// </summary>
internal static class PostgresErrors
{
    /// <summary>Whether a PostgreSQL SQLSTATE means "try again later".</summary>
    public static bool IsTransientState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
        || sqlState.StartsWith("53", StringComparison.Ordinal) // insufficient resources, 53300 too many connections
        || sqlState is "57P01" or "57P02" or "57P03" // admin shutdown, crash shutdown, cannot connect now
        || sqlState is "57014" // query canceled (statement timeout)
        || sqlState is "40001" or "40P01" // serialization failure, deadlock
        || sqlState is "55P03" // lock not available
        || sqlState is "58030"; // I/O error on the server

    /// <summary>Whether a SQLSTATE means the data of a row is at fault (the row fails, the others go on).</summary>
    public static bool IsDataState(string sqlState) =>
        sqlState.StartsWith("22", StringComparison.Ordinal) // data exception: bad value, out of range, bad encoding
        || sqlState.StartsWith("23", StringComparison.Ordinal); // integrity constraint violation

    /// <summary>Turns an exception from Npgsql (or the network under it) into the host's error classes.</summary>
    public static Exception Translate(Exception exception, string operation)
    {
        ArgumentNullException.ThrowIfNull(exception);
        switch (exception)
        {
            case OperationCanceledException:
            case ConnectorException:
                return exception;
            case PostgresException pg:
                var message = $"{operation}: {pg.SqlState} {pg.MessageText}";
                if (IsTransientState(pg.SqlState))
                {
                    return new TransientConnectorException(message, innerException: pg);
                }

                if (pg.SqlState.StartsWith("28", StringComparison.Ordinal) // invalid authorization
                    || pg.SqlState is "3D000" or "3F000" or "42P01" or "42501")
                {
                    return new ConnectorConfigurationException(message, pg);
                }

                return new ConnectorException(message, pg);
            case NpgsqlException npgsql when npgsql.IsTransient || IsNetwork(npgsql.InnerException):
                return new TransientConnectorException($"{operation}: {npgsql.Message}", innerException: npgsql);
            case NpgsqlException npgsql:
                return new ConnectorException($"{operation}: {npgsql.Message}", npgsql);
            case SocketException or IOException or TimeoutException:
                return new TransientConnectorException($"{operation}: {exception.Message}", innerException: exception);
            default:
                return exception;
        }
    }

    private static bool IsNetwork(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SocketException or IOException or TimeoutException or EndOfStreamException)
            {
                return true;
            }
        }

        return false;
    }
}
