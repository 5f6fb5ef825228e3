using Ferry.Plugins.DynamoDb.Internal;
using Ferry.Sdk.Connectors;

namespace Ferry.Plugins.DynamoDb;

/// <summary>
/// Writes into a DynamoDB table with BatchWriteItem, creating the table when asked (<c>create=true</c>, <c>key=…</c>):
/// <c>dynamodb://host:port/table?region=…</c> or <c>dynamodb://aws/table?region=…</c> (docs/from-dynamodb.md).
/// </summary>
[SinkExport("dynamodb", Schemes = ["dynamodb"], Description = "DynamoDB table: BatchWriteItem with unprocessed-item retries, types restored exactly")]
public sealed class DynamoDbSinkFactory : SinkFactory
{
    /// <inheritdoc />
    public override SinkConnector Create(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = DynamoSettings.Parse(context);
        return new DynamoSink(settings, DynamoClientFactory.Create(settings, context), context);
    }
}
