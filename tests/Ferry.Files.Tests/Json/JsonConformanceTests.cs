using Ferry.Files.Tests.Support;
using Ferry.Plugins.Files.Json;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Testing;

namespace Ferry.Files.Tests.Json;

public sealed class JsonSinkConformanceTests : SinkConformanceTests, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override string CreateTarget() => _folder.File(Guid.NewGuid().ToString("N")[..8] + ".json");

    protected override ValueTask<SinkConnector> OpenSinkAsync(string target, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new JsonSinkFactory().Create(Connectors.Context(target)));

    public void Dispose() => _folder.Dispose();
}

public sealed class JsonEncryptedSplitSinkConformanceTests : SinkConformanceTests, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override string CreateTarget() => _folder.File(Guid.NewGuid().ToString("N")[..8] + ".json.br.enc");

    protected override ValueTask<SinkConnector> OpenSinkAsync(string target, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new JsonSinkFactory().Create(Connectors.Context(target, TestKeys.Secrets(TestKeys.HexA), ("key_env", TestKeys.Variable), ("split_records", "7"))));

    public void Dispose() => _folder.Dispose();
}

public sealed class JsonFolderSinkConformanceTests : SinkConformanceTests, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override string CreateTarget() => _folder.File(Guid.NewGuid().ToString("N")[..8]) + "/";

    protected override ValueTask<SinkConnector> OpenSinkAsync(string target, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new JsonSinkFactory().Create(Connectors.Context(target)));

    public void Dispose() => _folder.Dispose();
}

public sealed class JsonSourceConformanceTests : SourceConformanceTests, IDisposable
{
    private readonly TempFolder _folder = new();
    private string? _path;

    protected override long ExpectedCount => 40;

    protected override async ValueTask<SourceConnector> CreateSourceAsync(CancellationToken cancellationToken)
    {
        _path ??= await ConformanceFiles.WriteAsync(new JsonSinkFactory(), _folder.File("data.json.gz"), 40, ConformanceFeatures.All);
        return new JsonSourceFactory().Create(Connectors.Context(_path));
    }

    protected override ValueTask<IReadOnlyList<Record>?> GetExpectedRecordsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<Record>?>(ConformanceData.CreateRecords(40, ConformanceFeatures.All));

    public void Dispose() => _folder.Dispose();
}

public sealed class JsonSplitSourceConformanceTests : SourceConformanceTests, IDisposable
{
    private readonly TempFolder _folder = new();
    private string? _path;

    protected override long ExpectedCount => 40;

    protected override async ValueTask<SourceConnector> CreateSourceAsync(CancellationToken cancellationToken)
    {
        _path ??= await ConformanceFiles.WriteAsync(new JsonSinkFactory(), _folder.File("data.json.enc"), 40, ConformanceFeatures.All, ("key_env", TestKeys.Variable), ("split_records", "6"));
        return new JsonSourceFactory().Create(Connectors.Context(_path, null, ("key_env", TestKeys.Variable)));
    }

    protected override ValueTask<IReadOnlyList<Record>?> GetExpectedRecordsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<Record>?>(ConformanceData.CreateRecords(40, ConformanceFeatures.All));

    public void Dispose() => _folder.Dispose();
}

public sealed class JsonFolderSourceConformanceTests : SourceConformanceTests, IDisposable
{
    private readonly TempFolder _folder = new();
    private string? _path;

    protected override long ExpectedCount => 30;

    protected override async ValueTask<SourceConnector> CreateSourceAsync(CancellationToken cancellationToken)
    {
        _path ??= await ConformanceFiles.WriteAsync(new JsonSinkFactory(), _folder.File("docs") + "/", 30, ConformanceFeatures.All);
        return new JsonSourceFactory().Create(Connectors.Context(_path));
    }

    protected override ValueTask<IReadOnlyList<Record>?> GetExpectedRecordsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<Record>?>(ConformanceData.CreateRecords(30, ConformanceFeatures.All));

    public void Dispose() => _folder.Dispose();
}
