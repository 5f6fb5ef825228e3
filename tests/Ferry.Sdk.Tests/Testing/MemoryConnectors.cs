using System.Globalization;
using System.Runtime.CompilerServices;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Sdk.Tests.Testing;

/// <summary>How a <see cref="MemorySource"/> misbehaves, to prove the conformance tests catch it.</summary>
public enum SourceFault
{
    None,
    IgnoresBatchSize,
    IgnoresMaxBatchBytes,
    ResumeRepeatsLastBatch,
    IgnoresCancellation,
    DuplicatesARecord,
}

/// <summary>A source over records in memory, correct unless told to misbehave.</summary>
internal sealed class MemorySource(IReadOnlyList<Record> records, SourceFault fault) : SourceConnector
{
    public override ValueTask<DatasetSchema> DescribeAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new DatasetSchema { Vectors = [new VectorField(Record.DefaultVectorName, records[0].Vector!.Length, DistanceMetric.Cosine)], Count = records.Count });

    public override ValueTask<long?> CountAsync(Ferry.Sdk.Filtering.FilterExpression? filter, CancellationToken cancellationToken) =>
        ValueTask.FromResult<long?>(records.Count + (fault == SourceFault.DuplicatesARecord ? 1 : 0));

    public override async IAsyncEnumerable<RecordBatch> ReadAsync(ReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = request.ResumeToken is null ? 0 : int.Parse(request.ResumeToken, CultureInfo.InvariantCulture);
        if (fault == SourceFault.ResumeRepeatsLastBatch && request.ResumeToken is not null)
        {
            next = Math.Max(0, next - 1);
        }

        // Records here are about 512 bytes each, as far as the byte hint goes.
        var size = fault == SourceFault.IgnoresBatchSize ? request.BatchSize * 2
            : fault == SourceFault.IgnoresMaxBatchBytes ? request.BatchSize
            : (int)Math.Clamp(Math.Min(request.BatchSize, request.MaxBatchBytes / 512), 1, int.MaxValue);
        while (next < records.Count)
        {
            if (fault != SourceFault.IgnoresCancellation)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var batch = records.Skip(next).Take(size).Select(r => r.Clone()).ToList();
            if (fault == SourceFault.DuplicatesARecord && next == 0)
            {
                batch.Add(records[0].Clone());
            }

            next += size;
            yield return new RecordBatch(batch, Math.Min(next, records.Count).ToString(CultureInfo.InvariantCulture), request.Partition);
            await Task.Yield();
        }
    }
}

/// <summary>How a <see cref="MemorySink"/> misbehaves.</summary>
public enum SinkFault
{
    None,
    AppendsInsteadOfUpserting,
    FlushesNegativeZero,
    DropsMetadataKind,
    ChecksumsLeaveOutTheTitle,
    ChecksumsForUnknownIds,
}

/// <summary>A sink into a shared in-memory table, correct unless told to misbehave.</summary>
internal sealed class MemorySink(List<Record> table, SinkFault fault) : SinkConnector
{
    public override ValueTask PrepareAsync(DatasetSchema schema, SinkPrepareOptions options, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public override ValueTask<WriteResult> UpsertAsync(IReadOnlyList<Record> records, CancellationToken cancellationToken)
    {
        lock (table)
        {
            foreach (var record in records)
            {
                var copy = record.Clone();
                if (fault == SinkFault.FlushesNegativeZero && copy.Vector is { } vector)
                {
                    for (var i = 0; i < vector.Length; i++)
                    {
                        vector[i] += 0f;
                    }
                }

                if (fault == SinkFault.DropsMetadataKind && copy.Metadata.TryGetValue("m_integer", out var integer))
                {
                    copy.Metadata["m_integer"] = (double)integer.AsInteger();
                }

                if (fault != SinkFault.AppendsInsteadOfUpserting)
                {
                    table.RemoveAll(r => r.Id == copy.Id);
                }

                table.Add(copy);
            }
        }

        return ValueTask.FromResult(WriteResult.AllWritten(records.Count));
    }

    public override async IAsyncEnumerable<Record> ReadByIdsAsync(IReadOnlyList<string> ids, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        List<Record> found;
        lock (table)
        {
            found = table.Where(r => ids.Contains(r.Id)).Select(r => r.Clone()).ToList();
        }

        foreach (var record in found)
        {
            yield return record;
        }
    }

    /// <summary>Hashes in place, as a columnar sink would; the checksum faults get it wrong.</summary>
    public override ValueTask<IReadOnlyDictionary<string, UInt128>> ReadChecksumsAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var builder = new RecordChecksumBuilder();
        var found = new Dictionary<string, UInt128>(StringComparer.Ordinal);
        lock (table)
        {
            foreach (var record in table.Where(r => ids.Contains(r.Id)))
            {
                var copy = record.Clone();
                if (fault == SinkFault.ChecksumsLeaveOutTheTitle)
                {
                    copy.Title = null;
                }

                found[copy.Id] = RecordChecksum.Compute128(copy);
            }
        }

        if (fault == SinkFault.ChecksumsForUnknownIds)
        {
            builder.Reset();
            foreach (var id in ids.Where(id => !found.ContainsKey(id)))
            {
                found[id] = builder.Finish();
            }
        }

        return ValueTask.FromResult<IReadOnlyDictionary<string, UInt128>>(found);
    }

    public override ValueTask<long?> CountAsync(CancellationToken cancellationToken)
    {
        lock (table)
        {
            return ValueTask.FromResult<long?>(table.Count);
        }
    }
}
