using Amazon.DynamoDBv2.Model;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.DynamoDb.Internal;

/// <summary>An item on its way into a BatchWriteItem request, with the record it came from and its size.</summary>
internal sealed record PendingItem(Record Record, Dictionary<string, AttributeValue> Item, long Size);
