using Ferry.Core.DeadLetter;
using Ferry.Core.Jobs;
using Ferry.Core.Resilience;
using Ferry.Core.Validation;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Filtering;
using Ferry.Sdk.Records;

namespace Ferry.Core.Pipeline;

/// <summary>
/// What happens to a batch between reading and writing, in this order: the source's conversion failures
/// become dead letters; records get their provenance; the filter runs (unless the source evaluated it);
/// the transformers run in turn; ids are assigned per the id mode; sizes (and, for full validation,
/// content checksums) are computed. Deterministic, so a resumed run produces the same records.
/// </summary>
internal sealed class TransformChain
{
    private readonly CompiledFilter? _filter;
    private readonly IReadOnlyList<TransformStep> _steps;
    private readonly IdMode _idMode;
    private readonly string _system;
    private readonly string _location;

    public TransformChain(CompiledFilter? pipelineFilter, IReadOnlyList<TransformStep> steps, IdMode idMode, string system, string location)
    {
        _filter = pipelineFilter;
        _steps = steps;
        _idMode = idMode;
        _system = system;
        _location = location;
    }

    public bool ComputeChecksums { get; init; }

    public async ValueTask ApplyAsync(WorkBatch batch, CancellationToken cancellationToken)
    {
        foreach (var failure in batch.SourceFailures)
        {
            batch.Failures.Add(new DeadLetterEntry(DeadLetterStage.Read, failure.Message)
            {
                Partition = batch.Partition.Partition.Id,
                Line = failure.Line,
                RecordId = failure.RecordId,
                Field = failure.Field,
                Record = failure.Record,
                Raw = failure.Raw,
            });
        }

        var records = new List<Record>(batch.Input.Count);
        foreach (var record in batch.Input)
        {
            record.Source ??= new RecordSource(_system, _location, record.Id);
            if (_filter is null)
            {
                records.Add(record);
                continue;
            }

            bool keep;
            try
            {
                keep = _filter.Matches(record);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                batch.Failures.Add(Entry(batch, DeadLetterStage.Filter, record, $"The filter cannot be evaluated on this record: {RecordFailureDescriptions.Describe(e)}"));
                continue;
            }

            if (keep)
            {
                records.Add(record);
            }
            else
            {
                batch.Filtered++;
            }
        }

        foreach (var step in _steps)
        {
            if (records.Count == 0)
            {
                break;
            }

            var output = new List<Record>(records.Count);
            await TransformAsync(step, records, output, batch, cancellationToken).ConfigureAwait(false);
            records = output;
        }

        if (_idMode != IdMode.Keep)
        {
            var kept = new List<Record>(records.Count);
            foreach (var record in records)
            {
                try
                {
                    IdAssigner.Assign(record, _idMode);
                    kept.Add(record);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    batch.Failures.Add(Entry(batch, DeadLetterStage.Transform, record, $"Cannot assign a {_idMode.ToString().ToLowerInvariant()} id: {RecordFailureDescriptions.Describe(e)}"));
                }
            }

            records = kept;
        }

        long bytes = 0;
        foreach (var record in records)
        {
            bytes += RecordSize.Estimate(record);
        }

        batch.Records = records;
        batch.Bytes = bytes;
        if (ComputeChecksums && records.Count > 0)
        {
            var checksums = new byte[records.Count * RecordChecksum.Size];
            for (var i = 0; i < records.Count; i++)
            {
                RecordChecksum.Compute(records[i], checksums.AsSpan(i * RecordChecksum.Size, RecordChecksum.Size));
            }

            batch.Checksums = checksums;
        }
    }

    private static async ValueTask TransformAsync(TransformStep step, List<Record> input, List<Record> output, WorkBatch batch, CancellationToken cancellationToken)
    {
        TransformResult result;
        try
        {
            result = await step.Calls.ExecuteAsync(ExternalCall.Transform, ct => step.Transformer.TransformAsync(input, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (RecordFailureDescriptions.MayBeRecordLevel(e) && !cancellationToken.IsCancellationRequested)
        {
            if (input.Count == 1)
            {
                batch.Failures.Add(Entry(batch, DeadLetterStage.Transform, input[0], $"Transformer '{step.Name}': {RecordFailureDescriptions.Describe(e)}"));
                return;
            }

            // Find the records at fault: halves until they are alone.
            var half = input.Count / 2;
            await TransformAsync(step, input.GetRange(0, half), output, batch, cancellationToken).ConfigureAwait(false);
            await TransformAsync(step, input.GetRange(half, input.Count - half), output, batch, cancellationToken).ConfigureAwait(false);
            return;
        }

        output.AddRange(result.Records);
        foreach (var failure in result.Failures)
        {
            batch.Failures.Add(new DeadLetterEntry(DeadLetterStage.Transform, $"Transformer '{step.Name}': {failure.Message}")
            {
                Partition = batch.Partition.Partition.Id,
                Line = failure.Line,
                RecordId = failure.RecordId ?? failure.Record?.Id,
                Field = failure.Field,
                Record = failure.Record,
                Raw = failure.Raw,
            });
        }
    }

    private static DeadLetterEntry Entry(WorkBatch batch, DeadLetterStage stage, Record record, string error) => new(stage, error)
    {
        Partition = batch.Partition.Partition.Id,
        RecordId = record.Source?.OriginalId ?? record.Id,
        Record = record,
    };
}
