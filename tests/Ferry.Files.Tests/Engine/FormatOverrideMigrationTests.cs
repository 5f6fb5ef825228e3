using Ferry.Core.Jobs;
using Ferry.Core.Pipeline;
using Ferry.Files.Tests.Support;
using Ferry.Sdk.Testing;

namespace Ferry.Files.Tests.Engine;

/// <summary>
/// <c>--from-format</c> / <c>--to-format</c> (<see cref="EndpointSpec.Format"/>) name the connector when the location does
/// not tell: a file with another ending, a folder for the one-file-per-record layout (docs/formats.md, section 1).
/// </summary>
public sealed class FormatOverrideMigrationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Migrate_FormatNamedForFileAndFolder_WritesAndReadsWhatTheNameDoesNotTell()
    {
        var records = ConformanceData.CreateRecords(30, ConformanceFeatures.All);
        var json = _folder.File("input.json");
        await Connectors.WriteAllAsync(Formats.Json.Sink, Connectors.Context(json), records);
        var engine = new MigrationEngine(FileCatalog.Create(), new EngineEnvironment { WorkingDirectory = _folder.Path, Jitter = () => 0.5 });

        // JSON to a CSV file named .dat, then from it (named as CSV again) into a folder of Markdown notes.
        var dat = _folder.File("dump.dat");
        var first = await engine.RunAsync(Job(json, null, dat + "?header_types=true", "csv"));
        Assert.True(first.Outcome == MigrationOutcome.Completed, $"{first.Outcome}: {first.Message}");
        Assert.StartsWith("id,title,text,", await File.ReadAllTextAsync(dat), StringComparison.Ordinal);

        var notes = _folder.File("notes") + "/";
        var second = await engine.RunAsync(Job(dat, ".csv", notes, "markdown"));
        Assert.True(second.Outcome == MigrationOutcome.Completed, $"{second.Outcome}: {second.Message}");
        Assert.Equal(records.Count, Directory.GetFiles(notes, "*.md").Length);
        RecordAssert.EquivalentById(records, await Connectors.ReadAllAsync(Formats.Markdown.Source, Connectors.Context(notes)));

        // Without the format, the name does not tell and the message says which option to use.
        var unnamed = await Assert.ThrowsAsync<Ferry.Core.Catalog.ConnectorResolutionException>(() => engine.RunAsync(Job(dat, null, _folder.File("x.frame2"), "markdown")));
        Assert.Contains("--from-format", unnamed.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private MigrationJob Job(string source, string? sourceFormat, string target, string targetFormat) => new()
    {
        Source = new EndpointSpec(source) { Format = sourceFormat },
        Target = new EndpointSpec(target) { Format = targetFormat },
        StateDirectory = _folder.File(".ferry"),
        BatchSize = 10,
        Parallel = 1,
    };
}
