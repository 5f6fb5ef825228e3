using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Sdk.Connectors;

/// <summary>Changes records between source and sink, a batch at a time (mapping, filtering, enrichment).</summary>
public abstract class Transformer : IAsyncDisposable
{
    /// <summary>The schema after this transformer, given the one before it.</summary>
    public virtual DatasetSchema TransformSchema(DatasetSchema input) => input;

    /// <summary>Transforms one batch. Must be deterministic so that a resumed run produces the same records.</summary>
    public abstract ValueTask<TransformResult> TransformAsync(IReadOnlyList<Record> batch, CancellationToken cancellationToken);

    /// <summary>Releases resources.</summary>
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
