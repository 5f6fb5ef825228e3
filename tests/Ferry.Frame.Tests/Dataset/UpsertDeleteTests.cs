using Ferry.Frame.Tests.Support;
using Ferry.Sdk.Filtering;
using Ferry.Sdk.Records;
using Xunit;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Frame.Tests.Dataset;

public sealed class UpsertDeleteTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task UpsertAsync_ExistingIds_ReplacesThemInOneVersion()
    {
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), TestRecords.FastOptions);
        await dataset.AppendAsync(TestRecords.Make(0, 10, 4));
        var updates = TestRecords.Make(5, 10, 4, seed: 77);
        foreach (var record in updates)
        {
            record.Text = "updated " + record.Id;
        }

        var commit = await dataset.UpsertAsync(updates);

        Assert.Equal(3, commit.Version);
        Assert.Equal(10, commit.RowsAdded);
        Assert.Equal(5, commit.RowsDeleted);
        Assert.Equal(15, dataset.Count);
        var byId = (await TestRecords.ReadAllAsync(dataset)).ToDictionary(r => r.Id);
        Assert.Equal(15, byId.Count);
        Assert.Equal("text of document 4", byId["doc-4"].Text);
        foreach (var record in updates)
        {
            TestRecords.AssertSame(record, byId[record.Id]);
        }
    }

    [Fact]
    public async Task GetChecksums_AfterUpdatesAndDeletesAcrossFragments_AreThoseOfTheLiveRecords()
    {
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), TestRecords.FastOptions);
        await dataset.AppendAsync(TestRecords.Make(0, 10, 4));
        await dataset.AppendAsync(TestRecords.Make(10, 10, 4));
        var updates = TestRecords.Make(5, 10, 4, seed: 77);
        foreach (var record in updates)
        {
            record.Text = "updated " + record.Id;
        }

        await dataset.UpsertAsync(updates);
        await dataset.DeleteAsync(["doc-0", "doc-12"]);
        var ids = Enumerable.Range(0, 21).Select(i => "doc-" + i).ToList();
        var before = dataset.GetChecksums(ids);

        var live = await TestRecords.ReadAllAsync(dataset);
        Assert.Equal(18, before.Count);
        Assert.Equal(live.Select(r => r.Id).Order(StringComparer.Ordinal), before.Keys.Order(StringComparer.Ordinal));
        foreach (var record in live)
        {
            Assert.Equal(RecordChecksum.Compute128(record), before[record.Id]);
        }

        Assert.Equal(RecordChecksum.Compute128(updates[0]), before["doc-5"]);
        Assert.NotEqual(RecordChecksum.Compute128(TestRecords.Make(5, 1, 4)[0]), before["doc-5"]);
    }

    [Fact]
    public async Task UpsertAsync_SameBatchTwice_EqualsOnce()
    {
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), TestRecords.FastOptions);
        var batch = TestRecords.Make(0, 50, 4);

        await dataset.UpsertAsync(batch);
        var once = await TestRecords.ReadAllAsync(dataset);
        await dataset.UpsertAsync(batch);
        var twice = await TestRecords.ReadAllAsync(dataset);

        Assert.Equal(50, dataset.Count);
        Assert.Equal(once.Count, twice.Count);
        var twiceById = twice.ToDictionary(r => r.Id);
        foreach (var record in once)
        {
            TestRecords.AssertSame(record, twiceById[record.Id]);
        }

        // The first fragment is fully replaced, so it is dropped rather than kept with a deletion file.
        Assert.Equal(1, dataset.FragmentCount);
    }

    [Fact]
    public async Task UpsertAsync_RepeatedIdInBatch_LastOneWins()
    {
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), TestRecords.FastOptions);
        var first = TestRecords.Make(0, 1, 4)[0];
        var second = TestRecords.Make(0, 1, 4, seed: 3)[0];
        second.Text = "second";

        await dataset.UpsertAsync([first, second]);

        var read = Assert.Single(await TestRecords.ReadAllAsync(dataset));
        TestRecords.AssertSame(second, read);
    }

    [Fact]
    public async Task DeleteAsync_Ids_RemovesThemAndIgnoresMissing()
    {
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), TestRecords.FastOptions);
        await dataset.AppendAsync(TestRecords.Make(0, 10, 4));

        var commit = await dataset.DeleteAsync(["doc-1", "doc-3", "nope"]);

        Assert.Equal(2, commit.RowsDeleted);
        Assert.Equal(8, dataset.Count);
        var ids = (await TestRecords.ReadAllAsync(dataset)).Select(r => r.Id).ToList();
        Assert.DoesNotContain("doc-1", ids);
        Assert.DoesNotContain("doc-3", ids);
        Assert.Single(Directory.GetFiles(System.IO.Path.Combine(_temp.Dataset(), "_deletions")));
        await dataset.VerifyAsync();

        // Deleting again adds to the fragment's deletions (a new file with the union).
        await dataset.DeleteAsync(["doc-5"]);
        Assert.Equal(7, dataset.Count);
        Assert.Equal(7, await dataset.CountAsync(null));
        Assert.Equal(7, (await TestRecords.ReadAllAsync(dataset)).Count);
    }

    [Fact]
    public async Task DeleteAsync_Filter_RemovesMatchingRowsOnly()
    {
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), TestRecords.FastOptions);
        var records = TestRecords.Make(0, 100, 4);
        await dataset.AppendAsync(records);
        var filter = FilterParser.Parse("category = 'news' AND year >= 2010");
        var expected = records.Where(r => !FilterEvaluator.Matches(filter, r)).Select(r => r.Id).Order().ToList();

        var commit = await dataset.DeleteAsync(filter);

        Assert.Equal(100 - expected.Count, commit.RowsDeleted);
        Assert.Equal(expected, (await TestRecords.ReadAllAsync(dataset)).Select(r => r.Id).Order().ToList());
        Assert.Equal(0, await dataset.CountAsync(filter));
    }

    [Fact]
    public async Task CountAsync_Filter_CountsLiveMatchingRows()
    {
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), TestRecords.FastOptions);
        var records = TestRecords.Make(0, 200, 4);
        await dataset.AppendAsync(records);
        await dataset.DeleteAsync(["doc-0", "doc-4"]);
        var filter = FilterParser.Parse("category = 'news' OR title LIKE 'Title 1%'");

        var count = await dataset.CountAsync(filter);

        Assert.Equal(records.Count(r => r.Id is not ("doc-0" or "doc-4") && FilterEvaluator.Matches(filter, r)), count);
    }

    [Fact]
    public async Task ScanAsync_FilterAndProjection_ReadsOnlyWhatIsAsked()
    {
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), TestRecords.FastOptions);
        await dataset.AppendAsync(TestRecords.Make(0, 40, 4));

        var read = await TestRecords.ReadAllAsync(dataset, new FrameScanOptions { Filter = FilterParser.Parse("even = true"), Columns = ["title", "metadata.year"] });

        Assert.Equal(20, read.Count);
        Assert.All(read, r =>
        {
            Assert.Null(r.Text);
            Assert.NotNull(r.Title);
            Assert.Empty(r.Vectors);
            Assert.Equal(["year"], r.Metadata.Keys);
        });
    }

    [Fact]
    public async Task UpsertAsync_NewMetadataFieldLater_OlderRowsLackIt()
    {
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), TestRecords.FastOptions);
        var first = TestRecords.Make(0, 5, 4);
        await dataset.AppendAsync(first);
        var second = TestRecords.Make(5, 5, 4);
        foreach (var record in second)
        {
            record.Metadata["lang"] = "en";
            record.Metadata["year"] = "was a number";
        }

        await dataset.AppendAsync(second);
        var byId = (await TestRecords.ReadAllAsync(dataset)).ToDictionary(r => r.Id);

        foreach (var record in first)
        {
            TestRecords.AssertSame(record, byId[record.Id]);
            Assert.False(byId[record.Id].Metadata.ContainsKey("lang"));
        }

        foreach (var record in second)
        {
            TestRecords.AssertSame(record, byId[record.Id]);
        }

        var kinds = dataset.Schema.Metadata.ToDictionary(m => m.Name, m => m.Kind);
        Assert.Equal(MetadataKind.String, kinds["lang"]);
        Assert.Null(kinds["year"]);
        Assert.Equal(MetadataKind.String, kinds["category"]);
        Assert.Equal(5, await dataset.CountAsync(FilterParser.Parse("lang IS NULL")));
        Assert.Equal(4, await dataset.CountAsync(FilterParser.Parse("year > 2000"))); // 2001..2004 of the first batch; strings never compare with numbers
    }

    [Fact]
    public async Task CompactAsync_SmallFragmentsWithDeletions_PreservesContent()
    {
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), TestRecords.FastOptions);
        for (var i = 0; i < 6; i++)
        {
            await dataset.AppendAsync(TestRecords.Make(i * 10, 10, 4));
        }

        await dataset.DeleteAsync(["doc-3", "doc-27", "doc-55"]);
        await dataset.UpsertAsync(TestRecords.Make(20, 3, 4, seed: 8));
        var before = (await TestRecords.ReadAllAsync(dataset)).ToDictionary(r => r.Id);

        var commit = await dataset.CompactAsync();

        Assert.NotNull(commit);
        Assert.Equal("compact", commit.Operation);
        Assert.Equal(1, dataset.FragmentCount);
        Assert.Equal(before.Count, dataset.Count);
        var after = await TestRecords.ReadAllAsync(dataset);
        Assert.Equal(before.Count, after.Count);
        foreach (var record in after)
        {
            TestRecords.AssertSame(before[record.Id], record);
        }

        Assert.All(dataset.Manifest.Fragments, f => Assert.Null(f.Deletion));
        Assert.Null(await dataset.CompactAsync());

        // Upsert after compaction still finds the moved rows.
        await dataset.UpsertAsync(TestRecords.Make(0, 2, 4, seed: 9));
        Assert.Equal(before.Count, dataset.Count);
    }
}
