using Ferry.Core.Resilience;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;

namespace Ferry.Core.Pipeline;

/// <summary>
/// Writes a batch to the sink in calls that fit its limits (records and estimated bytes). A call that fails
/// permanently is split in halves and retried until the records at fault are alone; those are reported as
/// failures, the others written. Transient failures are retried by the resilience pipeline; when it gives
/// up, the run stops.
/// </summary>
internal sealed class SinkWriter
{
    private readonly SinkConnector _sink;
    private readonly ResilientCalls _calls;
    private readonly int _maxRecords;
    private readonly long _maxBytes;

    public SinkWriter(SinkConnector sink, ResilientCalls calls, int maxRecords, long maxBytes)
    {
        _sink = sink;
        _calls = calls;
        _maxRecords = Math.Max(1, maxRecords);
        _maxBytes = Math.Max(1, maxBytes);
    }

    /// <summary>Writes the records; returns the ones refused, with why.</summary>
    public async ValueTask<List<(Record Record, string Error)>> WriteAsync(List<Record> records, long totalBytes, CancellationToken cancellationToken)
    {
        var failures = new List<(Record, string)>();
        if (records.Count <= _maxRecords && totalBytes <= _maxBytes)
        {
            await WriteChunkAsync(records, failures, cancellationToken).ConfigureAwait(false);
            return failures;
        }

        var chunk = new List<Record>(Math.Min(records.Count, _maxRecords));
        long chunkBytes = 0;
        foreach (var record in records)
        {
            var size = RecordSize.Estimate(record);
            if (chunk.Count > 0 && (chunk.Count >= _maxRecords || chunkBytes + size > _maxBytes))
            {
                await WriteChunkAsync(chunk, failures, cancellationToken).ConfigureAwait(false);
                chunk = new List<Record>(Math.Min(records.Count, _maxRecords));
                chunkBytes = 0;
            }

            chunk.Add(record);
            chunkBytes += size;
        }

        if (chunk.Count > 0)
        {
            await WriteChunkAsync(chunk, failures, cancellationToken).ConfigureAwait(false);
        }

        return failures;
    }

    private async ValueTask WriteChunkAsync(IReadOnlyList<Record> chunk, List<(Record, string)> failures, CancellationToken cancellationToken)
    {
        WriteResult result;
        try
        {
            result = await _calls.ExecuteAsync(ExternalCall.Write, ct => _sink.UpsertAsync(chunk, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (RecordFailureDescriptions.MayBeRecordLevel(e) && !cancellationToken.IsCancellationRequested)
        {
            if (chunk.Count == 1)
            {
                failures.Add((chunk[0], RecordFailureDescriptions.Describe(e)));
                return;
            }

            var half = chunk.Count / 2;
            await WriteChunkAsync(Slice(chunk, 0, half), failures, cancellationToken).ConfigureAwait(false);
            await WriteChunkAsync(Slice(chunk, half, chunk.Count - half), failures, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (result.Failures.Count == 0)
        {
            return;
        }

        Dictionary<string, Record>? byId = null;
        foreach (var failure in result.Failures)
        {
            Record? record = failure.Record;
            if (record is null && failure.RecordId is not null)
            {
                byId ??= BuildIndex(chunk);
                byId.TryGetValue(failure.RecordId, out record);
            }

            failures.Add((record ?? new Record(failure.RecordId ?? "?"), failure.Message));
        }
    }

    private static Dictionary<string, Record> BuildIndex(IReadOnlyList<Record> chunk)
    {
        var index = new Dictionary<string, Record>(chunk.Count, StringComparer.Ordinal);
        foreach (var record in chunk)
        {
            index[record.Id] = record;
        }

        return index;
    }

    private static List<Record> Slice(IReadOnlyList<Record> records, int start, int count)
    {
        var slice = new List<Record>(count);
        for (var i = start; i < start + count; i++)
        {
            slice.Add(records[i]);
        }

        return slice;
    }
}
