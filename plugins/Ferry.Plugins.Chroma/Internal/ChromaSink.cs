using System.Runtime.CompilerServices;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Chroma.Internal;

/// <summary>
/// Writes records into a Chroma collection with <c>POST …/upsert</c>, in requests of at most the server's
/// <c>max_batch_size</c> records (from <c>GET /api/v2/pre-flight-checks</c>) and at most <c>max_request_bytes</c>.
/// Records Chroma cannot take (no or wrong-size vector, non-finite component, a value <c>rich_types=error</c> refuses)
/// are reported as failures before sending; when the server refuses a request anyway, the request is halved until
/// the refused records are isolated, so one bad record never sinks its batch.
/// </summary>
internal sealed class ChromaSink : SinkConnector
{
    /// <summary>The batch size used before the server's limit is known (Chroma's servers allow several thousand).</summary>
    private const int DefaultMaxBatch = 1000;

    private readonly ChromaSettings _settings;
    private readonly ChromaClient _client;
    private readonly ChromaRecordCodec _codec;
    private readonly ConnectorLog _log;
    private ChromaCollection? _collection;
    private int _maxBatch;
    private string _vectorName = Record.DefaultVectorName;
    private int? _dimension;

    public ChromaSink(ChromaSettings settings, ChromaClient client, ConnectorLog log)
    {
        _settings = settings;
        _client = client;
        _log = log;
        _codec = new ChromaRecordCodec(settings);
        _maxBatch = settings.BatchSize ?? DefaultMaxBatch;
    }

    public override SinkLimits Limits => new(_maxBatch, _settings.MaxRequestBytes);

    public override bool CanSearch => true;

    public override async ValueTask PrepareAsync(DatasetSchema schema, SinkPrepareOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        var preflight = await _client.GetPreflightAsync(cancellationToken).ConfigureAwait(false);
        var serverMax = preflight.MaxBatchSize > 0 ? preflight.MaxBatchSize : DefaultMaxBatch;
        _maxBatch = Math.Min(serverMax, _settings.BatchSize ?? int.MaxValue);

        var field = ChooseVector(schema);
        _vectorName = field?.Name ?? _settings.VectorName ?? Record.DefaultVectorName;
        _dimension = field?.Dimension;
        var space = _settings.Space ?? (field is null ? ChromaSpace.Default : ChromaSpace.FromMetric(field.Metric));

        var existing = await _client.FindCollectionAsync(cancellationToken).ConfigureAwait(false);
        if (existing is not null && options.Overwrite && !options.Resuming)
        {
            _log.Info($"Chroma: deleting collection '{_settings.Location}' to overwrite it.");
            await _client.DeleteCollectionAsync(cancellationToken).ConfigureAwait(false);
            existing = null;
        }

        if (existing is null)
        {
            if (!options.CreateIfMissing)
            {
                throw new ConnectorConfigurationException($"Chroma collection '{_settings.Location}' does not exist and creating it was not allowed.");
            }

            await _client.EnsureDatabaseAsync(cancellationToken).ConfigureAwait(false);
            existing = await _client.CreateCollectionAsync(space, cancellationToken).ConfigureAwait(false);
            _log.Info($"Chroma: created collection '{_settings.Location}' (space {space}).");
        }

        if (!string.Equals(existing.Space, space, StringComparison.Ordinal))
        {
            throw new ConnectorConfigurationException(
                $"Chroma collection '{_settings.Location}' uses space {existing.Space}, the data {space}: search results would differ. Write to a new collection, or pass space={existing.Space} to accept it.");
        }

        if (existing.Dimension is { } dimension && _dimension is { } expected && dimension != expected)
        {
            throw new ConnectorConfigurationException($"Chroma collection '{_settings.Location}' holds {dimension}-dimensional embeddings, the data {expected}.");
        }

        _dimension ??= existing.Dimension;
        _collection = existing;
    }

    public override async ValueTask<WriteResult> UpsertAsync(IReadOnlyList<Record> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var collection = _collection ?? throw new InvalidOperationException("PrepareAsync must run before UpsertAsync.");
        var rows = new List<ChromaRow>(records.Count);
        var failures = new List<RecordFailure>();
        foreach (var record in records)
        {
            var (row, failure) = _codec.Encode(record, _vectorName, _dimension);
            if (row is not null)
            {
                rows.Add(row);
            }
            else
            {
                failures.Add(failure!);
            }
        }

        var written = 0;
        for (var start = 0; start < rows.Count; start += _maxBatch)
        {
            written += await WriteAsync(collection.Id, rows, start, Math.Min(_maxBatch, rows.Count - start), failures, cancellationToken).ConfigureAwait(false);
        }

        if (_dimension is null && rows.Count > 0)
        {
            _dimension = rows[0].Embedding.Length;
        }

        return new WriteResult(written, failures);
    }

    public override async IAsyncEnumerable<Record> ReadByIdsAsync(IReadOnlyList<string> ids, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var collection = await GetCollectionAsync(cancellationToken).ConfigureAwait(false);
        var chunk = Math.Max(1, _maxBatch);
        for (var start = 0; start < ids.Count; start += chunk)
        {
            var count = Math.Min(chunk, ids.Count - start);
            var slice = new List<string>(count);
            for (var i = start; i < start + count; i++)
            {
                slice.Add(ids[i]);
            }

            var page = ChromaPage.Parse(await _client.GetByIdsAsync(collection.Id, slice, cancellationToken).ConfigureAwait(false));
            for (var i = 0; i < page.Count; i++)
            {
                var (record, failure) = _codec.Decode(page, i, null);
                if (record is null)
                {
                    // Validation compares what it can read; an unreadable record counts as missing and is logged.
                    _log.Warn(failure!.Message);
                    continue;
                }

                yield return record;
            }
        }
    }

    public override async ValueTask<long?> CountAsync(CancellationToken cancellationToken)
    {
        var collection = await GetCollectionAsync(cancellationToken).ConfigureAwait(false);
        return await _client.CountAsync(collection.Id, cancellationToken).ConfigureAwait(false);
    }

    public override async ValueTask<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var collection = await GetCollectionAsync(cancellationToken).ConfigureAwait(false);
        return await ChromaSearch.RunAsync(_client, collection, request, cancellationToken).ConfigureAwait(false);
    }

    public override ValueTask DisposeAsync()
    {
        _client.Dispose();
        return base.DisposeAsync();
    }

    private VectorField? ChooseVector(DatasetSchema schema)
    {
        if (_settings.VectorName is { } name)
        {
            return schema.FindVector(name)
                ?? (schema.Vectors.Count == 0 ? null : throw new ConnectorConfigurationException($"Option vector={name}: the data has no such vector (it has {string.Join(", ", schema.Vectors.Select(v => v.Name))})."));
        }

        switch (schema.Vectors.Count)
        {
            case 0:
                return null;
            case 1:
                return schema.Vectors[0];
            default:
                var preferred = schema.FindVector(Record.DefaultVectorName)
                    ?? throw new ConnectorConfigurationException(
                        $"A Chroma record holds one embedding; the data has {schema.Vectors.Count} vectors ({string.Join(", ", schema.Vectors.Select(v => v.Name))}). Choose one with vector=NAME.");
                _log.Warn($"Chroma holds one embedding per record: writing vector '{preferred.Name}', not the others (choose with vector=NAME).");
                return preferred;
        }
    }

    private async ValueTask<ChromaCollection> GetCollectionAsync(CancellationToken cancellationToken) =>
        _collection ??= await _client.GetCollectionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Sends rows[start..start+count), halving on a too-large body and isolating records the server refuses.</summary>
    private async Task<int> WriteAsync(string collectionId, List<ChromaRow> rows, int start, int count, List<RecordFailure> failures, CancellationToken cancellationToken)
    {
        var payload = ChromaUpsertWriter.Write(rows, start, count);
        if (payload.Length > _settings.MaxRequestBytes && count > 1)
        {
            var half = count / 2;
            return await WriteAsync(collectionId, rows, start, half, failures, cancellationToken).ConfigureAwait(false)
                + await WriteAsync(collectionId, rows, start + half, count - half, failures, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await _client.UpsertAsync(collectionId, payload, cancellationToken).ConfigureAwait(false);
            return count;
        }
        catch (ChromaRequestException ex) when (count > 1)
        {
            _log.Debug($"Chroma refused an upsert of {count} records ({ex.ServerMessage}); splitting it to find the records at fault.");
            var half = count / 2;
            return await WriteAsync(collectionId, rows, start, half, failures, cancellationToken).ConfigureAwait(false)
                + await WriteAsync(collectionId, rows, start + half, count - half, failures, cancellationToken).ConfigureAwait(false);
        }
        catch (ChromaRequestException ex)
        {
            failures.Add(new RecordFailure(rows[start].Id, $"Chroma refused the record: {ex.ServerMessage}") { Record = rows[start].Origin });
            return 0;
        }
    }
}
