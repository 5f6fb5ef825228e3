using Ferry.Frame.Tests.Support;
using Xunit;

namespace Ferry.Frame.Tests.Dataset;

/// <summary>A writer process killed (SIGKILL) between writing its data files and publishing its manifest.</summary>
public sealed class CrashTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Upsert_WriterKilledBeforePublish_DatasetStaysAtPreviousVersionAndNextCommitSucceeds()
    {
        var original = TestRecords.Make(0, 100, 8);
        await using (var setup = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(8)))
        {
            await setup.AppendAsync(original);
        }

        var dataDir = System.IO.Path.Combine(_temp.Dataset(), "data");
        var filesBefore = Directory.GetFiles(dataDir).Length;

        using (var child = ChildProcess.Start(CrashWriter.Command, _temp.Dataset(), "50", "100", "8"))
        {
            var ready = await ReadLineWithTimeoutAsync(child, TimeSpan.FromSeconds(120));
            if (ready != CrashWriter.ReadyLine)
            {
                // Only now is stderr complete: the child has exited (or was killed on the timeout).
                Assert.Fail($"child said '{ready}', stderr: {await child.StandardError.ReadToEndAsync()}");
            }

            // The fragment is on disk and the manifest is written to a temporary file: kill now.
            Assert.Equal(filesBefore + 1, Directory.GetFiles(dataDir).Length);
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
            Assert.NotEqual(0, child.ExitCode);
        }

        await using (var reopened = await FrameDataset.OpenAsync(_temp.Dataset()))
        {
            Assert.Equal(2, reopened.Version);
            Assert.Equal(100, reopened.Count);
            await reopened.VerifyAsync();
            var read = await TestRecords.ReadAllAsync(reopened);
            for (var i = 0; i < original.Count; i++)
            {
                TestRecords.AssertSame(original[i], read[i]);
            }

            // The next commit takes the version the dead writer never published.
            var retry = TestRecords.Make(50, 100, 8, seed: 99);
            var commit = await reopened.UpsertAsync(retry);
            Assert.Equal(3, commit.Version);
            Assert.Equal(150, reopened.Count);
            var byId = (await TestRecords.ReadAllAsync(reopened)).ToDictionary(r => r.Id);
            foreach (var record in retry)
            {
                TestRecords.AssertSame(record, byId[record.Id]);
            }

            // The dead writer's fragment and temporary manifest are garbage that cleanup removes.
            var cleanup = await reopened.CleanupAsync(new FrameCleanupOptions { OlderThan = TimeSpan.Zero });
            Assert.True(cleanup.FilesRemoved >= 2, $"removed {cleanup.FilesRemoved} files");
            await reopened.VerifyAsync();
            Assert.Equal(150, (await TestRecords.ReadAllAsync(reopened)).Count);
        }
    }

    private static async Task<string?> ReadLineWithTimeoutAsync(System.Diagnostics.Process child, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await child.StandardOutput.ReadLineAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            return "(timed out)";
        }
    }
}
