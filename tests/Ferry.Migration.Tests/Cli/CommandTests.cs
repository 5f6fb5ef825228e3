using System.IO.Compression;
using System.Text.Json;
using Ferry.Host;
using Ferry.Migration.Tests.Support;
using Xunit;

namespace Ferry.Migration.Tests.Cli;

/// <summary>ferry migrate, estimate and validate as a user runs them: the real process over JSON Lines files.</summary>
public sealed class CommandTests : IDisposable
{
    private readonly WorkFolder _work = new();

    private string Corpus(int records = 300, int dimension = 6, Func<int, string?>? replace = null, string name = "corpus.jsonl")
    {
        var path = _work.File(name);
        TestCorpus.Write(path, records, dimension, replaceLine: replace);
        return path;
    }

    private Task<(int ExitCode, string Output, string Error)> Ferry(params string[] args) => FerryProcess.RunAsync(_work.Path, args);

    [Theory]
    [InlineData("lenient", ExitCodes.PartialFailure)]
    [InlineData("skip", ExitCodes.Success)]
    [InlineData("strict", ExitCodes.RecordFailed)]
    public async Task Migrate_CorruptLines_DeadLetterNamesTheLinesAndTheModeSetsTheExitCode(string mode, int expected)
    {
        var corpus = Corpus(replace: i => i switch
        {
            41 => "{\"id\":\"doc-00000041\",\"title\":\"cut here",
            222 => "not json at all",
            _ => null,
        });
        var deadLetter = _work.File("dead.jsonl");

        var (code, output, error) = await Ferry("migrate", "--from", corpus, "--to", _work.File("out.jsonl"), "--errors", mode, "--dead-letter", deadLetter, "--batch-size", "20", "--channel-capacity", "1", "--transform-parallel", "1");

        Assert.True(code == expected, $"exit {code}\n{output}\n{error}");
        var entries = File.ReadAllLines(deadLetter).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(42, entries[0].GetProperty("line").GetInt64());
        Assert.Contains("line 42", entries[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("doc-00000041", entries[0].GetProperty("record_id").GetString());
        Assert.Equal("{\"id\":\"doc-00000041\",\"title\":\"cut here", entries[0].GetProperty("raw").GetString());
        if (mode == "strict")
        {
            Assert.Single(entries);
            Assert.Contains("strict", output, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(2, entries.Count);
            Assert.Equal(223, entries[1].GetProperty("line").GetInt64());
            Assert.Equal(298, File.ReadAllLines(_work.File("out.jsonl")).Length);
            Assert.Contains(mode == "skip" ? "skipped 2" : "failed 2", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Migrate_DryRun_WritesNothingAndShowsWhatItWouldWrite()
    {
        var corpus = Corpus();

        var (code, output, error) = await Ferry("migrate", "--from", corpus, "--to", _work.File("never.jsonl"), "--dry-run", "--json", "--filter", "year >= 2013");

        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        Assert.False(File.Exists(_work.File("never.jsonl")));
        Assert.False(Directory.Exists(_work.File(".ferry")));
        var result = ProgressLine.Result(output);
        Assert.True(result.GetProperty("dry_run").GetBoolean());
        Assert.Equal(300, result.GetProperty("read").GetInt64());
        var migrated = result.GetProperty("migrated").GetInt64();
        Assert.Equal(300, migrated + result.GetProperty("filtered").GetInt64());
        Assert.Equal("pipeline", result.GetProperty("filter_placement").GetString());
        var metadata = result.GetProperty("observed").GetProperty("metadata");
        Assert.Equal("timestamp", metadata.GetProperty("published")[0].GetString());
        Assert.Equal("integer", metadata.GetProperty("year")[0].GetString());
        Assert.Equal("float", metadata.GetProperty("score")[0].GetString());
        Assert.Equal(6, result.GetProperty("observed").GetProperty("vectors").GetProperty("default")[0].GetInt32());
        Assert.Equal(3, result.GetProperty("examples").GetArrayLength());
    }

    [Fact]
    public async Task Estimate_Corpus_ReportsCountDimensionAndProjection()
    {
        var corpus = Corpus(records: 2500, dimension: 16);

        var (code, output, error) = await Ferry("estimate", "--from", corpus, "--json", "--sample", "500");

        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        var estimate = JsonDocument.Parse(output.Split('\n').Last(l => l.Length > 0)).RootElement;
        Assert.Equal(2500, estimate.GetProperty("count").GetInt64());
        Assert.Equal(16, estimate.GetProperty("vectors")[0].GetProperty("dimension").GetInt32());
        Assert.Equal("cosine", estimate.GetProperty("vectors")[0].GetProperty("metric").GetString());
        Assert.True(estimate.GetProperty("sample_read").GetInt64() >= 500);
        Assert.True(estimate.GetProperty("projected_bytes").GetDouble() > 2500 * 16 * 4);
        Assert.True(estimate.GetProperty("projected_read_s").GetDouble() > 0);
    }

    [Fact]
    public async Task Validate_AfterMigrate_PassesThenCatchesATamperedRecord()
    {
        var corpus = Corpus();
        var target = _work.File("v.jsonl");
        Assert.Equal(0, (await Ferry("migrate", "--from", corpus, "--to", target)).ExitCode);

        var (code, output, _) = await Ferry("validate", "--from", corpus, "--to", target, "--level", "full");
        Assert.True(code == 0, output);
        Assert.Contains("full: ok 300 records identical", output, StringComparison.Ordinal);

        var lines = File.ReadAllLines(target);
        lines[10] = lines[10].Replace("\"year\":", "\"year\":1", StringComparison.Ordinal);
        File.WriteAllLines(target, lines);
        var id = JsonDocument.Parse(lines[10]).RootElement.GetProperty("id").GetString();

        (code, output, _) = await Ferry("validate", "--from", corpus, "--to", target, "--level", "full");

        Assert.Equal(ExitCodes.ValidationFailed, code);
        Assert.Contains($"'{id}': metadata.year: expected", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_JobFileWithEnvironmentReferences_RunsAndNamesAMissingVariable()
    {
        var corpus = Corpus();
        var job = _work.File("job.yaml");
        File.WriteAllText(job, $"""
            source:
              location: {corpus}
              options:
                timestamps: ${"{"}env:FERRY_TEST_TIMESTAMPS{"}"}
            target: ${"{"}env:FERRY_TEST_OUT{"}"}/yaml-out.jsonl
            errors: strict
            batch-size: 50
            validate: count
            """);
        var environment = new Dictionary<string, string> { ["FERRY_TEST_TIMESTAMPS"] = "published", ["FERRY_TEST_OUT"] = _work.Path };

        var (code, output, error) = await FerryProcess.RunAsync(_work.Path, ["migrate", "-c", job, "--json"], environment);

        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        var result = ProgressLine.Result(output);
        Assert.Equal(300, result.GetProperty("migrated").GetInt64());
        Assert.Contains("${env:FERRY_TEST_OUT}", result.GetProperty("target").GetString(), StringComparison.Ordinal);
        Assert.Equal(300, File.ReadAllLines(_work.File("yaml-out.jsonl")).Length);
        Assert.DoesNotContain(_work.Path + "/yaml-out", File.ReadAllText(result.GetProperty("checkpoint").GetString()!), StringComparison.Ordinal);

        (code, output, error) = await FerryProcess.RunAsync(_work.Path, ["migrate", "-c", job, "--restart"], new Dictionary<string, string> { ["FERRY_TEST_TIMESTAMPS"] = "published" });

        Assert.Equal(ExitCodes.Configuration, code);
        Assert.Contains("Environment variable 'FERRY_TEST_OUT' is not set", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_RunTwice_SecondRunHasNothingToDoUntilRestart()
    {
        var corpus = Corpus();
        var target = _work.File("twice.jsonl");
        Assert.Equal(0, (await Ferry("migrate", "--from", corpus, "--to", target)).ExitCode);

        var (code, output, _) = await Ferry("migrate", "--from", corpus, "--to", target);
        Assert.Equal(0, code);
        Assert.Contains("Nothing to do", output, StringComparison.Ordinal);

        (code, output, _) = await Ferry("migrate", "--from", corpus, "--to", target, "--restart", "--json");
        Assert.Equal(0, code);
        Assert.Equal(300, ProgressLine.Result(output).GetProperty("migrated").GetInt64());
        Assert.Equal(300, File.ReadAllLines(target).Length);
    }

    [Fact]
    public async Task Migrate_GzipSourceAndTarget_RoundTripsAndATruncatedGzipFailsClearly()
    {
        var corpus = Corpus(records: 2000);
        var gz = _work.File("corpus.jsonl.gz");
        using (var input = File.OpenRead(corpus))
        using (var output = new GZipStream(File.Create(gz), CompressionLevel.Optimal))
        {
            input.CopyTo(output);
        }

        var (code, text, error) = await Ferry("migrate", "--from", gz, "--to", _work.File("copy.jsonl.gz"), "--validate", "full");
        Assert.True(code == 0, $"exit {code}\n{text}\n{error}");
        JsonlFiles.AssertSameRecords(await JsonlFiles.ReadAsync(corpus), await JsonlFiles.ReadAsync(_work.File("copy.jsonl.gz")));

        var bytes = File.ReadAllBytes(gz);
        var cut = _work.File("cut.jsonl.gz");
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        (code, text, error) = await Ferry("migrate", "--from", cut, "--to", _work.File("cut-out.jsonl"));

        Assert.Equal(ExitCodes.ConnectorFailed, code);
        Assert.Contains("truncated", text, StringComparison.Ordinal);
        Assert.Contains("The last complete line read was line", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ExitCodes.Usage, "migrate", "--from", "a.jsonl", "--to", "b.jsonl", "--bogus")]
    [InlineData(ExitCodes.Usage, "migrate", "--from", "a.jsonl", "--to", "b.jsonl", "--errors", "sometimes")]
    [InlineData(ExitCodes.Usage, "migrate", "--from", "corpus.jsonl", "--to", "b.jsonl", "--filter", "year >>= 3")]
    [InlineData(ExitCodes.Usage, "migrate", "--to", "b.jsonl")]
    [InlineData(ExitCodes.Configuration, "migrate", "--from", "nowhere://x", "--to", "b.jsonl")]
    [InlineData(ExitCodes.Configuration, "migrate", "--from", "missing.jsonl", "--to", "b.jsonl")]
    [InlineData(ExitCodes.Configuration, "migrate", "--from", "corpus.jsonl?bogus_option=1", "--to", "b.jsonl")]
    [InlineData(ExitCodes.Configuration, "validate", "--from", "corpus.jsonl", "--to", "b.jsonl", "--level", "search")]
    public async Task Commands_WrongInput_DistinctExitCodes(int expected, params string[] args)
    {
        Corpus();
        var (code, output, error) = await Ferry(args);
        Assert.True(code == expected, $"exit {code}, expected {expected}\n{output}\n{error}");
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.DoesNotContain("internal error", error, StringComparison.Ordinal);
    }

    public void Dispose() => _work.Dispose();
}
