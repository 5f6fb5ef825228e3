using System.Text.Json;
using Xunit;

namespace Ferry.Connectors.Tests.Servers;

/// <summary>
/// The end-to-end scenarios every server connector goes through with the real CLI: migrate into a Frame dataset
/// with full validation, and a migration killed mid-way (SIGKILL of the process tree) then resumed by re-running
/// the same command, which must finish with every record exactly once and pass full validation.
/// </summary>
public sealed class MigrateScenario : IDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(10);

    public MigrateScenario()
    {
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "ferry-e2e-" + Guid.NewGuid().ToString("N"));

    /// <summary>Migrates the source into a new Frame dataset with --validate full and checks the result.</summary>
    public async Task<JsonElement> MigrateAndValidateAsync(string source, long expectedRecords)
    {
        var outcome = await FerryProcess.RunAsync(Folder, RunTimeout, "migrate", "--from", source, "--to", "./once.frame", "--validate", "full", "--json", "--parallel", "2");
        var result = outcome.Result;
        Assert.True(outcome.ExitCode == 0, $"ferry migrate exited {outcome.ExitCode}:\n{outcome.Output}\n{outcome.Error}");
        Assert.Equal("completed", result.GetProperty("outcome").GetString());
        Assert.Equal(expectedRecords, result.GetProperty("migrated").GetInt64());
        Assert.Equal(0, result.GetProperty("failed").GetInt64());
        AssertValidated(result.GetProperty("validation"), expectedRecords);
        return result;
    }

    /// <summary>
    /// Migrates the Frame dataset of <see cref="MigrateAndValidateAsync"/> on into <paramref name="copy"/> (the
    /// connector as a target, through the engine), then has <c>ferry validate --level full</c> compare the copy with
    /// the dataset and with the original <paramref name="source"/>: the record survived source → Frame → target.
    /// </summary>
    public async Task CopyBackAndValidateAsync(string source, string copy, long expectedRecords)
    {
        var outcome = await FerryProcess.RunAsync(Folder, RunTimeout, "migrate", "--from", "./once.frame", "--to", copy, "--json", "--parallel", "2", "--write-parallel", "2");
        Assert.True(outcome.ExitCode == 0, $"ferry migrate into the copy exited {outcome.ExitCode}:\n{outcome.Output}\n{outcome.Error}");
        Assert.Equal(expectedRecords, outcome.Result.GetProperty("migrated").GetInt64());
        foreach (var from in new[] { "./once.frame", source })
        {
            var validation = await FerryProcess.RunAsync(Folder, RunTimeout, "validate", "--from", from, "--to", copy, "--level", "full", "--json");
            Assert.True(validation.ExitCode == 0, $"ferry validate --from {from} exited {validation.ExitCode}:\n{validation.Output}\n{validation.Error}");
            AssertValidated(validation.Result.GetProperty("validation"), expectedRecords);
        }
    }

    /// <summary>Kills a migration once it has written <paramref name="killAfter"/> records, re-runs it, and checks the resumed result.</summary>
    public async Task KillAndResumeAsync(string source, long expectedRecords, long killAfter)
    {
        string[] arguments =
        [
            "migrate", "--from", source, "--to", "./resumed.frame", "--json", "--progress-interval", "200ms",
            "--checkpoint-every", "1000", "--batch-size", "500", "--parallel", "2", "--validate", "full",
        ];
        var first = await FerryProcess.RunAsync(Folder, RunTimeout, line => FerryProcess.ProgressAtLeast(line, killAfter), arguments);
        Assert.True(first.Killed, $"The first run finished before it could be killed (exit {first.ExitCode}):\n{first.Output}");
        Assert.True(Directory.EnumerateFiles(Path.Combine(Folder, ".ferry"), "*.checkpoint.json").Any(), "No checkpoint was written before the kill.");

        var second = await FerryProcess.RunAsync(Folder, RunTimeout, arguments);
        var result = second.Result;
        Assert.True(second.ExitCode == 0, $"The resumed ferry migrate exited {second.ExitCode}:\n{second.Output}\n{second.Error}");
        Assert.True(result.GetProperty("resumed").GetBoolean(), "The second run did not resume from the checkpoint.");
        Assert.True(result.GetProperty("migrated").GetInt64() < expectedRecords, "The resumed run migrated everything again.");
        Assert.Equal(expectedRecords, result.GetProperty("totals").GetProperty("migrated").GetInt64());
        AssertValidated(result.GetProperty("validation"), expectedRecords);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    private static void AssertValidated(JsonElement validation, long expectedRecords)
    {
        Assert.Equal("full", validation.GetProperty("level").GetString());
        var checks = validation.GetProperty("checks").EnumerateArray().ToList();
        Assert.True(validation.GetProperty("passed").GetBoolean(), $"Validation failed: {validation}");
        Assert.True(checks.Single(c => c.GetProperty("name").GetString() == "count").GetProperty("passed").GetBoolean());
        var full = checks.Single(c => c.GetProperty("name").GetString() == "full");
        Assert.Equal(expectedRecords, full.GetProperty("compared").GetInt64());
        Assert.Equal(0, full.GetProperty("different").GetInt64());
        Assert.Equal(0, full.GetProperty("missing").GetInt64());
    }
}
