using Ferry.Migration.Tests.Support;
using Xunit;

namespace Ferry.Migration.Tests.Cli;

/// <summary>
/// The real ferry process, killed with SIGKILL at several points of a migration and run again: the target must end
/// up exactly equal to the source (nothing lost, nothing twice, every vector bit-exact).
/// </summary>
public sealed class CrashResumeTests : IDisposable
{
    private const int Records = 20_000;

    private readonly WorkFolder _work = new();

    private static string[] Migrate(string from, string to, int parallel) =>
    [
        "migrate", "--from", from, "--to", to, "--json", "--progress-interval", "50ms",
        "--parallel", parallel.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--batch-size", "100", "--checkpoint-every", "400", "--validate", "full",
    ];

    [Fact]
    public async Task Migrate_KilledThreeTimes_TargetEqualsSourceExactly()
    {
        var corpus = _work.File("corpus.jsonl");
        var target = _work.File("out.jsonl");
        TestCorpus.Write(corpus, Records, dimension: 12);
        var corpusSource = corpus + "?partition_min_bytes=65536";

        var kills = 0;
        foreach (var killAt in new[] { 3_000, 9_000, 15_000 })
        {
            using var ferry = FerryProcess.Start(_work.Path, Migrate(corpusSource, target, parallel: 3));
            var reached = await ferry.WaitForLineAsync(line => ProgressLine.TotalWritten(line) >= killAt, TimeSpan.FromMinutes(2));
            if (reached)
            {
                var code = await ferry.KillAsync();
                Assert.NotEqual(0, code);
                kills++;
            }
            else
            {
                await ferry.WaitAsync(TimeSpan.FromMinutes(1));
            }
        }

        Assert.True(kills >= 2, $"the run finished before it could be killed ({kills} kills): make the corpus bigger");
        var (exit, output, error) = await FerryProcess.RunAsync(_work.Path, Migrate(corpusSource, target, parallel: 3));

        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        var result = ProgressLine.Result(output);
        Assert.True(result.GetProperty("resumed").GetBoolean());
        Assert.Equal(Records, result.GetProperty("totals").GetProperty("migrated").GetInt64());
        Assert.True(result.GetProperty("validation").GetProperty("passed").GetBoolean(), output);
        var expected = await JsonlFiles.ReadAsync(corpus);
        var actual = await JsonlFiles.ReadAsync(target);
        JsonlFiles.AssertSameRecords(expected, actual);
        Assert.Equal(Records, File.ReadAllLines(target).Length);
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(4, 1)]
    public async Task Migrate_KilledThenResumedWithOtherParallelism_SameTargetAsAnUninterruptedRun(int first, int second)
    {
        var corpus = _work.File("corpus.jsonl");
        TestCorpus.Write(corpus, 12_000, dimension: 8, seed: first);
        var source = corpus + "?partition_min_bytes=65536";
        var reference = _work.File("reference.jsonl");
        var resumedTarget = _work.File("resumed.jsonl");
        var (referenceExit, referenceOutput, _) = await FerryProcess.RunAsync(_work.Path, Migrate(source, reference, parallel: second));
        Assert.Equal(0, referenceExit);
        Assert.Equal(second, ProgressLine.Result(referenceOutput).GetProperty("partitions").GetInt32());

        using (var ferry = FerryProcess.Start(_work.Path, Migrate(source, resumedTarget, parallel: first)))
        {
            if (await ferry.WaitForLineAsync(line => ProgressLine.TotalWritten(line) >= 4_000, TimeSpan.FromMinutes(2)))
            {
                await ferry.KillAsync();
            }
        }

        var (exit, output, error) = await FerryProcess.RunAsync(_work.Path, Migrate(source, resumedTarget, parallel: second));

        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        var result = ProgressLine.Result(output);
        Assert.Equal(first, result.GetProperty("partitions").GetInt32());
        JsonlFiles.AssertSameRecords(await JsonlFiles.ReadAsync(reference), await JsonlFiles.ReadAsync(resumedTarget));
        JsonlFiles.AssertSameRecords(await JsonlFiles.ReadAsync(corpus), await JsonlFiles.ReadAsync(resumedTarget));
    }

    [Fact]
    public async Task Migrate_ToFrameKilledTwice_FrameHoldsExactlyTheSource()
    {
        var corpus = _work.File("corpus.jsonl");
        var dataset = _work.File("docs.frame");
        TestCorpus.Write(corpus, 15_000, dimension: 16, seed: 5);
        var source = corpus + "?partition_min_bytes=65536";

        var kills = 0;
        foreach (var killAt in new[] { 4_000, 10_000 })
        {
            using var ferry = FerryProcess.Start(_work.Path, Migrate(source, dataset, parallel: 2));
            if (await ferry.WaitForLineAsync(line => ProgressLine.TotalWritten(line) >= killAt, TimeSpan.FromMinutes(2)))
            {
                await ferry.KillAsync();
                kills++;
            }
            else
            {
                await ferry.WaitAsync(TimeSpan.FromMinutes(1));
            }
        }

        Assert.True(kills >= 1, "the run finished before it could be killed");
        var (exit, output, error) = await FerryProcess.RunAsync(_work.Path, Migrate(source, dataset, parallel: 2));
        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        Assert.True(ProgressLine.Result(output).GetProperty("validation").GetProperty("passed").GetBoolean(), output);

        // Read the dataset back out through the Frame source and compare bit for bit.
        var back = _work.File("back.jsonl");
        (exit, output, error) = await FerryProcess.RunAsync(_work.Path, ["migrate", "--from", dataset, "--to", back]);
        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        JsonlFiles.AssertSameRecords(await JsonlFiles.ReadAsync(corpus), await JsonlFiles.ReadAsync(back));
    }

    public void Dispose() => _work.Dispose();
}
