using Ferry.Sdk.Connectors;
using Ferry.Sdk.Testing;
using Xunit;

namespace Ferry.Connectors.Tests.DynamoDb;

/// <summary>
/// The DynamoDB source against the SDK's source conformance tests, over a table of conformance records written once
/// through the sink (every kind included).
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoSourceConformanceTests : SourceConformanceTests
{
    private const int Count = 120;
    private const string Table = "conf-source";
    private static readonly SemaphoreSlim LoadLock = new(1, 1);
    private static string? _loadedOn;

    private readonly DynaliteFixture _fixture;

    public DynamoSourceConformanceTests(DynaliteFixture fixture)
    {
        _fixture = fixture;
    }

    protected override long ExpectedCount => Count;

    protected override async ValueTask<SourceConnector> CreateSourceAsync(CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken);
        return _fixture.Source(Table);
    }

    protected override ValueTask<IReadOnlyList<Ferry.Sdk.Records.Record>?> GetExpectedRecordsAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Ferry.Sdk.Records.Record> expected = [.. Records().Select(r => Servers.Expect.From(r, "dynamodb", _fixture.ProvenanceLocation(Table)))];
        return ValueTask.FromResult<IReadOnlyList<Ferry.Sdk.Records.Record>?>(expected);
    }

    private static IReadOnlyList<Ferry.Sdk.Records.Record> Records() => ConformanceData.CreateRecords(Count, DynamoConformance.Features);

    private async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        await LoadLock.WaitAsync(cancellationToken);
        try
        {
            if (_loadedOn == _fixture.Location(Table))
            {
                return;
            }

            await using var sink = _fixture.Sink(Table, ("create", "true"));
            await sink.PrepareAsync(ConformanceData.Schema(DynamoConformance.Features), new SinkPrepareOptions(), cancellationToken);
            var result = await sink.UpsertAsync(Records(), cancellationToken);
            Assert.True(result.Failures.Count == 0, string.Join("; ", result.Failures.Select(f => f.Message)));
            _loadedOn = _fixture.Location(Table);
        }
        finally
        {
            LoadLock.Release();
        }
    }
}
