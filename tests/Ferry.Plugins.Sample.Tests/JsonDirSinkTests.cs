using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Sample.Tests;

public sealed class JsonDirSinkTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ferry-jsondir-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task UpsertAsync_IdWithSlash_StaysInsideTheFolder()
    {
        await using var sink = new JsonDirSinkFactory().Create(new ConnectorContext("jsondir://" + _folder));
        await sink.PrepareAsync(new DatasetSchema(), new SinkPrepareOptions(), CancellationToken.None);
        var result = await sink.UpsertAsync([new Record("../../escape") { Text = "x" }, new Record("plain-id") { Text = "y" }], CancellationToken.None);
        Assert.Equal(2, result.Written);
        var files = Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, files.Length);
        Assert.Contains("plain-id.json", files);
        Assert.Single(files, f => f!.StartsWith('~'));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_folder)!, "escape*"));
    }

    [Fact]
    public async Task PrepareAsync_OverwriteOnFreshRun_RemovesOldRecords()
    {
        var factory = new JsonDirSinkFactory();
        await using (var sink = factory.Create(new ConnectorContext("jsondir://" + _folder)))
        {
            await sink.PrepareAsync(new DatasetSchema(), new SinkPrepareOptions(), CancellationToken.None);
            await sink.UpsertAsync([new Record("a"), new Record("b")], CancellationToken.None);
        }

        await using var again = factory.Create(new ConnectorContext("jsondir://" + _folder));
        await again.PrepareAsync(new DatasetSchema(), new SinkPrepareOptions { Overwrite = true }, CancellationToken.None);
        Assert.Equal(0, await again.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task PrepareAsync_MissingFolderWithoutCreate_ThrowsConfiguration()
    {
        await using var sink = new JsonDirSinkFactory().Create(new ConnectorContext("jsondir://" + _folder));
        await Assert.ThrowsAsync<ConnectorConfigurationException>(async () =>
            await sink.PrepareAsync(new DatasetSchema(), new SinkPrepareOptions { CreateIfMissing = false }, CancellationToken.None));
    }

    [Fact]
    public void Create_NoFolder_ThrowsConfiguration()
    {
        Assert.Throws<ConnectorConfigurationException>(() => new JsonDirSinkFactory().Create(new ConnectorContext("jsondir://")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
