using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Mapping.Internal;

/// <summary>The mapping transformer: every record of a batch through a <see cref="RecordMapper"/>; failures leave the batch, the rest goes on.</summary>
internal sealed class MappingTransformer : Transformer
{
    private readonly MappingSpec _spec;
    private readonly RecordMapper _mapper;

    public MappingTransformer(MappingSpec spec)
    {
        _spec = spec;
        _mapper = new RecordMapper(spec);
    }

    public override DatasetSchema TransformSchema(DatasetSchema input) => SchemaMapper.Apply(_spec, input);

    public override ValueTask<TransformResult> TransformAsync(IReadOnlyList<Record> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        var output = new List<Record>(batch.Count);
        List<RecordFailure>? failures = null;
        foreach (var record in batch)
        {
            var failure = _mapper.Apply(record);
            if (failure is null)
            {
                output.Add(record);
            }
            else
            {
                (failures ??= []).Add(failure);
            }
        }

        return ValueTask.FromResult(new TransformResult(output, failures ?? (IReadOnlyList<RecordFailure>)[]));
    }
}
