using Ferry.Files.Tests.Support;
using Ferry.Plugins.Files.Csv;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Testing;

namespace Ferry.Files.Tests.Csv;

/// <summary>CSV with typed headers keeps everything the conformance records carry.</summary>
public sealed class CsvSinkConformanceTests : SinkConformanceTests, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override string CreateTarget() => _folder.File(Guid.NewGuid().ToString("N")[..8] + ".csv");

    protected override ValueTask<SinkConnector> OpenSinkAsync(string target, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new CsvSinkFactory().Create(Connectors.Context(target, null, ("header_types", "true"))));

    public void Dispose() => _folder.Dispose();
}

public sealed class TsvGzipSplitSinkConformanceTests : SinkConformanceTests, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override string CreateTarget() => _folder.File(Guid.NewGuid().ToString("N")[..8] + ".tsv.gz");

    protected override ValueTask<SinkConnector> OpenSinkAsync(string target, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new TsvSinkFactory().Create(Connectors.Context(target, null, ("header_types", "true"), ("split_bytes", "2K"))));

    public void Dispose() => _folder.Dispose();
}

public sealed class CsvSourceConformanceTests : SourceConformanceTests, IDisposable
{
    private readonly TempFolder _folder = new();
    private string? _path;

    protected override long ExpectedCount => 40;

    protected override async ValueTask<SourceConnector> CreateSourceAsync(CancellationToken cancellationToken)
    {
        _path ??= await ConformanceFiles.WriteAsync(new CsvSinkFactory(), _folder.File("data.csv.br.enc"), 40, ConformanceFeatures.All, ("header_types", "true"), ("key_env", TestKeys.Variable), ("split_records", "9"));
        return new CsvSourceFactory().Create(Connectors.Context(_path, null, ("key_env", TestKeys.Variable)));
    }

    protected override ValueTask<IReadOnlyList<Record>?> GetExpectedRecordsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<Record>?>(ConformanceData.CreateRecords(40, ConformanceFeatures.All));

    public void Dispose() => _folder.Dispose();
}
