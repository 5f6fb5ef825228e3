using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Ferry.Plugins.DynamoDb.Internal;

/// <summary>An exact item count: a parallel Scan with Select=COUNT (DescribeTable's ItemCount lags by hours on AWS).</summary>
internal static class DynamoCount
{
    public static async Task<long> CountAsync(AmazonDynamoDBClient client, DynamoSettings settings, int segments, CancellationToken cancellationToken)
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, segments).Select(segment => CountSegmentAsync(client, settings, segment, segments, cancellationToken))).ConfigureAwait(false);
        return counts.Sum();
    }

    private static async Task<long> CountSegmentAsync(AmazonDynamoDBClient client, DynamoSettings settings, int segment, int segments, CancellationToken cancellationToken)
    {
        long count = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var request = new ScanRequest
            {
                TableName = settings.Table,
                Select = Select.COUNT,
                Segment = segment,
                TotalSegments = segments,
                ExclusiveStartKey = start,
                ConsistentRead = settings.ConsistentRead,
            };
            var response = await DynamoCalls.RunAsync(ct => client.ScanAsync(request, ct), "count", settings, cancellationToken).ConfigureAwait(false);
            count += response.Count ?? 0;
            start = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);

        return count;
    }
}
