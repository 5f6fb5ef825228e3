using System.Text.Json;
using Ferry.Core.Checkpoints;
using Ferry.Core.Jobs;
using Ferry.Core.Pipeline;
using Ferry.Core.Tests.Pipeline.Support;
using Xunit;

namespace Ferry.Core.Tests.Pipeline;

public sealed class ErrorModeTests : IDisposable
{
    private readonly EngineHarness _harness = new();

    [Fact]
    public async Task RunAsync_LenientWithBadSourceRecords_DeadLettersThemAndCarriesOn()
    {
        var source = MemoryData.Create(300);
        source.BadSourceIndices.UnionWith([5, 150, 299]);
        var target = MemoryData.Create();

        var result = await _harness.RunAsync(_harness.Job(source, target));

        Assert.Equal(MigrationOutcome.CompletedWithFailures, result.Outcome);
        Assert.Equal(297, result.Migrated);
        Assert.Equal(3, result.Failed);
        Assert.Equal(3, result.DeadLetters);
        Assert.Equal(297, target.Durable.Count);
        var entries = ReadDeadLetters(result.DeadLetterPath!);
        Assert.Equal(new long[] { 6, 151, 300 }, entries.Select(e => e.GetProperty("line").GetInt64()).Order());
        Assert.All(entries, e => Assert.Equal("read", e.GetProperty("stage").GetString()));
        Assert.Contains(entries, e => e.GetProperty("raw").GetString() == "raw-150" && e.GetProperty("record_id").GetString() == "doc-000150");
    }

    [Fact]
    public async Task RunAsync_SkipMode_CountsFailuresAsSkippedAndCompletes()
    {
        var source = MemoryData.Create(100);
        source.BadSourceIndices.Add(42);
        var target = MemoryData.Create();
        var job = _harness.Job(source, target);
        job.Errors = ErrorMode.Skip;

        var result = await _harness.RunAsync(job);

        Assert.Equal(MigrationOutcome.Completed, result.Outcome);
        Assert.Equal(0, result.Failed);
        Assert.Equal(1, result.Skipped);
        Assert.Equal(1, result.DeadLetters);
        Assert.Equal(99, target.Durable.Count);
    }

    [Fact]
    public async Task RunAsync_StrictMode_StopsAtTheFirstFailureAndResumesItAfterTheFix()
    {
        var source = MemoryData.Create(400);
        source.BadSourceIndices.Add(230);
        var target = MemoryData.Create();
        var job = _harness.Job(source, target);
        job.Errors = ErrorMode.Strict;
        job.Parallel = 1;

        var stopped = await _harness.RunAsync(job);

        Assert.Equal(MigrationOutcome.Stopped, stopped.Outcome);
        Assert.Contains("strict", stopped.Message!, StringComparison.Ordinal);
        Assert.Contains("doc-000230", stopped.Message!, StringComparison.Ordinal);
        Assert.Equal(1, stopped.Failed);
        var checkpoint = CheckpointStore.Load(stopped.CheckpointPath!)!;
        Assert.False(checkpoint.Completed);
        Assert.True(checkpoint.Totals.Migrated <= 200, "the checkpoint stays before the failing batch (200-249)");
        Assert.False(target.Durable.ContainsKey("doc-000230"));
        Assert.Single(ReadDeadLetters(stopped.DeadLetterPath!));

        source.BadSourceIndices.Clear();
        var resumed = await _harness.RunAsync(job);

        Assert.Equal(MigrationOutcome.Completed, resumed.Outcome);
        Assert.True(resumed.Resumed);
        Assert.Equal(400, resumed.Totals!.Migrated);
        Assert.Equal(0, resumed.Totals.Failed);
        EngineHarness.AssertSameContent(source.Source, target.Durable);
        Assert.False(File.Exists(resumed.DeadLetterPath) && File.ReadAllText(resumed.DeadLetterPath!).Length > 0, "the resumed run cut the strict failure away: the record no longer fails");
    }

    [Fact]
    public async Task RunAsync_RecordsRefusedByTheTarget_DeadLetteredAtTheWriteStage()
    {
        var source = MemoryData.Create(100);
        var target = MemoryData.Create();
        target.RefusedIds.Add("doc-000010");
        target.ThrowingIds.Add("doc-000077");

        var result = await _harness.RunAsync(_harness.Job(source, target));

        Assert.Equal(MigrationOutcome.CompletedWithFailures, result.Outcome);
        Assert.Equal(98, result.Migrated);
        Assert.Equal(98, target.Durable.Count);
        Assert.Contains("doc-000076", target.Durable.Keys);
        Assert.Contains("doc-000078", target.Durable.Keys);
        var entries = ReadDeadLetters(result.DeadLetterPath!);
        Assert.Equal(new[] { "doc-000010", "doc-000077" }, entries.Select(e => e.GetProperty("record_id").GetString()).Order());
        Assert.All(entries, e => Assert.Equal("write", e.GetProperty("stage").GetString()));
        Assert.All(entries, e => Assert.Equal(JsonValueKind.Object, e.GetProperty("record").ValueKind));
        Assert.Contains(entries, e => e.GetProperty("error").GetString()!.Contains("rejects", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_TransformerThrowsOnOneRecord_OnlyThatRecordFails()
    {
        var source = MemoryData.Create(80);
        var target = MemoryData.Create();
        var job = _harness.Job(source, target);
        var failing = new TransformerSpec("fail-on");
        failing.Options["ids"] = "doc-000033";
        job.Transformers.Add(failing);

        var result = await _harness.RunAsync(job);

        Assert.Equal(79, result.Migrated);
        var entry = Assert.Single(ReadDeadLetters(result.DeadLetterPath!));
        Assert.Equal("transform", entry.GetProperty("stage").GetString());
        Assert.Equal("doc-000033", entry.GetProperty("record_id").GetString());
        Assert.Contains("fail-on", entry.GetProperty("error").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MaxFailuresReached_StopsTheRun()
    {
        var source = MemoryData.Create(1000);
        source.BadSourceIndices.UnionWith(Enumerable.Range(0, 1000).Where(i => i % 10 == 0));
        var target = MemoryData.Create();
        var job = _harness.Job(source, target);
        job.MaxFailures = 5;
        job.Parallel = 1;

        var result = await _harness.RunAsync(job);

        Assert.Equal(MigrationOutcome.Stopped, result.Outcome);
        Assert.Contains("--max-failures 5", result.Message!, StringComparison.Ordinal);
        Assert.True(result.Read < 1000);
    }

    internal static List<JsonElement> ReadDeadLetters(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    public void Dispose() => _harness.Dispose();
}
