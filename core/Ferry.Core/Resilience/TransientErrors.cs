using System.Net;
using System.Net.Sockets;
using Ferry.Sdk.Errors;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Ferry.Core.Resilience;

/// <summary>
/// Which failures are worth retrying, and how long the server asked to wait. Transient: a connector's
/// <see cref="TransientConnectorException"/> (or any <see cref="ConnectorException"/> whose
/// <see cref="ConnectorException.IsTransient"/> is true), <see cref="HttpRequestException"/> without a status
/// (connection refused or dropped) or with 408, 429, 500, 502, 503 or 504, <see cref="SocketException"/>,
/// <see cref="IOException"/> except the ones that name a missing or unreachable path, and an attempt that timed out.
/// </summary>
public static class TransientErrors
{
    /// <summary>Whether retrying the call that threw <paramref name="exception"/> may succeed.</summary>
    public static bool IsTransient(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        switch (exception)
        {
            case ConnectorException connector:
                return connector.IsTransient;
            case TimeoutRejectedException:
                return true;
            case BrokenCircuitException:
                return true;
            case HttpRequestException http:
                return http.StatusCode is null || IsTransientStatus(http.StatusCode.Value);
            case SocketException:
                return true;
            case FileNotFoundException or DirectoryNotFoundException or PathTooLongException or DriveNotFoundException or EndOfStreamException:
                return false;
            case IOException:
                return true;
            case OperationCanceledException canceled:
                // HttpClient reports its own timeout as a cancellation caused by a TimeoutException.
                return canceled.InnerException is TimeoutException;
            case AggregateException aggregate when aggregate.InnerExceptions.Count == 1:
                return IsTransient(aggregate.InnerExceptions[0]);
            default:
                // A wrapper (e.g. an InvalidOperationException around a dropped connection) is transient when its cause is.
                return exception.InnerException is not null && exception is not ConnectorException && IsTransientCause(exception.InnerException);
        }
    }

    /// <summary>How long the server asked to wait before the next try, if the failure says.</summary>
    public static TimeSpan? GetRetryAfter(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case TransientConnectorException { RetryAfter: { } after }:
                    return after;
                case BrokenCircuitException { RetryAfter: { } brokenFor }:
                    return brokenFor;
            }
        }

        return null;
    }

    /// <summary>Whether an HTTP status means "try again later".</summary>
    public static bool IsTransientStatus(HttpStatusCode status) => status is HttpStatusCode.RequestTimeout
        or HttpStatusCode.TooManyRequests
        or HttpStatusCode.InternalServerError
        or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable
        or HttpStatusCode.GatewayTimeout;

    private static bool IsTransientCause(Exception inner) => inner is HttpRequestException or SocketException or IOException or TimeoutException
        ? IsTransient(inner)
        : inner is TransientConnectorException;
}
