using Ferry.Frame.Tests.Support;
using Ferry.Sdk.Records;
using Xunit;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Frame.Tests.Dataset;

public sealed class DatasetBasicsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task WarmUp_BeforeAnyDataset_LeavesCreateAndOpenWorkingAsUsual()
    {
        // The host runs it in the background at every start, beside the first real commit.
        var warmUp = Task.Run(FrameDataset.WarmUp);
        await using (var created = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), TestRecords.FastOptions))
        {
            await created.AppendAsync(TestRecords.Make(0, 3, 4));
        }

        await warmUp;
        await using var opened = await FrameDataset.OpenAsync(_temp.Dataset());
        Assert.Equal(3, opened.Count);
    }

    [Fact]
    public async Task CreateAsync_NewPath_IsVersionOneAndEmpty()
    {
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(8), TestRecords.FastOptions);

        Assert.Equal(1, dataset.Version);
        Assert.Equal(0, dataset.Count);
        Assert.True(FrameDataset.Exists(_temp.Dataset()));
        Assert.True(File.Exists(System.IO.Path.Combine(_temp.Dataset(), "_versions", "1.manifest.json")));
        var vector = Assert.Single(dataset.Schema.Vectors);
        Assert.Equal(8, vector.Dimension);
    }

    [Fact]
    public async Task CreateAsync_ExistingDataset_Throws()
    {
        await using var first = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(8), TestRecords.FastOptions);

        await Assert.ThrowsAsync<FrameException>(async () => await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(8), TestRecords.FastOptions));
    }

    [Fact]
    public async Task OpenAsync_MissingDataset_ThrowsVersionNotFound()
    {
        await Assert.ThrowsAsync<FrameVersionNotFoundException>(async () => await FrameDataset.OpenAsync(_temp.Dataset("nothing")));
    }

    [Fact]
    public async Task AppendAsync_Records_RoundTripExactly()
    {
        var records = TestRecords.Make(0, 300, 16);
        await using (var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(16), TestRecords.FastOptions))
        {
            var commit = await dataset.AppendAsync(records);
            Assert.Equal(2, commit.Version);
            Assert.Equal(300, commit.RowsAdded);
            Assert.Equal(1, commit.Attempts);
        }

        await using var reopened = await FrameDataset.OpenAsync(_temp.Dataset(), TestRecords.FastOptions);
        Assert.Equal(2, reopened.Version);
        Assert.Equal(300, reopened.Count);
        var read = await TestRecords.ReadAllAsync(reopened);
        Assert.Equal(records.Count, read.Count);
        for (var i = 0; i < records.Count; i++)
        {
            TestRecords.AssertSame(records[i], read[i]);
        }

        await reopened.VerifyAsync();
    }

    [Fact]
    public async Task AppendAsync_LargerThanFragmentLimit_SplitsIntoFragments()
    {
        var options = new FrameDatasetOptions { FlushToDisk = false, MaxRowsPerFragment = 100 };
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), options);

        await dataset.AppendAsync(TestRecords.Make(0, 250, 4));

        Assert.Equal(3, dataset.FragmentCount);
        Assert.Equal(250, dataset.Count);
        Assert.Equal(250, (await TestRecords.ReadAllAsync(dataset)).Count);
    }

    [Fact]
    public async Task AppendAsync_ExistingId_ThrowsDuplicateAndCommitsNothing()
    {
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), TestRecords.FastOptions);
        await dataset.AppendAsync(TestRecords.Make(0, 10, 4));
        var filesBefore = Directory.GetFiles(System.IO.Path.Combine(_temp.Dataset(), "data")).Length;

        var error = await Assert.ThrowsAsync<FrameDuplicateIdException>(async () => await dataset.AppendAsync(TestRecords.Make(5, 10, 4)));

        Assert.Equal(5, error.Ids.Count);
        Assert.Equal(2, dataset.Version);
        Assert.Equal(filesBefore, Directory.GetFiles(System.IO.Path.Combine(_temp.Dataset(), "data")).Length);
    }

    [Fact]
    public async Task AppendAsync_RepeatedIdInBatch_ThrowsDuplicate()
    {
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), TestRecords.FastOptions);
        var records = TestRecords.Make(0, 3, 4);
        records.Add(TestRecords.Make(1, 1, 4)[0]);

        await Assert.ThrowsAsync<FrameDuplicateIdException>(async () => await dataset.AppendAsync(records));
        Assert.Equal(0, dataset.Count);
    }

    [Fact]
    public async Task AppendAsync_WrongDimension_ThrowsRecordExceptionNamingTheRecord()
    {
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), TestRecords.FastOptions);
        var records = TestRecords.Make(0, 3, 4);
        records[1].Vector = new float[5];

        var error = await Assert.ThrowsAsync<FrameRecordException>(async () => await dataset.AppendAsync(records));

        Assert.Equal("doc-1", error.RecordId);
        Assert.Equal("vector.default", error.Field);
        Assert.Equal(1, dataset.Version);
    }

    [Fact]
    public async Task AppendAsync_LoneSurrogate_IsRefusedNotAltered()
    {
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), TestRecords.FastOptions);
        var records = TestRecords.Make(0, 2, 4);
        records[0].Text = "bad \ud800 text";

        var error = await Assert.ThrowsAsync<FrameRecordException>(async () => await dataset.AppendAsync(records));
        Assert.Equal("text", error.Field);
    }

    [Fact]
    public async Task GetAsync_Ids_ReturnsThoseInOrderAndSkipsMissing()
    {
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), TestRecords.FastOptions);
        var records = TestRecords.Make(0, 50, 4);
        await dataset.AppendAsync(records);

        var found = new List<Record>();
        await foreach (var record in dataset.GetAsync(["doc-42", "missing", "doc-3"]))
        {
            found.Add(record);
        }

        Assert.Equal(2, found.Count);
        TestRecords.AssertSame(records[42], found[0]);
        TestRecords.AssertSame(records[3], found[1]);
    }
}
