using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace Ferry.Connectors.Tests.Postgres;

/// <summary><c>ferry migrate</c> and <c>ferry validate</c> end to end, PostgreSQL → Frame, through the real host and plugin loader.</summary>
[Collection(PgliteCollection.Name)]
public sealed class MigrateCliTests(PgliteFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ferry-pg-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Migrate_KilledMidRunThenRerun_ResumesAndValidatesFull()
    {
        var from = fixture.Server.Location(PgCorpus.Table);
        var to = Path.Combine(_folder, "docs.frame");
        string[] migrate = ["migrate", "--from", from, "--to", to, "--state-dir", Path.Combine(_folder, "state"), "--json",
            "--batch-size", "250", "--checkpoint-every", "500", "--checkpoint-interval", "1s", "-p", "2", "--progress-interval", "200ms"];

        // First run: killed once a good part is written.
        using (var process = FerryCli.Start(migrate))
        {
            var killedAt = 0L;
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("{\"type\":\"progress\"", StringComparison.Ordinal))
                {
                    using var progress = JsonDocument.Parse(line);
                    var written = progress.RootElement.GetProperty("written").GetInt64();
                    if (written >= 3000)
                    {
                        killedAt = written;
                        process.Kill(entireProcessTree: true);
                        break;
                    }
                }
            }

            await process.WaitForExitAsync();
            output.WriteLine($"killed after {killedAt} records written");
            Assert.InRange(killedAt, 3000, PgliteFixture.CorpusRows - 1);
        }

        // Second run: the same command resumes from the checkpoint and finishes.
        var (code, text) = await FerryCli.RunAsync([.. migrate, "--validate", "full"]);
        output.WriteLine(text[^Math.Min(text.Length, 2000)..]);
        Assert.True(code == 0, $"migrate exited {code}:\n{text}");
        using var result = JsonDocument.Parse(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith("{\"type\":\"result\"", StringComparison.Ordinal)));
        Assert.True(result.RootElement.GetProperty("resumed").GetBoolean());
        Assert.Equal(0, result.RootElement.GetProperty("failed").GetInt64());
        Assert.Equal(PgliteFixture.CorpusRows, result.RootElement.GetProperty("totals").GetProperty("migrated").GetInt64());

        Assert.True(result.RootElement.GetProperty("validation").ToString().Contains("\"passed\":true", StringComparison.Ordinal), result.RootElement.GetProperty("validation").ToString());

    }

    [Fact]
    public async Task Migrate_ValidateSearch_PgvectorAndFrameAgreeOnTopK()
    {
        var to = Path.Combine(_folder, "small.frame");
        var (code, text) = await FerryCli.RunAsync(["migrate", "--from", fixture.Server.Location(fixture.Small.Name), "--to", to,
            "--state-dir", Path.Combine(_folder, "state"), "--json", "--validate", "search", "--search-queries", "10", "--search-k", "5"]);

        Assert.True(code == 0, $"migrate --validate search exited {code}:\n{text}");
        using var result = JsonDocument.Parse(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith("{\"type\":\"result\"", StringComparison.Ordinal)));
        var validation = result.RootElement.GetProperty("validation").ToString();
        output.WriteLine(validation);
        Assert.Contains("\"level\":\"search\"", validation, StringComparison.Ordinal);
        Assert.Contains("\"passed\":true", validation, StringComparison.Ordinal);
    }
}
