using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.DynamoDb.Internal;

/// <summary>
/// Writes records into a DynamoDB table with BatchWriteItem (25 items and 16 MB per request, items of at most 400 KB),
/// <c>write_concurrency</c> requests in flight, retrying UnprocessedItems with exponential backoff and jitter. Items
/// DynamoDB refuses are isolated by halving the request and reported as failures; the rest is written.
/// </summary>
internal sealed class DynamoSink : SinkConnector
{
    /// <summary>The schema property through which a DynamoDB source tells the sink how its vectors were stored.</summary>
    public const string VectorFormatProperty = "vector_format";

    /// <summary>Items per upsert call the host should send: 40 requests of 25, spread over the concurrent writers.</summary>
    private const int PreferredBatchRecords = 1000;

    private readonly DynamoSettings _settings;
    private readonly AmazonDynamoDBClient _client;
    private readonly DynamoBatchWriter _batchWriter;
    private readonly ConnectorLog _log;
    private KeySchema? _key;
    private DynamoItemWriter? _writer;
    private DynamoItemReader? _reader;
    private int? _dimension;

    public DynamoSink(DynamoSettings settings, AmazonDynamoDBClient client, ConnectorContext context)
    {
        _settings = settings;
        _client = client;
        _log = context.Log;
        _batchWriter = new DynamoBatchWriter(settings, client, context.TimeProvider, context.Log);
    }

    public override SinkLimits Limits => new(PreferredBatchRecords, DynamoBatchWriter.MaxRequestBytes * _settings.WriteConcurrency);

    public override async ValueTask PrepareAsync(DatasetSchema schema, SinkPrepareOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        var table = await DynamoTables.FindAsync(_client, _settings, cancellationToken).ConfigureAwait(false);
        if (table is null)
        {
            if (!_settings.Create || !options.CreateIfMissing)
            {
                throw new ConnectorConfigurationException($"DynamoDB table '{_settings.Location}' does not exist; pass create=true (with key=…, default id:S) to create it.");
            }

            table = await DynamoTables.CreateAsync(_client, _settings, KeySchema.Parse(_settings.KeySpec), cancellationToken).ConfigureAwait(false);
            _log.Info($"DynamoDB: created table '{_settings.Location}' with key {_settings.KeySpec} (on-demand capacity).");
        }

        _key = KeySchema.FromTable(table);
        if (options.Overwrite && !options.Resuming)
        {
            var deleted = await _batchWriter.DeleteAllAsync(_key, cancellationToken).ConfigureAwait(false);
            _log.Info($"DynamoDB: deleted {deleted} items of '{_settings.Location}' to overwrite it.");
        }

        var format = _settings.VectorFormat
            ?? (schema.Properties.TryGetValue(VectorFormatProperty, out var fromSource) && string.Equals(fromSource, "binary", StringComparison.Ordinal)
                ? VectorFormat.Binary
                : VectorFormat.List);
        _dimension = schema.FindVector(Record.DefaultVectorName)?.Dimension;
        _writer = new DynamoItemWriter(_settings, _key, format);
        _reader = new DynamoItemReader(_settings, _key);
    }

    public override async ValueTask<WriteResult> UpsertAsync(IReadOnlyList<Record> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var writer = _writer ?? throw new InvalidOperationException("PrepareAsync must run before UpsertAsync.");
        var failures = new List<RecordFailure>();
        var items = new List<PendingItem>(records.Count);
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var superseded = 0;
        foreach (var record in records)
        {
            var (item, failure) = writer.Write(record, _dimension);
            if (item is null)
            {
                failures.Add(failure!);
                continue;
            }

            var size = DynamoItemSize.Of(item);
            if (size > DynamoBatchWriter.MaxItemBytes)
            {
                failures.Add(new RecordFailure(record.Id, $"Record '{record.Id}' is {size} bytes as a DynamoDB item; DynamoDB stores items of at most 400 KB.") { Record = record });
                continue;
            }

            // BatchWriteItem refuses a request that names one key twice: the later record of the batch wins, as an upsert would.
            if (positions.TryGetValue(record.Id, out var earlier))
            {
                items[earlier] = new PendingItem(record, item, size);
                superseded++;
                continue;
            }

            positions[record.Id] = items.Count;
            items.Add(new PendingItem(record, item, size));
        }

        var written = await _batchWriter.WriteAsync(items, failures, cancellationToken).ConfigureAwait(false);
        return new WriteResult(written + superseded, failures);
    }

    public override async IAsyncEnumerable<Record> ReadByIdsAsync(IReadOnlyList<string> ids, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var key = _key ?? KeySchema.FromTable(await DynamoTables.GetAsync(_client, _settings, cancellationToken).ConfigureAwait(false));
        var reader = _reader ?? new DynamoItemReader(_settings, key);
        var keys = new List<Dictionary<string, AttributeValue>>(ids.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (!seen.Add(id))
            {
                continue;
            }

            try
            {
                keys.Add(key.KeyOf(id, _settings.IdSeparator[0]));
            }
            catch (FormatException)
            {
                // An id that cannot be a key of this table cannot exist in it.
            }
        }

        await foreach (var item in _batchWriter.GetAsync(keys, cancellationToken).ConfigureAwait(false))
        {
            var (record, failure) = reader.Read(item, null);
            if (record is null)
            {
                _log.Warn(failure!.Message);
                continue;
            }

            yield return record;
        }
    }

    public override async ValueTask<long?> CountAsync(CancellationToken cancellationToken) =>
        await DynamoCount.CountAsync(_client, _settings, 4, cancellationToken).ConfigureAwait(false);

    public override ValueTask DisposeAsync()
    {
        _client.Dispose();
        return base.DisposeAsync();
    }
}
