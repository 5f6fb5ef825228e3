using Ferry.Plugins.Chroma;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Testing;
using Xunit;

namespace Ferry.Connectors.Tests.Chroma;

/// <summary>
/// The Chroma source against the SDK's source conformance tests, over a collection of conformance records written
/// once through the sink (so the expected records are Ferry's own, every kind included).
/// </summary>
[Collection(ChromaServerCollection.Name)]
public sealed class ChromaSourceConformanceTests : SourceConformanceTests
{
    private const int Count = 120;
    private static readonly SemaphoreSlim LoadLock = new(1, 1);
    private static string? _loadedOn;

    private readonly ChromaServerFixture _fixture;

    public ChromaSourceConformanceTests(ChromaServerFixture fixture)
    {
        _fixture = fixture;
    }

    protected override long ExpectedCount => Count;

    private string Collection => "conf-source";

    protected override async ValueTask<SourceConnector> CreateSourceAsync(CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken);
        return new ChromaSourceFactory().Create(_fixture.Context(Collection, ("partition_min_records", "10")));
    }

    protected override ValueTask<IReadOnlyList<Ferry.Sdk.Records.Record>?> GetExpectedRecordsAsync(CancellationToken cancellationToken)
    {
        var location = $"default_tenant/default_database/{Collection}";
        IReadOnlyList<Ferry.Sdk.Records.Record> expected = [.. Records().Select(r => Servers.Expect.From(r, "chroma", location))];
        return ValueTask.FromResult<IReadOnlyList<Ferry.Sdk.Records.Record>?>(expected);
    }

    private static IReadOnlyList<Ferry.Sdk.Records.Record> Records() => ConformanceData.CreateRecords(Count, ChromaConformance.Features);

    private async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        await LoadLock.WaitAsync(cancellationToken);
        try
        {
            // One load per server: the fixture (and its port) is shared by the whole collection of test classes.
            if (_loadedOn == _fixture.Location(Collection))
            {
                return;
            }

            await using var sink = _fixture.Sink(Collection);
            await sink.PrepareAsync(ChromaConformance.Schema, new SinkPrepareOptions(), cancellationToken);
            var result = await sink.UpsertAsync(Records(), cancellationToken);
            Assert.Empty(result.Failures);
            _loadedOn = _fixture.Location(Collection);
        }
        finally
        {
            LoadLock.Release();
        }
    }
}
