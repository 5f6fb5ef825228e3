using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Sdk.Connectors;

/// <summary>
/// Writes records to a system. Writes are idempotent upserts by id: writing a batch twice leaves the
/// target as writing it once, which is what makes crash-and-resume lose and duplicate nothing.
/// </summary>
public abstract class SinkConnector : IAsyncDisposable
{
    /// <summary>The limits the target puts on one write call; the host sizes batches to fit.</summary>
    public virtual SinkLimits Limits => SinkLimits.Default;

    /// <summary>Prepares the target for data of this schema: creates the table/collection/dataset when missing, checks compatibility otherwise.</summary>
    public abstract ValueTask PrepareAsync(DatasetSchema schema, SinkPrepareOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts or replaces the records by id. May buffer; <see cref="FlushAsync"/> makes everything durable.
    /// Records the target refuses are reported in the result, not thrown, unless the whole call failed.
    /// </summary>
    public abstract ValueTask<WriteResult> UpsertAsync(IReadOnlyList<Record> records, CancellationToken cancellationToken);

    /// <summary>Makes every record accepted so far durable (commits). The host checkpoints only after this returns.</summary>
    public virtual ValueTask FlushAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Reads records back by id (for validation); ids that do not exist are left out.</summary>
    public abstract IAsyncEnumerable<Record> ReadByIdsAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken);

    /// <summary>
    /// The content checksums (<see cref="RecordChecksum"/>) of the records with these ids, keyed by id; ids that do not
    /// exist are left out. Full validation compares them with the source's. The default reads the records back
    /// (<see cref="ReadByIdsAsync"/>) and hashes each as it arrives; a target that can hash its stored form directly
    /// (with a <see cref="RecordChecksumBuilder"/>) overrides it to skip building records, and must return exactly what
    /// the default would.
    /// </summary>
    public virtual async ValueTask<IReadOnlyDictionary<string, UInt128>> ReadChecksumsAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new Dictionary<string, UInt128>(ids.Count, StringComparer.Ordinal);
        await foreach (var record in ReadByIdsAsync(ids, cancellationToken).ConfigureAwait(false))
        {
            found[record.Id] = RecordChecksum.Compute128(record);
        }

        return found;
    }

    /// <summary>Returns which of the ids already exist in the target (for the skip/fail duplicate policies).</summary>
    public virtual async ValueTask<IReadOnlySet<string>> FindExistingAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var record in ReadByIdsAsync(ids, cancellationToken).ConfigureAwait(false))
        {
            found.Add(record.Id);
        }

        return found;
    }

    /// <summary>Counts the records in the target, or <c>null</c> when it cannot count cheaply.</summary>
    public virtual ValueTask<long?> CountAsync(CancellationToken cancellationToken) => ValueTask.FromResult<long?>(null);

    /// <summary>Whether <see cref="SearchAsync"/> is supported.</summary>
    public virtual bool CanSearch => false;

    /// <summary>Runs a top-k vector query on the target (for search-agreement validation).</summary>
    public virtual ValueTask<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot search.");

    /// <summary>Flushes nothing and releases connections and files; the host calls <see cref="FlushAsync"/> first on success.</summary>
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
