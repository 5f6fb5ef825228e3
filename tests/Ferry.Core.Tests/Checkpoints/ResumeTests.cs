using Ferry.Core.Checkpoints;
using Ferry.Core.Jobs;
using Ferry.Core.Pipeline;
using Ferry.Core.Progress;
using Ferry.Core.Tests.Pipeline;
using Ferry.Core.Tests.Pipeline.Support;
using Xunit;

namespace Ferry.Core.Tests.Checkpoints;

public sealed class ResumeTests : IDisposable
{
    private readonly EngineHarness _harness = new();

    [Fact]
    public async Task RunAsync_TargetCrashesMidway_ReRunResumesAndLosesNothing()
    {
        var source = MemoryData.Create(2000);
        var target = MemoryData.Create();
        target.CrashAfterUpserts = 17;
        var job = _harness.Job(source, target);

        var crashed = await _harness.RunAsync(job);

        Assert.Equal(MigrationOutcome.Failed, crashed.Outcome);
        var checkpoint = CheckpointStore.Load(crashed.CheckpointPath!)!;
        Assert.False(checkpoint.Completed);
        Assert.True(checkpoint.Totals.Migrated > 0 && checkpoint.Totals.Migrated < 2000, $"checkpointed {checkpoint.Totals.Migrated}");
        Assert.Equal(checkpoint.Totals.Migrated, target.Durable.Count);

        target.CrashAfterUpserts = null;
        target.RecordsUpserted = 0;
        var resumed = await _harness.RunAsync(job);

        Assert.Equal(MigrationOutcome.Completed, resumed.Outcome);
        Assert.True(resumed.Resumed);
        Assert.Equal(2000, resumed.Totals!.Migrated);
        Assert.Equal(2000 - checkpoint.Totals.Migrated, resumed.Migrated);
        Assert.True(target.RecordsUpserted < 2000, "the resumed run did not start over");
        EngineHarness.AssertSameContent(source.Source, target.Durable);
    }

    [Fact]
    public async Task RunAsync_ResumedWithOtherParallelism_KeepsTheRecordedPartitions()
    {
        var source = MemoryData.Create(1500);
        var target = MemoryData.Create();
        target.CrashAfterUpserts = 10;
        var job = _harness.Job(source, target);
        job.Parallel = 4;
        var first = await _harness.RunAsync(job);
        Assert.Equal(4, first.Partitions);

        target.CrashAfterUpserts = null;
        job.Parallel = 1;
        var resumed = await _harness.RunAsync(job);

        Assert.Equal(MigrationOutcome.Completed, resumed.Outcome);
        Assert.Equal(4, resumed.Partitions);
        Assert.Equal(1500, resumed.Totals!.Migrated);
        EngineHarness.AssertSameContent(source.Source, target.Durable);
    }

    [Fact]
    public async Task RunAsync_Cancelled_CheckpointsAndResumes()
    {
        var source = MemoryData.Create(3000);
        var target = MemoryData.Create();
        var job = _harness.Job(source, target);
        job.Parallel = 1;
        job.BatchSize = 10;
        var progress = new MigrationProgress();
        using var cancel = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (progress.Snapshot().Written < 500)
            {
                await Task.Delay(1);
            }

            await cancel.CancelAsync();
        });

        var cancelled = await _harness.RunAsync(job, progress, cancel.Token);
        await watcher;

        Assert.Equal(MigrationOutcome.Cancelled, cancelled.Outcome);
        Assert.True(cancelled.Migrated >= 500 && cancelled.Migrated < 3000, $"migrated {cancelled.Migrated}");
        var checkpoint = CheckpointStore.Load(cancelled.CheckpointPath!)!;
        Assert.Equal(cancelled.Migrated, checkpoint.Totals.Migrated);

        var resumed = await _harness.RunAsync(job);

        Assert.Equal(MigrationOutcome.Completed, resumed.Outcome);
        Assert.Equal(3000 - cancelled.Migrated, resumed.Migrated);
        EngineHarness.AssertSameContent(source.Source, target.Durable);
    }

    [Fact]
    public async Task RunAsync_AlreadyCompleted_DoesNothingUnlessRestarted()
    {
        var source = MemoryData.Create(100);
        var target = MemoryData.Create();
        var job = _harness.Job(source, target);
        await _harness.RunAsync(job);
        var calls = target.UpsertCalls;

        var again = await _harness.RunAsync(job);

        Assert.Equal(MigrationOutcome.AlreadyCompleted, again.Outcome);
        Assert.Equal(calls, target.UpsertCalls);
        Assert.Contains("--restart", again.Message!, StringComparison.Ordinal);

        job.Restart = true;
        var restarted = await _harness.RunAsync(job);

        Assert.Equal(MigrationOutcome.Completed, restarted.Outcome);
        Assert.False(restarted.Resumed);
        Assert.Equal(100, restarted.Migrated);
    }

    [Fact]
    public async Task RunAsync_LenientFailuresAcrossACrash_DeadLetteredExactlyOnce()
    {
        var source = MemoryData.Create(2000);
        source.BadSourceIndices.UnionWith(Enumerable.Range(0, 2000).Where(i => i % 97 == 0));
        var target = MemoryData.Create();
        target.CrashAfterUpserts = 20;
        var job = _harness.Job(source, target);
        var crashed = await _harness.RunAsync(job);
        Assert.Equal(MigrationOutcome.Failed, crashed.Outcome);

        target.CrashAfterUpserts = null;
        var resumed = await _harness.RunAsync(job);

        Assert.Equal(MigrationOutcome.CompletedWithFailures, resumed.Outcome);
        var expected = source.BadSourceIndices.Count;
        Assert.Equal(expected, resumed.Totals!.Failed);
        var entries = ErrorModeTests.ReadDeadLetters(resumed.DeadLetterPath!);
        Assert.Equal(expected, entries.Count);
        Assert.Equal(expected, entries.Select(e => e.GetProperty("line").GetInt64()).Distinct().Count());
        Assert.Equal(2000 - expected, target.Durable.Count);
    }

    [Fact]
    public async Task RunAsync_TransientSourceFailures_RetriedAndCounted()
    {
        var source = MemoryData.Create(500);
        source.TransientReadFailures.UnionWith([2, 5, 9]);
        var target = MemoryData.Create();
        var progress = new MigrationProgress();

        var result = await _harness.RunAsync(_harness.Job(source, target), progress);

        Assert.Equal(MigrationOutcome.Completed, result.Outcome);
        Assert.Equal(3, result.Retries);
        Assert.Equal(3, progress.Retries);
        EngineHarness.AssertSameContent(source.Source, target.Durable);
    }

    [Fact]
    public async Task RunAsync_CheckpointOfAnotherMigration_IsRefused()
    {
        var source = MemoryData.Create(10);
        var target = MemoryData.Create();
        var job = _harness.Job(source, target);
        job.CheckpointPath = Path.Combine(_harness.StateDirectory, "shared.json");
        await _harness.RunAsync(job);

        var other = _harness.Job(source, MemoryData.Create());
        other.CheckpointPath = job.CheckpointPath;

        await Assert.ThrowsAsync<CheckpointException>(() => _harness.RunAsync(other));
    }

    [Fact]
    public void Fingerprint_OptionsThatDoNotChangeContent_AreLeftOut()
    {
        var job = new MigrationJob { Source = new EndpointSpec("mem://a?x=1"), Target = new EndpointSpec("mem://b"), Filter = "year>=2020" };
        var baseline = MigrationFingerprint.Compute(job);
        job.Parallel = 7;
        job.BatchSize = 3;
        job.Errors = ErrorMode.Strict;
        job.Resilience.Retry.MaxRetries = 1;
        Assert.Equal(baseline, MigrationFingerprint.Compute(job));

        job.Filter = "year >= 2020";
        Assert.Equal(baseline, MigrationFingerprint.Compute(job));
        job.Filter = "year >= 2021";
        Assert.NotEqual(baseline, MigrationFingerprint.Compute(job));
        job.Filter = "year>=2020";
        job.IdMode = IdMode.Uuid;
        Assert.NotEqual(baseline, MigrationFingerprint.Compute(job));
        job.IdMode = IdMode.Keep;
        job.Source.Options["x"] = "2";
        Assert.NotEqual(baseline, MigrationFingerprint.Compute(job));
    }

    [Fact]
    public void CheckpointStore_Save_IsAtomicAndRoundTrips()
    {
        var path = Path.Combine(_harness.StateDirectory, "cp", "x.checkpoint.json");
        var checkpoint = new Checkpoint
        {
            Fingerprint = "abc",
            Source = "s",
            Target = "t",
            Partitions = [new PartitionCheckpoint { Id = "p0", Descriptor = "bytes=0-10/10", ResumeToken = "5:1", Records = 1 }],
        };
        checkpoint.Totals.Migrated = 42;

        CheckpointStore.Save(path, checkpoint);
        checkpoint.Totals.Migrated = 43;
        CheckpointStore.Save(path, checkpoint);

        var loaded = CheckpointStore.Load(path)!;
        Assert.Equal(43, loaded.Totals.Migrated);
        Assert.Equal("5:1", loaded.Partitions[0].ResumeToken);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
        File.WriteAllText(path, "{ torn");
        Assert.Throws<CheckpointException>(() => CheckpointStore.Load(path));
    }

    public void Dispose() => _harness.Dispose();
}
