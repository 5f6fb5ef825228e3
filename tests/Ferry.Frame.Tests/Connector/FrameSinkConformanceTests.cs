using Ferry.Frame.Tests.Support;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Testing;

namespace Ferry.Frame.Tests.Connector;

/// <summary>The SDK's sink contract, run against the Frame sink with every conformance feature on.</summary>
public sealed class FrameSinkConformanceTests : SinkConformanceTests, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    protected override string CreateTarget() => _temp.Dataset(Guid.NewGuid().ToString("N"));

    protected override ValueTask<SinkConnector> OpenSinkAsync(string target, CancellationToken cancellationToken)
    {
        var context = new ConnectorContext(target, new ConnectorOptions([new("durable", "false")]));
        return ValueTask.FromResult(new FrameSinkFactory().Create(context));
    }
}
