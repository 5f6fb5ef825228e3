using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;

namespace Ferry.Plugins.DynamoDb.Internal;

/// <summary>
/// Builds the AWS SDK client. Credentials, in order: the secrets AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and
/// AWS_SESSION_TOKEN) from the host; the named profile of option <c>profile</c>; for a local endpoint (dynalite,
/// DynamoDB Local) fixed dummy credentials, which such servers accept; otherwise the SDK's default chain (environment,
/// shared profile, SSO, container and instance roles).
/// </summary>
internal static class DynamoClientFactory
{
    public static AmazonDynamoDBClient Create(DynamoSettings settings, ConnectorContext context)
    {
        var config = new AmazonDynamoDBConfig
        {
            MaxErrorRetry = settings.SdkRetries,
            Timeout = settings.Timeout,
            ThrottleRetries = true,
        };
        if (settings.ServiceUrl is { } serviceUrl)
        {
            config.ServiceURL = serviceUrl.ToString();
            config.AuthenticationRegion = settings.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        }

        var credentials = Credentials(settings, context);
        return credentials is null ? new AmazonDynamoDBClient(config) : new AmazonDynamoDBClient(credentials, config);
    }

    private static AWSCredentials? Credentials(DynamoSettings settings, ConnectorContext context)
    {
        var accessKey = context.GetSecret("AWS_ACCESS_KEY_ID");
        var secretKey = context.GetSecret("AWS_SECRET_ACCESS_KEY");
        if (!string.IsNullOrEmpty(accessKey) && !string.IsNullOrEmpty(secretKey))
        {
            var session = context.GetSecret("AWS_SESSION_TOKEN");
            return string.IsNullOrEmpty(session) ? new BasicAWSCredentials(accessKey, secretKey) : new SessionAWSCredentials(accessKey, secretKey, session);
        }

        if (settings.Profile is { } profile)
        {
            return new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var fromProfile)
                ? fromProfile
                : throw new ConnectorConfigurationException($"AWS profile '{profile}' was not found in the shared credentials or config file.");
        }

        // Local servers do not check credentials but the SDK insists on signing.
        return settings.ServiceUrl is not null ? new BasicAWSCredentials("ferry-local", "ferry-local") : null;
    }
}
