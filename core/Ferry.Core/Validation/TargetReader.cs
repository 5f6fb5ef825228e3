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
        AloneAsync(
            async ct =>
            {
                var found = new Dictionary<string, Record>(ids.Count, StringComparer.Ordinal);
                await foreach (var record in _sink.ReadByIdsAsync(ids, ct).ConfigureAwait(false))
                {
                    found[record.Id] = record;
                }

                return found;
            },
            cancellationToken);

    /// <summary>
    /// The content checksums (<see cref="RecordChecksum"/>) of the records with these ids that the target has
    /// (<see cref="SinkConnector.ReadChecksumsAsync"/>: a target that can hash what it stores builds no records).
    /// </summary>
    public ValueTask<IReadOnlyDictionary<string, UInt128>> ReadChecksumsAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        AloneAsync(ct => _sink.ReadChecksumsAsync(ids, ct), cancellationToken);

    /// <summary>One read-back call with resilience, with the sink to itself while the migration is still writing.</summary>
    private ValueTask<T> AloneAsync<T>(Func<CancellationToken, ValueTask<T>> read, CancellationToken cancellationToken) =>
        _calls.ExecuteAsync(
            ExternalCall.ReadBack,
            async ct =>
            {
                var alone = _exclusive is null ? null : await _exclusive(ct).ConfigureAwait(false);
                try
                {
                    return await read(ct).ConfigureAwait(false);
                }
                finally
                {
                    alone?.Dispose();
                }
            },
            cancellationToken);

    public ValueTask<long?> CountAsync(CancellationToken cancellationToken) =>
        _calls.ExecuteAsync(ExternalCall.Count, ct => _sink.CountAsync(ct), cancellationToken);
}
