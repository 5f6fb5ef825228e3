using Ferry.Core.Resilience;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;

namespace Ferry.Core.Validation;

/// <summary>Reads records back from the target by id, a batch per call, with resilience.</summary>
internal sealed class TargetReader
{
    private readonly SinkConnector _sink;
    private readonly ResilientCalls _calls;

    private readonly Func<CancellationToken, ValueTask<IDisposable>>? _exclusive;

    /// <param name="sink">The target.</param>
    /// <param name="calls">Resilience around the target's calls.</param>
    /// <param name="exclusive">
    /// When the migration is still writing: gives the reader the sink to itself for each read (sinks need not be
    /// thread-safe), released when the read is done.
    /// </param>
    public TargetReader(SinkConnector sink, ResilientCalls calls, Func<CancellationToken, ValueTask<IDisposable>>? exclusive = null)
    {
        _sink = sink;
        _calls = calls;
        _exclusive = exclusive;
    }

    public SinkConnector Sink => _sink;

    public ResilientCalls Calls => _calls;

    /// <summary>Reads the records with these ids (those the target has), by id.</summary>
    public ValueTask<Dictionary<string, Record>> ReadAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        ReadAsync(ids, static record => record, cancellationToken);

    /// <summary>
    /// Reads the records with these ids and keeps only their content checksums (<see cref="RecordChecksum"/>): each
    /// record is dropped as soon as it is hashed, so a batch of read-back records never outlives a garbage collection
    /// (held for the whole batch, they were promoted and copied, about a third of what full validation cost).
    /// </summary>
    public ValueTask<Dictionary<string, UInt128>> ReadChecksumsAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        ReadAsync(ids, RecordChecksum.Compute128, cancellationToken);

    private ValueTask<Dictionary<string, T>> ReadAsync<T>(IReadOnlyList<string> ids, Func<Record, T> keep, CancellationToken cancellationToken) =>
        _calls.ExecuteAsync(
            ExternalCall.ReadBack,
            async ct =>
            {
                var found = new Dictionary<string, T>(ids.Count, StringComparer.Ordinal);
                var alone = _exclusive is null ? null : await _exclusive(ct).ConfigureAwait(false);
                try
                {
                    await foreach (var record in _sink.ReadByIdsAsync(ids, ct).ConfigureAwait(false))
                    {
                        found[record.Id] = keep(record);
                    }
                }
                finally
                {
                    alone?.Dispose();
                }

                return found;
            },
            cancellationToken);

    public ValueTask<long?> CountAsync(CancellationToken cancellationToken) =>
        _calls.ExecuteAsync(ExternalCall.Count, ct => _sink.CountAsync(ct), cancellationToken);
}
