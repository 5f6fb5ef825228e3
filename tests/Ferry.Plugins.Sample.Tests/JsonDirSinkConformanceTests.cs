using Ferry.Sdk.Connectors;
using Ferry.Sdk.Testing;

namespace Ferry.Plugins.Sample.Tests;

/// <summary>The jsondir sink against the SDK's sink conformance tests, each test in its own temporary folder.</summary>
public sealed class JsonDirSinkConformanceTests : SinkConformanceTests, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ferry-jsondir-" + Guid.NewGuid().ToString("N"));

    protected override string CreateTarget() => "jsondir://" + Path.Combine(_root, Guid.NewGuid().ToString("N"));

    protected override ValueTask<SinkConnector> OpenSinkAsync(string target, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new JsonDirSinkFactory().Create(new ConnectorContext(target)));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
