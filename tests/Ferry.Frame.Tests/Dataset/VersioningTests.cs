using Ferry.Frame.Tests.Support;
using Ferry.Sdk.Records;
using Xunit;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Frame.Tests.Dataset;

public sealed class VersioningTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task OpenAsync_OldVersion_SeesThatVersionAndIsReadOnly()
    {
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), TestRecords.FastOptions);
        await dataset.AppendAsync(TestRecords.Make(0, 10, 4));
        await dataset.AppendAsync(TestRecords.Make(10, 10, 4));
        await dataset.DeleteAsync(["doc-0", "doc-15"]);

        await using var v2 = await FrameDataset.OpenAsync(_temp.Dataset(), 2);
        await using var v3 = await FrameDataset.OpenAsync(_temp.Dataset(), 3);

        Assert.Equal(10, v2.Count);
        Assert.Equal(20, v3.Count);
        Assert.Equal(18, dataset.Count);
        Assert.Equal(10, (await TestRecords.ReadAllAsync(v2)).Count);
        Assert.Contains(await TestRecords.ReadAllAsync(v3), r => r.Id == "doc-15");
        Assert.True(v2.IsReadOnly);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await v2.AppendAsync(TestRecords.Make(100, 1, 4)));
        await Assert.ThrowsAsync<FrameVersionNotFoundException>(async () => await FrameDataset.OpenAsync(_temp.Dataset(), 99));
    }

    [Fact]
    public async Task ListVersionsAsync_AfterCommits_ListsEveryOperation()
    {
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), TestRecords.FastOptions);
        await dataset.AppendAsync(TestRecords.Make(0, 10, 4));
        await dataset.UpsertAsync(TestRecords.Make(5, 10, 4));
        await dataset.DeleteWhereAsync("year = 2003");
        await dataset.RollbackAsync(2);

        var versions = await dataset.ListVersionsAsync();

        Assert.Equal([1L, 2, 3, 4, 5], versions.Select(v => v.Version));
        Assert.Equal(["create", "append", "upsert", "delete", "rollback"], versions.Select(v => v.Operation));
        Assert.Equal([0L, 10, 15, 14, 10], versions.Select(v => v.Rows));
        Assert.Equal(2, versions[4].RollbackTo);
        Assert.Equal(4, versions[4].ParentVersion);
    }

    [Fact]
    public async Task RollbackAsync_ToEarlierVersion_RestoresItsContentAsANewVersion()
    {
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), TestRecords.FastOptions);
        var original = TestRecords.Make(0, 20, 4);
        await dataset.AppendAsync(original);
        var changed = TestRecords.Make(0, 5, 4, seed: 42);
        foreach (var record in changed)
        {
            record.Text = "changed";
        }

        await dataset.UpsertAsync(changed);
        await dataset.DeleteAsync(["doc-10"]);
        await dataset.AppendAsync(TestRecords.Make(100, 3, 4));

        var commit = await dataset.RollbackAsync(2);

        Assert.Equal(6, commit.Version);
        Assert.Equal(6, dataset.Version);
        var read = (await TestRecords.ReadAllAsync(dataset)).OrderBy(r => int.Parse(r.Id[4..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(20, read.Count);
        for (var i = 0; i < 20; i++)
        {
            TestRecords.AssertSame(original[i], read[i]);
        }

        // The id index follows the rollback: upserting after it replaces, it never duplicates.
        await dataset.UpsertAsync(TestRecords.Make(0, 1, 4, seed: 5));
        Assert.Equal(20, dataset.Count);
        Assert.Equal(20, (await TestRecords.ReadAllAsync(dataset)).Select(r => r.Id).Distinct().Count());

        // Versions after the rolled-back-to one stay readable.
        await using var v5 = await FrameDataset.OpenAsync(_temp.Dataset(), 5);
        Assert.Equal(22, v5.Count);
    }

    [Fact]
    public async Task RefreshAsync_AfterAnotherHandleCommits_MovesToLatest()
    {
        await using var a = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), TestRecords.FastOptions);
        await using var b = await FrameDataset.OpenAsync(_temp.Dataset(), TestRecords.FastOptions);
        await a.AppendAsync(TestRecords.Make(0, 5, 4));

        Assert.Equal(1, b.Version);
        Assert.True(await b.RefreshAsync());
        Assert.Equal(2, b.Version);
        Assert.Equal(5, b.Count);
        Assert.False(await b.RefreshAsync());
    }

    [Fact]
    public async Task CleanupAsync_OldVersions_RemovesThemAndOnlyUnreferencedFiles()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var options = new FrameDatasetOptions { FlushToDisk = false, TimeProvider = clock };
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), options);
        var first = TestRecords.Make(0, 10, 4);
        await dataset.AppendAsync(first);                          // v2: fragment A
        await dataset.AppendAsync(TestRecords.Make(10, 10, 4));    // v3: fragments A, B
        await dataset.DeleteAsync(["doc-1"]);                       // v4: A + deletion file, B
        await dataset.OverwriteAsync(TestRecords.Make(50, 5, 4));  // v5: fragment C only
        clock.Advance(TimeSpan.FromDays(10));
        await dataset.AppendAsync(TestRecords.Make(60, 5, 4));     // v6: C, D
        SetFileTimes((clock.GetUtcNow() - TimeSpan.FromDays(30)).UtcDateTime);

        var result = await dataset.CleanupAsync(new FrameCleanupOptions { OlderThan = TimeSpan.FromDays(7), KeepVersions = [3] });

        Assert.Equal([1L, 2, 4, 5], result.VersionsRemoved.Order());
        Assert.Equal(1, result.FilesRemoved); // only the deletion file of v4: fragments A and B are still referenced by v3
        var versions = await dataset.ListVersionsAsync();
        Assert.Equal([3L, 6], versions.Select(v => v.Version));

        // v3 (kept) still reads A and B completely; the latest still reads C and D.
        await using var v3 = await FrameDataset.OpenAsync(_temp.Dataset(), 3);
        Assert.Equal(20, (await TestRecords.ReadAllAsync(v3)).Count);
        await v3.VerifyAsync();
        Assert.Equal(10, (await TestRecords.ReadAllAsync(dataset)).Count);
        await dataset.VerifyAsync();
    }

    [Fact]
    public async Task CleanupAsync_RecentUnreferencedFiles_AreKept()
    {
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), TestRecords.FastOptions);
        await dataset.AppendAsync(TestRecords.Make(0, 10, 4));
        await dataset.OverwriteAsync([]);
        var orphan = System.IO.Path.Combine(_temp.Dataset(), "data", "in-flight.arrow");
        await File.WriteAllTextAsync(orphan, "a commit being written right now");

        var result = await dataset.CleanupAsync(new FrameCleanupOptions { OlderThan = TimeSpan.FromHours(1) });

        Assert.Empty(result.VersionsRemoved);
        Assert.Equal(0, result.FilesRemoved);
        Assert.True(File.Exists(orphan));
    }

    private void SetFileTimes(DateTime utc)
    {
        foreach (var file in Directory.EnumerateFiles(_temp.Dataset(), "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, utc);
        }
    }
}
