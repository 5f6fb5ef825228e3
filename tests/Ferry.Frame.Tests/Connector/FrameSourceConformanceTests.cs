using Ferry.Frame.Tests.Support;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Testing;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Frame.Tests.Connector;

/// <summary>
/// The SDK's source contract, run against a Frame dataset of several fragments with upserted and deleted rows, so
/// partitions and resume tokens cross fragment boundaries and skip deleted rows.
/// </summary>
public sealed class FrameSourceConformanceTests : SourceConformanceTests
{
    private static readonly Lazy<Task<(string Path, IReadOnlyList<Record> Records)>> Data = new(CreateDataAsync);

    protected override long ExpectedCount => Data.Value.Result.Records.Count;

    protected override async ValueTask<SourceConnector> CreateSourceAsync(CancellationToken cancellationToken)
    {
        var (path, _) = await Data.Value;
        return new FrameSourceFactory().Create(new ConnectorContext(path));
    }

    protected override async ValueTask<IReadOnlyList<Record>?> GetExpectedRecordsAsync(CancellationToken cancellationToken) => (await Data.Value).Records;

    private static async Task<(string Path, IReadOnlyList<Record> Records)> CreateDataAsync()
    {
        // A directory that lives as long as the test process (the data is shared by every test of the class).
        var root = Path.Combine(Path.GetTempPath(), "ferry-frame-tests", "source-conformance-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(root, "docs.frame");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        var features = ConformanceFeatures.All;
        var records = ConformanceData.CreateRecords(70, features);
        var options = new FrameDatasetOptions { FlushToDisk = false, MaxRowsPerFragment = 16 };
        await using var dataset = await FrameDataset.CreateAsync(path, ConformanceData.Schema(features), options);
        await dataset.AppendAsync(records.Take(40).ToList());
        await dataset.AppendAsync(records.Skip(40).ToList());
        var changed = records[3].Clone();
        changed.Text = "changed";
        await dataset.UpsertAsync([changed]);
        await dataset.DeleteAsync([records[10].Id, records[50].Id]);

        var expected = records.Where(r => r.Id != records[10].Id && r.Id != records[50].Id && r.Id != records[3].Id).Append(changed).ToList();
        return (path, expected);
    }
}
