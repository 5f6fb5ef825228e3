using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Ferry.Sdk.Records;
using Xunit;

namespace Ferry.Connectors.Tests.DynamoDb;

/// <summary>DynamoDB through the AWS SDK, used by the tests independently of the plugin: create tables, load and inspect items.</summary>
public sealed class DynamoTestApi : IDisposable
{
    public DynamoTestApi(Uri serviceUrl)
    {
        Client = new AmazonDynamoDBClient(
            new BasicAWSCredentials("test", "test"),
            new AmazonDynamoDBConfig { ServiceURL = serviceUrl.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 1 });
    }

    public AmazonDynamoDBClient Client { get; }

    /// <summary>Creates a table with the given key attributes (name, type) and waits until it is active.</summary>
    public async Task CreateTableAsync(string name, (string Name, string Type) partition, (string Name, string Type)? sort = null)
    {
        var request = new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [new KeySchemaElement(partition.Name, KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition(partition.Name, new ScalarAttributeType(partition.Type))],
        };
        if (sort is { } s)
        {
            request.KeySchema.Add(new KeySchemaElement(s.Name, KeyType.RANGE));
            request.AttributeDefinitions.Add(new AttributeDefinition(s.Name, new ScalarAttributeType(s.Type)));
        }

        await Client.CreateTableAsync(request);
        for (var i = 0; i < 200; i++)
        {
            if ((await Client.DescribeTableAsync(name)).Table.TableStatus == TableStatus.ACTIVE)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Table {name} did not become active.");
    }

    /// <summary>Writes items with BatchWriteItem, 25 at a time, retrying unprocessed ones.</summary>
    public async Task PutAllAsync(string table, IEnumerable<Dictionary<string, AttributeValue>> items)
    {
        foreach (var chunk in items.Chunk(25))
        {
            var pending = chunk.Select(item => new WriteRequest { PutRequest = new PutRequest { Item = item } }).ToList();
            while (pending.Count > 0)
            {
                var response = await Client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [table] = pending } });
                pending = response.UnprocessedItems is { } rest && rest.TryGetValue(table, out var left) ? left : [];
            }
        }
    }

    public async Task<Dictionary<string, AttributeValue>?> GetAsync(string table, Dictionary<string, AttributeValue> key)
    {
        var response = await Client.GetItemAsync(new GetItemRequest { TableName = table, Key = key, ConsistentRead = true });
        return response.IsItemSet ? response.Item : null;
    }

    /// <summary>All items of a table.</summary>
    public async Task<List<Dictionary<string, AttributeValue>>> ScanAllAsync(string table)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await Client.ScanAsync(new ScanRequest { TableName = table, ExclusiveStartKey = start });
            items.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);

        return items;
    }

    /// <summary>
    /// The corpus as a DynamoDB user would store it: id (S), text and title (S), the embedding as a list of numbers
    /// (each component's exact double, as a JavaScript program prints it) or as little-endian float32 binary,
    /// category/author/published (S), year and score (N), tags (a list of strings: they may repeat, so not a set).
    /// </summary>
    public static Dictionary<string, AttributeValue> CorpusItem(Record record, bool binaryVector)
    {
        var vector = record.Vector!;
        AttributeValue embedding;
        if (binaryVector)
        {
            var bytes = new byte[vector.Length * 4];
            for (var i = 0; i < vector.Length; i++)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), vector[i]);
            }

            embedding = new AttributeValue { B = new MemoryStream(bytes) };
        }
        else
        {
            embedding = new AttributeValue { L = [.. vector.Select(c => new AttributeValue { N = ((double)c).ToString("R", CultureInfo.InvariantCulture) })] };
        }

        return new Dictionary<string, AttributeValue>
        {
            ["id"] = new() { S = record.Id },
            ["text"] = new() { S = record.Text },
            ["title"] = new() { S = record.Title },
            ["embedding"] = embedding,
            ["category"] = new() { S = record.Metadata["category"].AsString() },
            ["author"] = new() { S = record.Metadata["author"].AsString() },
            ["published"] = new() { S = record.Metadata["published"].AsString() },
            ["year"] = new() { N = record.Metadata["year"].AsInteger().ToString(CultureInfo.InvariantCulture) },
            ["score"] = new() { N = record.Metadata["score"].AsFloat().ToString("R", CultureInfo.InvariantCulture) },
            ["tags"] = new() { L = [.. record.Metadata["tags"].AsArray().Select(t => new AttributeValue { S = t.AsString() })] },
        };
    }

    /// <summary>
    /// The corpus record as the DynamoDB source must return it: DynamoDB numbers carry no float/integer distinction,
    /// so a score that is a whole number (0 or 1) is read as the Integer it looks like (docs/from-dynamodb.md).
    /// </summary>
    public static Record ExpectedFromCorpus(Record record, string location)
    {
        var expected = Servers.Expect.From(record, "dynamodb", location);
        var score = record.Metadata["score"].AsFloat();
        if (score == Math.Floor(score))
        {
            expected.Metadata["score"] = (long)score;
        }

        return expected;
    }

    public void Dispose() => Client.Dispose();
}
