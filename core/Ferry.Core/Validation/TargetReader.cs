using Ferry.Core.Resilience;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;

namespace Ferry.Core.Validation;

/// <summary>Reads records back from the target by id, a batch per call, with resilience.</summary>
internal sealed class TargetReader
{
    private readonly SinkConnector _sink;
    private readonly ResilientCalls _calls;

    public TargetReader(SinkConnector sink, ResilientCalls calls)
    {
        _sink = sink;
        _calls = calls;
    }

    public SinkConnector Sink => _sink;

    public ResilientCalls Calls => _calls;

    public ValueTask<Dictionary<string, Record>> ReadAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        _calls.ExecuteAsync(
            ExternalCall.ReadBack,
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

    public ValueTask<long?> CountAsync(CancellationToken cancellationToken) =>
        _calls.ExecuteAsync(ExternalCall.Count, ct => _sink.CountAsync(ct), cancellationToken);
}
