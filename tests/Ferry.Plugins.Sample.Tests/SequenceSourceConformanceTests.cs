using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Testing;

namespace Ferry.Plugins.Sample.Tests;

/// <summary>The sequence source against the SDK's source conformance tests.</summary>
public sealed class SequenceSourceConformanceTests : SourceConformanceTests
{
    private const int Count = 103;

    protected override long ExpectedCount => Count;

    protected override ValueTask<SourceConnector> CreateSourceAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new SequenceSourceFactory().Create(Context()));

    protected override async ValueTask<IReadOnlyList<Record>?> GetExpectedRecordsAsync(CancellationToken cancellationToken)
    {
        // The same data from a second, independent read with one big batch: the partitioned, small-batch reads of the
        // conformance tests must produce identical records.
        await using var source = new SequenceSourceFactory().Create(Context());
        var records = new List<Record>();
        await foreach (var batch in source.ReadAsync(new ReadRequest { BatchSize = Count }, cancellationToken))
        {
            records.AddRange(batch.Records);
        }

        return records;
    }

    private static ConnectorContext Context() =>
        new("sequence://conf", new ConnectorOptions([new("count", "103"), new("dimension", "5"), new("seed", "7")]));
}
