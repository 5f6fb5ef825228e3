using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;

namespace Ferry.Plugins.DynamoDb.Internal;

/// <summary>
/// BatchWriteItem and BatchGetItem within DynamoDB's limits, with the retries they need: items a request leaves
/// unprocessed (throttling, partition limits) are sent again after an exponentially growing, jittered wait; after
/// <see cref="MaxAttempts"/> attempts the call fails transiently and the host retries the whole batch (upserts are
/// idempotent). A request refused as invalid is halved until the refused items are isolated.
/// </summary>
internal sealed class DynamoBatchWriter
{
    public const int MaxRequestItems = 25;
    public const long MaxRequestBytes = 16L * 1024 * 1024;
    public const long MaxItemBytes = 400 * 1024;
    private const int MaxGetKeys = 100;
    private const int MaxAttempts = 10;
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    private readonly DynamoSettings _settings;
    private readonly AmazonDynamoDBClient _client;
    private readonly TimeProvider _time;
    private readonly ConnectorLog _log;

    public DynamoBatchWriter(DynamoSettings settings, AmazonDynamoDBClient client, TimeProvider time, ConnectorLog log)
    {
        _settings = settings;
        _client = client;
        _time = time;
        _log = log;
    }

    /// <summary>Writes the items, adding a failure per refused item; returns how many were written.</summary>
    public async Task<int> WriteAsync(IReadOnlyList<PendingItem> items, List<RecordFailure> failures, CancellationToken cancellationToken)
    {
        var requests = new List<List<PendingItem>>();
        var current = new List<PendingItem>(MaxRequestItems);
        long bytes = 0;
        foreach (var item in items)
        {
            if (current.Count == MaxRequestItems || (current.Count > 0 && bytes + item.Size > MaxRequestBytes))
            {
                requests.Add(current);
                current = new List<PendingItem>(MaxRequestItems);
                bytes = 0;
            }

            current.Add(item);
            bytes += item.Size;
        }

        if (current.Count > 0)
        {
            requests.Add(current);
        }

        var written = 0;
        var gate = new Lock();
        await Parallel.ForEachAsync(
            requests,
            new ParallelOptions { MaxDegreeOfParallelism = _settings.WriteConcurrency, CancellationToken = cancellationToken },
            async (request, ct) =>
            {
                var requestFailures = new List<RecordFailure>();
                var count = await WriteIsolatingAsync(request, requestFailures, ct).ConfigureAwait(false);
                lock (gate)
                {
                    written += count;
                    failures.AddRange(requestFailures);
                }
            }).ConfigureAwait(false);
        return written;
    }

    /// <summary>Deletes every item of the table (overwrite), keeping the table and its settings.</summary>
    public async Task<long> DeleteAllAsync(KeySchema key, CancellationToken cancellationToken)
    {
        long deleted = 0;
        Dictionary<string, AttributeValue>? start = null;
        var names = new Dictionary<string, string>();
        var projection = new List<string>();
        foreach (var attribute in key.Attributes)
        {
            var placeholder = "#k" + names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            names[placeholder] = attribute.Name;
            projection.Add(placeholder);
        }

        do
        {
            var scan = new ScanRequest
            {
                TableName = _settings.Table,
                ProjectionExpression = string.Join(",", projection),
                ExpressionAttributeNames = names,
                ExclusiveStartKey = start,
            };
            var page = await DynamoCalls.RunAsync(ct => _client.ScanAsync(scan, ct), "scan keys", _settings, cancellationToken).ConfigureAwait(false);
            var keys = page.Items ?? [];
            for (var i = 0; i < keys.Count; i += MaxRequestItems)
            {
                var requests = keys.Skip(i).Take(MaxRequestItems).Select(k => new WriteRequest { DeleteRequest = new DeleteRequest { Key = k } }).ToList();
                await SendWithRetriesAsync(requests, cancellationToken).ConfigureAwait(false);
                deleted += requests.Count;
            }

            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);

        return deleted;
    }

    /// <summary>Gets items by key (100 keys per BatchGetItem), retrying unprocessed keys; missing keys yield nothing.</summary>
    public async IAsyncEnumerable<Dictionary<string, AttributeValue>> GetAsync(IReadOnlyList<Dictionary<string, AttributeValue>> keys, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var start = 0; start < keys.Count; start += MaxGetKeys)
        {
            var pending = new KeysAndAttributes { Keys = keys.Skip(start).Take(MaxGetKeys).ToList(), ConsistentRead = true };
            for (var attempt = 0; pending.Keys is { Count: > 0 }; attempt++)
            {
                if (attempt == MaxAttempts)
                {
                    throw new TransientConnectorException($"DynamoDB left {pending.Keys.Count} keys of a BatchGetItem on '{_settings.Location}' unprocessed after {MaxAttempts} attempts.");
                }

                if (attempt > 0)
                {
                    await Task.Delay(Backoff(attempt), _time, cancellationToken).ConfigureAwait(false);
                }

                var request = new BatchGetItemRequest { RequestItems = new Dictionary<string, KeysAndAttributes> { [_settings.Table] = pending } };
                var response = await DynamoCalls.RunAsync(ct => _client.BatchGetItemAsync(request, ct), "batch get", _settings, cancellationToken).ConfigureAwait(false);
                if (response.Responses is { } responses && responses.TryGetValue(_settings.Table, out var items))
                {
                    foreach (var item in items)
                    {
                        yield return item;
                    }
                }

                pending = response.UnprocessedKeys is { } unprocessed && unprocessed.TryGetValue(_settings.Table, out var rest) ? rest : new KeysAndAttributes();
            }
        }
    }

    private async Task<int> WriteIsolatingAsync(List<PendingItem> items, List<RecordFailure> failures, CancellationToken cancellationToken)
    {
        try
        {
            await SendWithRetriesAsync(items.Select(i => new WriteRequest { PutRequest = new PutRequest { Item = i.Item } }).ToList(), cancellationToken).ConfigureAwait(false);
            return items.Count;
        }
        catch (DynamoValidationException ex) when (items.Count > 1)
        {
            _log.Debug($"DynamoDB refused a BatchWriteItem of {items.Count} items ({ex.ServerMessage}); splitting it to find the items at fault.");
            var half = items.Count / 2;
            return await WriteIsolatingAsync(items.GetRange(0, half), failures, cancellationToken).ConfigureAwait(false)
                + await WriteIsolatingAsync(items.GetRange(half, items.Count - half), failures, cancellationToken).ConfigureAwait(false);
        }
        catch (DynamoValidationException ex)
        {
            var item = items[0];
            failures.Add(new RecordFailure(item.Record.Id, $"DynamoDB refused record '{item.Record.Id}': {ex.ServerMessage}") { Record = item.Record, Raw = DynamoJson.Describe(item.Item) });
            return 0;
        }
    }

    private async Task SendWithRetriesAsync(List<WriteRequest> requests, CancellationToken cancellationToken)
    {
        var pending = requests;
        for (var attempt = 0; pending.Count > 0; attempt++)
        {
            if (attempt == MaxAttempts)
            {
                throw new TransientConnectorException($"DynamoDB left {pending.Count} items of a BatchWriteItem on '{_settings.Location}' unprocessed after {MaxAttempts} attempts.");
            }

            if (attempt > 0)
            {
                _log.Debug($"DynamoDB: {pending.Count} unprocessed items, attempt {attempt + 1}.");
                await Task.Delay(Backoff(attempt), _time, cancellationToken).ConfigureAwait(false);
            }

            var request = new BatchWriteItemRequest { RequestItems = new Dictionary<string, List<WriteRequest>> { [_settings.Table] = pending } };
            var response = await DynamoCalls.RunAsync(ct => _client.BatchWriteItemAsync(request, ct), "batch write", _settings, cancellationToken).ConfigureAwait(false);
            pending = response.UnprocessedItems is { } unprocessed && unprocessed.TryGetValue(_settings.Table, out var rest) ? rest : [];
        }
    }

    /// <summary>Full jitter: a random wait up to BaseDelay × 2^attempt, at most MaxDelay.</summary>
    private static TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() / 2)));
    }
}
