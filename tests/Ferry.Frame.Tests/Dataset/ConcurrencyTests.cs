using Ferry.Frame.Tests.Support;
using Xunit;

namespace Ferry.Frame.Tests.Dataset;

public sealed class ConcurrencyTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task UpsertAsync_TwoWritersOnSameBaseVersion_OneWinsOtherRebasesNoRowLost()
    {
        await using var setup = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), TestRecords.FastOptions);
        await setup.AppendAsync(TestRecords.Make(0, 10, 4));

        using var atPublish = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        var blockedOnce = 0;
        var slowOptions = new FrameDatasetOptions
        {
            FlushToDisk = false,
            BeforePublish = () =>
            {
                if (Interlocked.Exchange(ref blockedOnce, 1) == 0)
                {
                    atPublish.Release();
                    release.Wait();
                }
            },
        };
        await using var slow = await FrameDataset.OpenAsync(_temp.Dataset(), slowOptions);
        await using var fast = await FrameDataset.OpenAsync(_temp.Dataset(), TestRecords.FastOptions);

        // Both read version 2; the slow writer stops right before publishing version 3.
        var slowCommit = Task.Run(async () => await slow.UpsertAsync(TestRecords.Make(5, 10, 4, seed: 1, prefix: "doc-")));
        await atPublish.WaitAsync();
        var fastCommit = await fast.UpsertAsync(TestRecords.Make(8, 4, 4, seed: 2));
        release.Release();
        var slowResult = await slowCommit;

        Assert.Equal(3, fastCommit.Version);
        Assert.Equal(1, fastCommit.Attempts);
        Assert.Equal(4, slowResult.Version);
        Assert.Equal(2, slowResult.Attempts);

        await using var reader = await FrameDataset.OpenAsync(_temp.Dataset(), TestRecords.FastOptions);
        var ids = (await TestRecords.ReadAllAsync(reader)).Select(r => r.Id).ToList();
        Assert.Equal(15, ids.Count);
        Assert.Equal(15, ids.Distinct().Count());
        Assert.Equal(15, reader.Count);

        // Last committer wins per id: doc-8..11 come from the slow writer, which committed last.
        var doc9 = await reader.GetAsync(["doc-9"]).SingleAsync();
        TestRecords.AssertSame(TestRecords.Make(5, 10, 4, seed: 1)[4], doc9);

        var versions = await reader.ListVersionsAsync();
        Assert.Equal([1L, 2, 3, 4], versions.Select(v => v.Version));
        Assert.Equal(3, versions[3].ParentVersion);
    }

    [Fact]
    public async Task AppendAsync_ConcurrentAppendOfSameIds_LoserGetsDuplicateIdException()
    {
        await using var setup = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), TestRecords.FastOptions);
        using var atPublish = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        var slowOptions = new FrameDatasetOptions
        {
            FlushToDisk = false,
            BeforePublish = () =>
            {
                atPublish.Release();
                release.Wait();
            },
        };
        await using var slow = await FrameDataset.OpenAsync(_temp.Dataset(), slowOptions);
        await using var fast = await FrameDataset.OpenAsync(_temp.Dataset(), TestRecords.FastOptions);

        var slowAppend = Task.Run(async () => await slow.AppendAsync(TestRecords.Make(0, 5, 4)));
        await atPublish.WaitAsync();
        await fast.AppendAsync(TestRecords.Make(3, 5, 4));
        release.Release();

        var error = await Assert.ThrowsAsync<FrameDuplicateIdException>(async () => await slowAppend);
        Assert.Equal(["doc-3", "doc-4"], error.Ids);
        await using var reader = await FrameDataset.OpenAsync(_temp.Dataset(), TestRecords.FastOptions);
        Assert.Equal(5, reader.Count);
        Assert.Equal(2, reader.Version);

        // The loser's fragment was removed, not left behind.
        Assert.Single(Directory.GetFiles(System.IO.Path.Combine(_temp.Dataset(), "data")));
    }

    [Fact]
    public async Task CompactAsync_InputChangedConcurrently_ThrowsConflictAndCommitsNothing()
    {
        await using var setup = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), TestRecords.FastOptions);
        await setup.AppendAsync(TestRecords.Make(0, 10, 4));
        await setup.AppendAsync(TestRecords.Make(10, 10, 4));
        using var atPublish = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        var compactorOptions = new FrameDatasetOptions
        {
            FlushToDisk = false,
            BeforePublish = () =>
            {
                atPublish.Release();
                release.Wait();
            },
        };
        await using var compactor = await FrameDataset.OpenAsync(_temp.Dataset(), compactorOptions);

        var compaction = Task.Run(async () => await compactor.CompactAsync());
        await atPublish.WaitAsync();
        await setup.DeleteAsync(["doc-1"]);
        release.Release();

        await Assert.ThrowsAsync<FrameCommitConflictException>(async () => await compaction);
        await using var reader = await FrameDataset.OpenAsync(_temp.Dataset(), TestRecords.FastOptions);
        Assert.Equal(4, reader.Version);
        Assert.Equal(19, reader.Count);
    }

    [Fact]
    public async Task UpsertAsync_ManyConcurrentWriters_EveryVersionHasOneCommitAndNothingIsLost()
    {
        await using var setup = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), TestRecords.FastOptions);
        const int Writers = 4;
        const int Batches = 8;
        var options = new FrameDatasetOptions { FlushToDisk = false, MaxCommitAttempts = 500 };
        var handles = new List<FrameDataset>();
        for (var w = 0; w < Writers; w++)
        {
            handles.Add(await FrameDataset.OpenAsync(_temp.Dataset(), options));
        }

        var tasks = handles.Select((handle, w) => Task.Run(async () =>
        {
            var commits = new List<FrameCommit>();
            for (var b = 0; b < Batches; b++)
            {
                // Every writer also touches the shared ids shared-0..4, so their commits overlap.
                var records = TestRecords.Make(b * 5, 5, 4, seed: w, prefix: $"w{w}-");
                records.AddRange(TestRecords.Make(0, 5, 4, seed: (w * 100) + b, prefix: "shared-"));
                commits.Add(await handle.UpsertAsync(records));
            }

            return commits;
        })).ToList();
        var all = (await Task.WhenAll(tasks)).SelectMany(c => c).ToList();
        foreach (var handle in handles)
        {
            await handle.DisposeAsync();
        }

        Assert.Equal(Writers * Batches, all.Select(c => c.Version).Distinct().Count());
        await using var reader = await FrameDataset.OpenAsync(_temp.Dataset(), TestRecords.FastOptions);
        Assert.Equal(1 + (Writers * Batches), reader.Version);
        var ids = (await TestRecords.ReadAllAsync(reader)).Select(r => r.Id).ToList();
        Assert.Equal((Writers * Batches * 5) + 5, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(ids.Count, reader.Count);
        var versions = await reader.ListVersionsAsync();
        for (var i = 1; i < versions.Count; i++)
        {
            Assert.Equal(versions[i].Version - 1, versions[i].ParentVersion);
        }
    }

    [Fact]
    public async Task UpsertAsync_TwoWriterProcesses_AllRowsLandExactlyOnce()
    {
        await using (var setup = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(4), TestRecords.FastOptions))
        {
        }

        using var a = ChildProcess.Start(UpsertLoopWriter.Command, _temp.Dataset(), "a-", "15", "20", "4");
        using var b = ChildProcess.Start(UpsertLoopWriter.Command, _temp.Dataset(), "b-", "15", "20", "4");
        var outputs = await Task.WhenAll(a.StandardOutput.ReadToEndAsync(), b.StandardOutput.ReadToEndAsync());
        var errors = await Task.WhenAll(a.StandardError.ReadToEndAsync(), b.StandardError.ReadToEndAsync());
        await a.WaitForExitAsync();
        await b.WaitForExitAsync();
        Assert.True(a.ExitCode == 0, "writer a failed: " + errors[0]);
        Assert.True(b.ExitCode == 0, "writer b failed: " + errors[1]);
        Assert.All(outputs, o => Assert.StartsWith("RETRIES", o, StringComparison.Ordinal));

        await using var reader = await FrameDataset.OpenAsync(_temp.Dataset(), TestRecords.FastOptions);
        Assert.Equal(31, reader.Version);
        var ids = (await TestRecords.ReadAllAsync(reader)).Select(r => r.Id).ToList();
        Assert.Equal(600, ids.Count);
        Assert.Equal(600, ids.Distinct().Count());
    }
}
