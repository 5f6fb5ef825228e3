using Ferry.Core.Jobs;
using Ferry.Core.Pipeline;
using Ferry.Core.Tests.Pipeline.Support;
using Ferry.Sdk.Records;
using Xunit;

namespace Ferry.Core.Tests.Pipeline;

public sealed class MigrationEngineTests : IDisposable
{
    private readonly EngineHarness _harness = new();

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task RunAsync_AnyParallelism_TargetEqualsSourceBitExact(int parallel)
    {
        var source = MemoryData.Create(1234);
        var target = MemoryData.Create();
        var job = _harness.Job(source, target);
        job.Parallel = parallel;

        var result = await _harness.RunAsync(job);

        Assert.Equal(MigrationOutcome.Completed, result.Outcome);
        Assert.Equal(1234, result.Migrated);
        Assert.Equal(1234, result.Read);
        Assert.Equal(parallel, result.Partitions);
        Assert.Empty(target.Pending);
        EngineHarness.AssertSameContent(source.Source, target.Durable);
    }

    [Fact]
    public async Task RunAsync_Always_KeepsIdsAndRecordsProvenance()
    {
        var source = MemoryData.Create(10);
        var target = MemoryData.Create();

        await _harness.RunAsync(_harness.Job(source, target));

        var copy = target.Durable["doc-000003"];
        Assert.Equal("mem", copy.Source!.System);
        Assert.Equal("doc-000003", copy.Source.OriginalId);
    }

    [Fact]
    public async Task RunAsync_SinkLimits_NoWriteCallExceedsThem()
    {
        var source = MemoryData.Create(500);
        var target = MemoryData.Create();
        target.MaxBatchRecords = 13;
        var job = _harness.Job(source, target);
        job.BatchSize = 100;

        var result = await _harness.RunAsync(job);

        Assert.Equal(500, result.Migrated);
        Assert.True(target.LargestWrite <= 13, $"largest write {target.LargestWrite}");
        Assert.True(target.UpsertCalls >= 500 / 13);
    }

    [Fact]
    public async Task RunAsync_SinkByteLimit_SplitsBatchesByEstimatedBytes()
    {
        var source = MemoryData.Create(200, dimension: 256);
        var target = MemoryData.Create();
        target.MaxBatchBytes = 5 * 1100;
        var job = _harness.Job(source, target);
        job.BatchSize = 100;

        var result = await _harness.RunAsync(job);

        Assert.Equal(200, result.Migrated);
        Assert.True(target.LargestWrite <= 5, $"largest write {target.LargestWrite} records of about 1.2 KB with a 5.5 KB limit");
        EngineHarness.AssertSameContent(source.Source, target.Durable);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RunAsync_Filter_SameResultPushedDownOrInPipeline(bool pushDown)
    {
        var source = MemoryData.Create(400);
        source.SourcePushDown = pushDown;
        var target = MemoryData.Create();
        var job = _harness.Job(source, target);
        job.Filter = "year >= 2020 AND category = 'news'";

        var result = await _harness.RunAsync(job);

        var expected = source.Source.Where(r => r.Metadata["year"].AsInteger() >= 2020 && r.Metadata["category"].AsString() == "news").ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(pushDown ? FilterPlacement.Source : FilterPlacement.Pipeline, result.FilterPlacement);
        Assert.Equal("year >= 2020 AND category = 'news'", result.Filter);
        Assert.Equal(expected.Count, result.Migrated);
        Assert.Equal(pushDown ? 0 : 400 - expected.Count, result.Filtered);
        Assert.Equal(pushDown, source.LastPushedFilter is not null);
        EngineHarness.AssertSameContent(expected, target.Durable);
    }

    [Fact]
    public async Task RunAsync_DryRun_WritesNothingAndReportsWhatItWouldWrite()
    {
        var source = MemoryData.Create(120);
        var target = MemoryData.Create();
        var job = _harness.Job(source, target);
        job.DryRun = true;
        job.Filter = "year < 2010";

        var result = await _harness.RunAsync(job);

        Assert.True(result.DryRun);
        Assert.Equal(MigrationOutcome.Completed, result.Outcome);
        Assert.Equal(120, result.Read);
        Assert.Equal(source.Source.Count(r => r.Metadata["year"].AsInteger() < 2010), result.Migrated);
        Assert.Equal(0, target.UpsertCalls);
        Assert.Empty(target.Durable);
        Assert.False(Directory.Exists(job.StateDirectory), "a dry run writes no checkpoint");
        var report = result.DryRunReport!;
        Assert.Equal(new[] { 8 }, report.Schema.Vectors["default"]);
        Assert.Equal(new[] { MetadataKind.Integer }, report.Schema.Metadata["year"]);
        Assert.Equal(new[] { MetadataKind.Timestamp }, report.Schema.Metadata["published"]);
        Assert.Equal(3, report.Examples.Count);
        Assert.Contains("\"$timestamp\"", report.Examples[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_IdModeUuid_DeterministicIdsKeepTheOriginal()
    {
        var source = MemoryData.Create(30);
        var first = MemoryData.Create();
        var second = MemoryData.Create();
        var job = _harness.Job(source, first);
        job.IdMode = IdMode.Uuid;
        await _harness.RunAsync(job);
        var again = _harness.Job(source, second);
        again.IdMode = IdMode.Uuid;
        await _harness.RunAsync(again);

        Assert.Equal(first.Durable.Keys.Order(), second.Durable.Keys.Order());
        var record = first.Durable.Values.Single(r => r.Source!.OriginalId == "doc-000007");
        Assert.True(Guid.TryParse(record.Id, out var uuid));
        Assert.Equal(5, uuid.Version);
        Assert.Equal(IdAssigner.Uuid5(IdAssigner.Namespace, "doc-000007"), uuid);
    }

    [Fact]
    public async Task RunAsync_IdModeHash_IdenticalContentCollapses()
    {
        var source = MemoryData.Create(10);
        source.Source.Add(source.Source[0].Clone());
        source.Source[^1].Id = "duplicate-of-0";
        var target = MemoryData.Create();
        var job = _harness.Job(source, target);
        job.IdMode = IdMode.Hash;

        var result = await _harness.RunAsync(job);

        Assert.Equal(11, result.Migrated);
        Assert.Equal(10, target.Durable.Count);
        Assert.All(target.Durable.Keys, id => Assert.Matches("^[0-9a-f]{32}$", id));
    }

    [Fact]
    public async Task RunAsync_Transformer_AppliedToEveryRecord()
    {
        var source = MemoryData.Create(60);
        var target = MemoryData.Create();
        var job = _harness.Job(source, target);
        job.Transformers.Add(new TransformerSpec("upper-title"));

        await _harness.RunAsync(job);

        Assert.All(target.Durable.Values, r => Assert.Equal(r.Title!.ToUpperInvariant(), r.Title));
        Assert.Equal("TITLE 5", target.Durable["doc-000005"].Title);
    }

    [Fact]
    public async Task EstimateAsync_Source_ReportsCountDimensionAndProjection()
    {
        var source = MemoryData.Create(2000, dimension: 32);
        var job = _harness.Job(source);

        var estimate = await _harness.Engine.EstimateAsync(job, sampleSize: 200);

        Assert.Equal(2000, estimate.Count);
        Assert.Equal(32, estimate.Schema.Vectors.Single().Dimension);
        Assert.True(estimate.SampleRead >= 200);
        Assert.True(estimate.AverageRecordBytes > 32 * 4);
        Assert.NotNull(estimate.ProjectedDuration);
        Assert.Equal(estimate.AverageRecordBytes * 2000, estimate.ProjectedBytes!.Value, 3);
    }

    public void Dispose() => _harness.Dispose();
}
