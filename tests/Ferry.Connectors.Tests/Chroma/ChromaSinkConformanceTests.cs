using Ferry.Plugins.Chroma;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Schema;
using Ferry.Sdk.Testing;
using Xunit;

namespace Ferry.Connectors.Tests.Chroma;

/// <summary>The Chroma sink against the SDK's sink conformance tests, each test in a new collection of the real server.</summary>
[Collection(ChromaServerCollection.Name)]
public sealed class ChromaSinkConformanceTests : SinkConformanceTests
{
    private readonly ChromaServerFixture _fixture;

    public ChromaSinkConformanceTests(ChromaServerFixture fixture)
    {
        _fixture = fixture;
    }

    protected override ConformanceFeatures Features => ChromaConformance.Features;

    protected override DatasetSchema Schema => ChromaConformance.Schema;

    protected override string CreateTarget() => _fixture.Location("conf-sink-" + Guid.NewGuid().ToString("N"));

    protected override ValueTask<SinkConnector> OpenSinkAsync(string target, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ChromaSinkFactory().Create(new ConnectorContext(target)));

    protected override void AssertSame(Ferry.Sdk.Records.Record expected, Ferry.Sdk.Records.Record actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        Assert.Equal("chroma", actual.Source?.System);
        Servers.Expect.EqualIgnoringSource(expected, actual);
    }
}
