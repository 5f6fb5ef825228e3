using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Ferry.Sdk.Errors;

namespace Ferry.Plugins.DynamoDb.Internal;

/// <summary>
/// Runs one DynamoDB call and maps its failures to the SDK's errors: throttling, 5xx, dropped or refused connections
/// and timeouts are transient (the host retries); a missing table and refused credentials are configuration errors;
/// a ValidationException is a <see cref="DynamoValidationException"/> (the sink narrows it down to the items at fault).
/// </summary>
internal static class DynamoCalls
{
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded", "InternalServerError",
        "InternalFailure", "ServiceUnavailable", "TransactionInProgressException", "LimitExceededException",
    };

    private static readonly HashSet<string> CredentialCodes = new(StringComparer.Ordinal)
    {
        "UnrecognizedClientException", "InvalidSignatureException", "AccessDeniedException", "ExpiredTokenException",
        "MissingAuthenticationTokenException", "IncompleteSignatureException",
    };

    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, string operation, DynamoSettings settings, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            return await call(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientConnectorException($"DynamoDB {operation} on '{settings.Location}' timed out after {settings.Timeout.TotalSeconds:0} s.", null, ex);
        }
        catch (ResourceNotFoundException ex)
        {
            throw new ConnectorConfigurationException($"DynamoDB table '{settings.Location}' does not exist ({operation}): {ex.Message}", ex);
        }
        catch (AmazonServiceException ex) when (ex.ErrorCode is { } code && CredentialCodes.Contains(code))
        {
            throw new ConnectorConfigurationException(
                $"DynamoDB refused the credentials for {operation} on '{settings.Location}' ({code}): {ex.Message}. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) or profile=.", ex);
        }
        catch (AmazonServiceException ex) when (ex.ErrorCode == "ValidationException")
        {
            throw new DynamoValidationException($"DynamoDB {operation} on '{settings.Location}' was refused: {ex.Message}", ex.Message, ex);
        }
        catch (AmazonServiceException ex) when (IsTransient(ex))
        {
            throw new TransientConnectorException($"DynamoDB {operation} on '{settings.Location}' failed ({ex.ErrorCode ?? ((int)ex.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)}): {ex.Message}", null, ex);
        }
        catch (AmazonServiceException ex) when (ex.StatusCode == 0 || ex.InnerException is HttpRequestException or IOException or SocketException)
        {
            // No HTTP answer at all: the connection failed.
            throw new TransientConnectorException($"DynamoDB {operation} on '{settings.Location}' could not reach the server: {ex.Message}", null, ex);
        }
        catch (AmazonServiceException ex)
        {
            throw new ConnectorException($"DynamoDB {operation} on '{settings.Location}' failed ({ex.ErrorCode}): {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or SocketException or AmazonClientException)
        {
            throw new TransientConnectorException($"DynamoDB {operation} on '{settings.Location}' could not reach the server: {ex.Message}", null, ex);
        }
    }

    private static bool IsTransient(AmazonServiceException ex) =>
        (ex.ErrorCode is { } code && TransientCodes.Contains(code))
        || ex.StatusCode == HttpStatusCode.TooManyRequests
        || (int)ex.StatusCode >= 500;
}
