using Ferry.Plugins.DynamoDb;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Testing;
using Xunit;

namespace Ferry.Connectors.Tests.DynamoDb;

/// <summary>The DynamoDB sink against the SDK's sink conformance tests, each test in a new table of the real dynalite.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoSinkConformanceTests : SinkConformanceTests
{
    private readonly DynaliteFixture _fixture;

    public DynamoSinkConformanceTests(DynaliteFixture fixture)
    {
        _fixture = fixture;
    }

    protected override ConformanceFeatures Features => DynamoConformance.Features;

    protected override string CreateTarget() => _fixture.Location("conf-sink-" + Guid.NewGuid().ToString("N")) + "?create=true";

    protected override ValueTask<SinkConnector> OpenSinkAsync(string target, CancellationToken cancellationToken)
    {
        var location = target.Split('?')[0];
        return ValueTask.FromResult(new DynamoDbSinkFactory().Create(new ConnectorContext(location, new ConnectorOptions([new("create", "true")])) { GetSecret = _ => null }));
    }

    protected override void AssertSame(Ferry.Sdk.Records.Record expected, Ferry.Sdk.Records.Record actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        Assert.Equal("dynamodb", actual.Source?.System);
        Servers.Expect.EqualIgnoringSource(expected, actual);
    }
}
