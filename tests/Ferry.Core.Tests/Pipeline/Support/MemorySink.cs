using System.Runtime.CompilerServices;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Core.Tests.Pipeline.Support;

/// <summary>An in-memory sink: upserts go to Pending, a flush moves them to Durable.</summary>
internal sealed class MemorySink : SinkConnector
{
    private readonly MemoryData _data;

    public MemorySink(MemoryData data)
    {
        _data = data;
    }

    public override SinkLimits Limits => new(_data.MaxBatchRecords, _data.MaxBatchBytes);

    public override bool CanSearch => _data.Searchable;

    public override ValueTask PrepareAsync(DatasetSchema schema, SinkPrepareOptions options, CancellationToken cancellationToken)
    {
        if (options.Overwrite)
        {
            _data.Durable.Clear();
        }

        // Whatever was not flushed is lost, as after a crash.
        _data.Pending.Clear();
        return ValueTask.CompletedTask;
    }

    public override ValueTask<WriteResult> UpsertAsync(IReadOnlyList<Record> records, CancellationToken cancellationToken)
    {
        Enter();
        try
        {
            return Upsert(records);
        }
        finally
        {
            Exit();
        }
    }

    private ValueTask<WriteResult> Upsert(IReadOnlyList<Record> records)
    {
        var call = Interlocked.Increment(ref _data.UpsertCalls);
        if (_data.CrashAfterUpserts is { } crash && call > crash)
        {
            throw new InvalidOperationException("simulated crash of the target");
        }

        foreach (var record in records)
        {
            if (_data.ThrowingIds.Contains(record.Id))
            {
                throw new RecordException("the target rejects this record", record.Id);
            }
        }

        lock (_data)
        {
            _data.LargestWrite = Math.Max(_data.LargestWrite, records.Count);
        }

        var failures = new List<RecordFailure>();
        foreach (var record in records)
        {
            if (_data.RefusedIds.Contains(record.Id))
            {
                failures.Add(new RecordFailure(record.Id, "refused by the target"));
                continue;
            }

            _data.Pending[record.Id] = record.Clone();
            Interlocked.Increment(ref _data.RecordsUpserted);
        }

        return ValueTask.FromResult(new WriteResult(records.Count - failures.Count, failures));
    }

    public override ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        Enter();
        try
        {
            return Flush();
        }
        finally
        {
            Exit();
        }
    }

    private ValueTask Flush()
    {
        Interlocked.Increment(ref _data.FlushCalls);
        foreach (var (id, record) in _data.Pending)
        {
            if (!_data.LostOnFlush.Contains(id))
            {
                _data.Durable[id] = record;
            }
        }

        _data.Pending.Clear();
        return ValueTask.CompletedTask;
    }

    public override async IAsyncEnumerable<Record> ReadByIdsAsync(IReadOnlyList<string> ids, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Enter();
        try
        {
            _data.ReadBack.TrySetResult();
            var target = _data.Target();
            foreach (var id in ids)
            {
                if (target.TryGetValue(id, out var record))
                {
                    yield return record.Clone();
                }
            }

            await Task.Yield();
        }
        finally
        {
            Exit();
        }
    }

    private void Enter()
    {
        if (Interlocked.Increment(ref _data.CallsInFlight) > 1)
        {
            Interlocked.Increment(ref _data.OverlappingCalls);
        }
    }

    private void Exit() => Interlocked.Decrement(ref _data.CallsInFlight);

    public override ValueTask<long?> CountAsync(CancellationToken cancellationToken) => ValueTask.FromResult<long?>(_data.Target().Count);

    public override ValueTask<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(VectorSearch.TopK(_data.Target().Values, request));
}
