using Ferry.Core.Jobs;
using Ferry.Core.Pipeline;
using Ferry.Core.Tests.Pipeline.Support;
using Ferry.Core.Validation;
using Xunit;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Core.Tests.Validation;

public sealed class ValidationTests : IDisposable
{
    private readonly EngineHarness _harness = new();

    [Theory]
    [InlineData(ValidationLevel.Count)]
    [InlineData(ValidationLevel.Sample)]
    [InlineData(ValidationLevel.Full)]
    public async Task RunAsync_ValidateAfterMigrating_Passes(ValidationLevel level)
    {
        var source = MemoryData.Create(700);
        var target = MemoryData.Create();
        var job = _harness.Job(source, target);
        job.Validation = level;

        var result = await _harness.RunAsync(job);

        var report = result.Validation!;
        Assert.True(report.Passed, string.Join("; ", report.Checks.Select(c => c.Summary)));
        Assert.Equal(level, report.Level);
        Assert.Equal("count", report.Checks[0].Name);
        if (level == ValidationLevel.Full)
        {
            Assert.Equal(700, report.Checks.Single(c => c.Name == "full").Compared);
            Assert.True(File.Exists(Path.ChangeExtension(result.CheckpointPath!, null).Replace(".checkpoint", ".checksums", StringComparison.Ordinal)));
        }

        if (level == ValidationLevel.Sample)
        {
            Assert.Equal(100, report.Checks.Single(c => c.Name == "sample").Compared);
        }
    }

    [Fact]
    public async Task RunAsync_FullValidationAcrossAResume_CoversEveryRecord()
    {
        var source = MemoryData.Create(1500);
        var target = MemoryData.Create();
        target.CrashAfterUpserts = 12;
        var job = _harness.Job(source, target);
        job.Validation = ValidationLevel.Full;
        await _harness.RunAsync(job);
        target.CrashAfterUpserts = null;

        var resumed = await _harness.RunAsync(job);

        var full = resumed.Validation!.Checks.Single(c => c.Name == "full");
        Assert.True(full.Passed, full.Summary);
        Assert.Equal(1500, full.Compared);
    }

    [Fact]
    public async Task RunAsync_FullValidation_ComparesCheckpointedRecordsWhileMigratingAndNeverBesideAWrite()
    {
        var source = MemoryData.Create(2000);
        var target = MemoryData.Create();
        source.HoldAfterRecords = 400;
        source.HoldUntil = target;
        var job = _harness.Job(source, target);
        job.Validation = ValidationLevel.Full;

        var result = await _harness.RunAsync(job);

        // The source waits after 400 records of each partition until something is read back from the target: the
        // run completes only because checkpointed records were compared while it was still migrating.
        Assert.Equal(MigrationOutcome.Completed, result.Outcome);
        Assert.True(target.ReadBack.Task.IsCompleted);
        var full = result.Validation!.Checks.Single(c => c.Name == "full");
        Assert.True(full.Passed, full.Summary);
        Assert.Equal(2000, full.Compared);
        Assert.Equal(0, target.OverlappingCalls);
    }

    [Fact]
    public async Task RunAsync_FullValidationWhileMigrating_FindsARecordTheTargetAcknowledgedButLost()
    {
        var source = MemoryData.Create(1000);
        var target = MemoryData.Create();
        source.HoldAfterRecords = 300;
        source.HoldUntil = target;
        target.LostOnFlush.Add("doc-000001");
        target.LostOnFlush.Add("doc-000990");
        var job = _harness.Job(source, target);
        job.Validation = ValidationLevel.Full;

        var result = await _harness.RunAsync(job);

        var full = result.Validation!.Checks.Single(c => c.Name == "full");
        Assert.False(full.Passed);
        Assert.Equal(1000, full.Compared);
        Assert.Equal(2, full.Missing);
        Assert.Equal(["doc-000001", "doc-000990"], full.Mismatches.Select(m => m.Id).Order(StringComparer.Ordinal));
        Assert.False(result.Validation.Checks.Single(c => c.Name == "count").Passed);
    }

    [Fact]
    public async Task ValidateAsync_TargetChangedAfterwards_FullFindsTheRecordAndField()
    {
        var source = MemoryData.Create(300);
        var target = MemoryData.Create();
        var job = _harness.Job(source, target);
        await _harness.RunAsync(job);
        var tampered = target.Durable["doc-000123"].Clone();
        tampered.Metadata["year"] = (double)tampered.Metadata["year"].AsInteger();
        target.Durable["doc-000123"] = tampered;
        target.Durable.TryRemove("doc-000200", out _);

        var report = await _harness.Engine.ValidateAsync(job, ValidationLevel.Full);

        Assert.False(report.Passed);
        var count = report.Checks.Single(c => c.Name == "count");
        Assert.False(count.Passed);
        Assert.Contains("299", count.Summary, StringComparison.Ordinal);
        var full = report.Checks.Single(c => c.Name == "full");
        Assert.Equal(1, full.Missing);
        Assert.Equal(1, full.Different);
        var different = full.Mismatches.Single(m => !m.Missing);
        Assert.Equal("doc-000123", different.Id);
        Assert.Contains(different.Differences, d => d.Field == "metadata.year" && d.Actual.EndsWith("(float)", StringComparison.Ordinal));
        Assert.Contains(full.Mismatches, m => m.Missing && m.Id == "doc-000200");
    }

    [Fact]
    public async Task RunAsync_FullValidationFromTheChecksumLog_CatchesALaterChange()
    {
        var source = MemoryData.Create(200);
        var target = MemoryData.Create();
        var job = _harness.Job(source, target);
        job.Validation = ValidationLevel.Full;
        await _harness.RunAsync(job);
        target.Durable["doc-000050"].Vector![0] += 1e-3f;

        var again = await _harness.RunAsync(job);

        Assert.Equal(MigrationOutcome.AlreadyCompleted, again.Outcome);
        var full = again.Validation!.Checks.Single(c => c.Name == "full");
        Assert.False(full.Passed);
        Assert.Equal("doc-000050", Assert.Single(full.Mismatches).Id);
    }

    [Fact]
    public async Task ValidateAsync_SampleWithDifferentTitle_ShowsAReadableDiff()
    {
        var source = MemoryData.Create(50);
        var target = MemoryData.Create();
        var job = _harness.Job(source, target);
        await _harness.RunAsync(job);
        foreach (var record in target.Durable.Values)
        {
            record.Title += "!";
        }

        job.SampleSize = 10;
        var report = await _harness.Engine.ValidateAsync(job, ValidationLevel.Sample);

        var sample = report.Checks.Single(c => c.Name == "sample");
        Assert.False(sample.Passed);
        Assert.Equal(10, sample.Compared);
        Assert.All(sample.Mismatches, m => Assert.Equal("title", Assert.Single(m.Differences).Field));
    }

    [Fact]
    public async Task ValidateAsync_CountWithPushedDownFilter_UsesTheSourceCount()
    {
        var source = MemoryData.Create(100);
        source.SourcePushDown = true;
        var target = MemoryData.Create();
        var job = _harness.Job(source, target);
        job.Filter = "category = 'news'";
        await _harness.RunAsync(job);
        var reads = source.SourceReads;

        var report = await _harness.Engine.ValidateAsync(job, ValidationLevel.Count);

        Assert.True(report.Passed, report.Checks[0].Summary);
        Assert.Equal(reads, source.SourceReads);
        Assert.Equal(25, report.Checks[0].Compared);
    }

    [Fact]
    public async Task ValidateAsync_SearchBothSidesExact_FullOverlap()
    {
        var source = MemoryData.Create(400, dimension: 16);
        source.Searchable = true;
        var target = MemoryData.Create();
        target.Searchable = true;
        var job = _harness.Job(source, target);
        job.Validation = ValidationLevel.Search;
        job.SearchQueries = 5;

        var result = await _harness.RunAsync(job);

        var search = result.Validation!.Checks.Single(c => c.Name == "search");
        Assert.True(search.Passed, search.Summary);
        Assert.Equal(5, search.Compared);
        Assert.Equal(1.0, search.Measures["mean_overlap"]);
    }

    [Fact]
    public async Task ValidateAsync_SearchWhereTheTargetDiffers_Fails()
    {
        var source = MemoryData.Create(300, dimension: 16);
        source.Searchable = true;
        var target = MemoryData.Create();
        target.Searchable = true;
        var job = _harness.Job(source, target);
        await _harness.RunAsync(job);
        var random = new Random(3);
        foreach (var record in target.Durable.Values)
        {
            for (var i = 0; i < record.Vector!.Length; i++)
            {
                record.Vector[i] = (float)random.NextDouble();
            }
        }

        job.SearchQueries = 5;
        var report = await _harness.Engine.ValidateAsync(job, ValidationLevel.Search);

        var search = report.Checks.Single(c => c.Name == "search");
        Assert.False(search.Passed);
        Assert.True(search.Measures["mean_overlap"] < 0.5);
    }

    [Fact]
    public async Task ValidateAsync_SearchWhereASideCannotSearch_IsAConfigurationError()
    {
        var source = MemoryData.Create(10);
        var target = MemoryData.Create();
        target.Searchable = true;
        var job = _harness.Job(source, target);

        var error = await Assert.ThrowsAsync<ValidationNotPossibleException>(() => _harness.Engine.ValidateAsync(job, ValidationLevel.Search));
        Assert.Contains("source cannot", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_IdModeUuid_MapsIds()
    {
        var source = MemoryData.Create(100);
        var target = MemoryData.Create();
        var job = _harness.Job(source, target);
        job.IdMode = IdMode.Uuid;
        await _harness.RunAsync(job);

        var report = await _harness.Engine.ValidateAsync(job, ValidationLevel.Full);

        Assert.True(report.Passed, string.Join("; ", report.Checks.Select(c => c.Summary)));
        Assert.Equal(100, report.Checks.Single(c => c.Name == "full").Compared);
        Assert.All(target.Durable.Values, r => Assert.NotNull(r.Source?.OriginalId));
    }

    public void Dispose() => _harness.Dispose();
}
