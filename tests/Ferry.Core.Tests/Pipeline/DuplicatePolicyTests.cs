using Ferry.Core.Checkpoints;
using Ferry.Core.Jobs;
using Ferry.Core.Pipeline;
using Ferry.Core.Tests.Pipeline.Support;
using Ferry.Core.Validation;
using Ferry.Sdk.Records;
using Xunit;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Core.Tests.Pipeline;

/// <summary>
/// --on-duplicate overwrite|skip|fail: a duplicate is a record whose id was in the target before the migration first
/// started; records the migration wrote itself, in this run or a crashed earlier one, never are.
/// </summary>
public sealed class DuplicatePolicyTests : IDisposable
{
    private static readonly string[] Existing = ["doc-000003", "doc-000150", "doc-000377"];

    private readonly EngineHarness _harness = new();

    [Fact]
    public async Task RunAsync_Overwrite_ReplacesRecordsThatWereThere()
    {
        var (source, target) = Prepare(400);
        var job = _harness.Job(source, target);

        var result = await _harness.RunAsync(job);

        Assert.Equal(MigrationOutcome.Completed, result.Outcome);
        Assert.Equal(400, result.Migrated);
        Assert.Equal(0, result.Duplicates);
        EngineHarness.AssertSameContent(source.Source, target.Durable);
    }

    [Fact]
    public async Task RunAsync_Skip_LeavesRecordsThatWereThereUntouched()
    {
        var (source, target) = Prepare(400);
        var job = _harness.Job(source, target);
        job.OnDuplicate = DuplicatePolicy.Skip;
        job.Validation = ValidationLevel.Count;

        var result = await _harness.RunAsync(job);

        Assert.Equal(MigrationOutcome.Completed, result.Outcome);
        Assert.Equal(400 - Existing.Length, result.Migrated);
        Assert.Equal(Existing.Length, result.Duplicates);
        Assert.Equal(Existing.Length, result.Totals!.Duplicates);
        Assert.True(result.Validation!.Passed, string.Join("; ", result.Validation.Checks.Select(c => c.Summary)));
        foreach (var id in Existing)
        {
            Assert.Equal("was here before", target.Durable[id].Title);
        }

        EngineHarness.AssertSameContent(source.Source.Where(r => !Existing.Contains(r.Id)).ToList(), Without(target.Durable, Existing));
        Assert.False(File.Exists(WrittenIds(result)), "a completed migration deletes its journal of written ids");
    }

    [Fact]
    public async Task RunAsync_Fail_StopsNamingTheIdAndWritesNothingOfItsBatch()
    {
        var (source, target) = Prepare(400);
        var job = _harness.Job(source, target);
        job.OnDuplicate = DuplicatePolicy.Fail;
        job.Parallel = 1;
        job.TransformParallel = 1;

        var result = await _harness.RunAsync(job);

        Assert.Equal(MigrationOutcome.Stopped, result.Outcome);
        Assert.Contains("Record 'doc-000003' already exists in the target and --on-duplicate is fail", result.Message, StringComparison.Ordinal);
        Assert.Equal("was here before", target.Durable["doc-000003"].Title);

        // Batches are 50 records: doc-000003 is in the first, so nothing at all was written.
        Assert.Equal(Existing.Length, target.Durable.Count);
        var checkpoint = CheckpointStore.Load(result.CheckpointPath!)!;
        Assert.Equal(0, checkpoint.Totals.Migrated);
        Assert.True(checkpoint.WrittenIdsComplete);
    }

    [Fact]
    public async Task RunAsync_FailThenSkip_ResumesFromTheCheckpoint()
    {
        var (source, target) = Prepare(400, existing: ["doc-000377"]);
        var job = _harness.Job(source, target);
        job.OnDuplicate = DuplicatePolicy.Fail;
        job.Parallel = 1;
        job.TransformParallel = 1;
        job.CheckpointEveryRecords = 50;

        var failed = await _harness.RunAsync(job);
        Assert.Equal(MigrationOutcome.Stopped, failed.Outcome);
        Assert.Contains("'doc-000377'", failed.Message, StringComparison.Ordinal);
        Assert.True(failed.Migrated >= 300, $"the batches before the duplicate are written ({failed.Migrated})");

        job.OnDuplicate = DuplicatePolicy.Skip;
        var resumed = await _harness.RunAsync(job);

        Assert.Equal(MigrationOutcome.Completed, resumed.Outcome);
        Assert.True(resumed.Resumed);
        Assert.Equal(1, resumed.Totals!.Duplicates);
        Assert.Equal(399, resumed.Totals.Migrated);
        Assert.Equal("was here before", target.Durable["doc-000377"].Title);
    }

    [Theory]
    [InlineData(DuplicatePolicy.Skip)]
    [InlineData(DuplicatePolicy.Fail)]
    public async Task RunAsync_CrashAfterWritesBeforeTheCheckpoint_ResumedRunKnowsItsOwnRecords(DuplicatePolicy policy)
    {
        var (source, target) = Prepare(1000, existing: policy == DuplicatePolicy.Skip ? Existing : []);
        target.CrashAfterUpserts = 9;
        var job = _harness.Job(source, target);
        job.OnDuplicate = policy;
        job.Parallel = 1;
        job.CheckpointEveryRecords = 200;

        var crashed = await _harness.RunAsync(job);
        Assert.Equal(MigrationOutcome.Failed, crashed.Outcome);
        var written = target.Durable.Count - (policy == DuplicatePolicy.Skip ? Existing.Length : 0);
        Assert.True(written > 0, "the crashed run wrote records");

        // A process killed after those writes but before their checkpoint: the target holds them, the checkpoint
        // (an older one) does not know them. Resuming reads them again and finds their ids in the target.
        var checkpoint = CheckpointStore.Load(crashed.CheckpointPath!)!;
        foreach (var partition in checkpoint.Partitions)
        {
            partition.ResumeToken = null;
            partition.Done = false;
            partition.Records = 0;
        }

        checkpoint.Totals = new CheckpointTotals();
        CheckpointStore.Save(crashed.CheckpointPath!, checkpoint);

        target.CrashAfterUpserts = null;
        var resumed = await _harness.RunAsync(job);

        Assert.Equal(MigrationOutcome.Completed, resumed.Outcome);
        var existing = policy == DuplicatePolicy.Skip ? Existing.Length : 0;
        Assert.Equal(existing, resumed.Totals!.Duplicates);
        Assert.Equal(1000 - existing, resumed.Totals.Migrated);
        EngineHarness.AssertSameContent(source.Source.Where(r => !Existing.Contains(r.Id) || policy == DuplicatePolicy.Fail).ToList(), Without(target.Durable, policy == DuplicatePolicy.Skip ? Existing : []));
    }

    [Fact]
    public async Task RunAsync_SourceRepeatsAnId_TheMigrationsOwnRecordIsNotADuplicate()
    {
        var (source, target) = Prepare(300, existing: []);
        var again = source.Source[10].Clone();
        again.Title = "second version";
        source.Source.Add(again);
        var job = _harness.Job(source, target);
        job.OnDuplicate = DuplicatePolicy.Fail;
        job.Parallel = 1;
        job.TransformParallel = 1;
        job.CheckpointEveryRecords = 50;

        var result = await _harness.RunAsync(job);

        Assert.Equal(MigrationOutcome.Completed, result.Outcome);
        Assert.Equal("second version", target.Durable[again.Id].Title);
    }

    [Fact]
    public async Task RunAsync_SkipResumingAnOverwriteRun_IsRefused()
    {
        var (source, target) = Prepare(600, existing: []);
        target.CrashAfterUpserts = 3;
        var job = _harness.Job(source, target);
        var crashed = await _harness.RunAsync(job);
        Assert.Equal(MigrationOutcome.Failed, crashed.Outcome);

        target.CrashAfterUpserts = null;
        job.OnDuplicate = DuplicatePolicy.Skip;
        var error = await Assert.ThrowsAsync<CheckpointException>(() => _harness.RunAsync(job));

        Assert.Contains("--on-duplicate overwrite", error.Message, StringComparison.Ordinal);
        job.OnDuplicate = DuplicatePolicy.Overwrite;
        Assert.Equal(MigrationOutcome.Completed, (await _harness.RunAsync(job)).Outcome);
    }

    [Fact]
    public void JobFile_OnDuplicate_IsRead()
    {
        var job = JobFile.Parse(new StringReader("source: mem://a\ntarget: mem://b\non-duplicate: skip\n"));

        Assert.Equal(DuplicatePolicy.Skip, job.OnDuplicate);
        Assert.Contains("line 3", Assert.Throws<JobValidationException>(() => JobFile.Parse(new StringReader("source: mem://a\ntarget: mem://b\non-duplicate: ignore\n"))).Message, StringComparison.Ordinal);
    }

    public void Dispose() => _harness.Dispose();

    private static (MemoryData Source, MemoryData Target) Prepare(int count, string[]? existing = null)
    {
        var source = MemoryData.Create(count);
        var target = MemoryData.Create();
        foreach (var id in existing ?? Existing)
        {
            target.Durable[id] = new Record(id) { Title = "was here before", Text = "old" };
        }

        return (source, target);
    }

    private static Dictionary<string, Record> Without(IReadOnlyDictionary<string, Record> records, string[] ids) =>
        records.Where(p => !ids.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static string WrittenIds(MigrationResult result) => Path.ChangeExtension(Path.ChangeExtension(result.CheckpointPath!, null), null) + ".written-ids";
}
