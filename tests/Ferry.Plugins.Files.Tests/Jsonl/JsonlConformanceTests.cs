using Ferry.Sdk.Connectors;
using Ferry.Sdk.Testing;
using Xunit;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Plugins.Files.Tests.Jsonl;

/// <summary>The JSON Lines source against the SDK's source conformance tests (plain file, small partitions).</summary>
public sealed class JsonlSourceConformanceTests : SourceConformanceTests, IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private IReadOnlyList<Record> _records = [];

    private string FilePath => _folder.File("conformance.jsonl");

    protected override long ExpectedCount => _records.Count;

    public async Task InitializeAsync()
    {
        _records = ConformanceData.CreateRecords(60, ConformanceFeatures.All);
        await JsonlTestFiles.WriteAsync(FilePath, _records);
    }

    protected override ValueTask<SourceConnector> CreateSourceAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(JsonlTestFiles.Source(FilePath, ("partition_min_bytes", "1024")));

    protected override ValueTask<IReadOnlyList<Record>?> GetExpectedRecordsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<Record>?>(_records);

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The same over a gzip file (one partition, decompressed stream, resume by skipping).</summary>
public sealed class JsonlGzipSourceConformanceTests : SourceConformanceTests, IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private IReadOnlyList<Record> _records = [];

    private string FilePath => _folder.File("conformance.jsonl.gz");

    protected override long ExpectedCount => _records.Count;

    public async Task InitializeAsync()
    {
        _records = ConformanceData.CreateRecords(45, ConformanceFeatures.All);
        await JsonlTestFiles.WriteAsync(FilePath, _records);
    }

    protected override ValueTask<SourceConnector> CreateSourceAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(JsonlTestFiles.Source(FilePath));

    protected override ValueTask<IReadOnlyList<Record>?> GetExpectedRecordsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<Record>?>(_records);

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The JSON Lines sink against the SDK's sink conformance tests.</summary>
public sealed class JsonlSinkConformanceTests : SinkConformanceTests, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override string CreateTarget() => _folder.File(Guid.NewGuid().ToString("N") + ".jsonl");

    protected override ValueTask<SinkConnector> OpenSinkAsync(string target, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new JsonlSinkFactory().Create(new ConnectorContext(target)));

    public void Dispose() => _folder.Dispose();
}

/// <summary>The JSON Lines sink writing gzip.</summary>
public sealed class JsonlGzipSinkConformanceTests : SinkConformanceTests, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override string CreateTarget() => _folder.File(Guid.NewGuid().ToString("N") + ".jsonl.gz");

    protected override ValueTask<SinkConnector> OpenSinkAsync(string target, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new JsonlSinkFactory().Create(new ConnectorContext(target)));

    public void Dispose() => _folder.Dispose();
}
