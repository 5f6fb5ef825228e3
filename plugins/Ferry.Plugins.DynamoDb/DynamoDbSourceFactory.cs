using Ferry.Plugins.DynamoDb.Internal;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.DynamoDb;

/// <summary>
/// Reads a DynamoDB table with parallel Scan segments: <c>dynamodb://host:port/table?region=…</c> for a local or
/// compatible endpoint, <c>dynamodb://aws/table?region=…</c> for AWS (options and type mapping: docs/from-dynamodb.md).
/// Credentials come from the AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN secrets, option
/// <c>profile</c>, or the AWS SDK's default chain.
/// </summary>
[SourceExport("dynamodb", Schemes = ["dynamodb"], Description = "DynamoDB table: parallel scan segments, typed attributes, vectors as number lists or float32 binary")]
public sealed class DynamoDbSourceFactory : SourceFactory
{
    /// <inheritdoc />
    public override SourceConnector Create(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = DynamoSettings.Parse(context);
        return new DynamoSource(settings, DynamoClientFactory.Create(settings, context));
    }
}
