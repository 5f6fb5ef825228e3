using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Ferry.Sdk.Errors;

namespace Ferry.Plugins.DynamoDb.Internal;

/// <summary>Table look-up and creation.</summary>
internal static class DynamoTables
{
    private static readonly TimeSpan CreateTimeout = TimeSpan.FromMinutes(2);

    public static async Task<TableDescription?> FindAsync(AmazonDynamoDBClient client, DynamoSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            return await GetAsync(client, settings, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorConfigurationException ex) when (ex.InnerException is ResourceNotFoundException)
        {
            return null;
        }
    }

    public static async Task<TableDescription> GetAsync(AmazonDynamoDBClient client, DynamoSettings settings, CancellationToken cancellationToken)
    {
        var response = await DynamoCalls.RunAsync(ct => client.DescribeTableAsync(settings.Table, ct), "describe table", settings, cancellationToken).ConfigureAwait(false);
        return response.Table;
    }

    /// <summary>Creates the table with on-demand capacity and waits until it is ACTIVE.</summary>
    public static async Task<TableDescription> CreateAsync(AmazonDynamoDBClient client, DynamoSettings settings, KeySchema key, CancellationToken cancellationToken)
    {
        var request = new CreateTableRequest
        {
            TableName = settings.Table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [new KeySchemaElement(key.Partition.Name, KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition(key.Partition.Name, new ScalarAttributeType(key.Partition.Type))],
        };
        if (key.Sort is { } sort)
        {
            request.KeySchema.Add(new KeySchemaElement(sort.Name, KeyType.RANGE));
            request.AttributeDefinitions.Add(new AttributeDefinition(sort.Name, new ScalarAttributeType(sort.Type)));
        }

        try
        {
            await DynamoCalls.RunAsync(ct => client.CreateTableAsync(request, ct), "create table", settings, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException ex) when (ex.InnerException is ResourceInUseException)
        {
            // Created meanwhile by a parallel run: use it.
        }

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var table = await GetAsync(client, settings, cancellationToken).ConfigureAwait(false);
            if (table.TableStatus == TableStatus.ACTIVE)
            {
                return table;
            }

            if (waited.Elapsed > CreateTimeout)
            {
                throw new TransientConnectorException($"DynamoDB table '{settings.Location}' is still {table.TableStatus} after {CreateTimeout.TotalSeconds:0} s.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }
    }
}
