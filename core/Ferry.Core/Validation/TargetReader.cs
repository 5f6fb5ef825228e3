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

    public ValueTask<Dictionary<string, Record>> ReadAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        _calls.ExecuteAsync(
            ExternalCall.ReadBack,
            async ct =>
            {
                var found = new Dictionary<string, Record>(ids.Count, StringComparer.Ordinal);
                var alone = _exclusive is null ? null : await _exclusive(ct).ConfigureAwait(false);
                try
                {
                    await foreach (var record in _sink.ReadByIdsAsync(ids, ct).ConfigureAwait(false))
                    {
                        found[record.Id] = record;
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
