using System.Text;
using System.Text.Json;
using Ferry.Core.Jobs;
using Ferry.Core.Pipeline;
using Ferry.Files.Tests.Support;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Testing;

namespace Ferry.Files.Tests.Engine;

/// <summary>
/// Bad input through the migration engine, file to file: a record that cannot be read fails alone and strict, lenient
/// and skip decide what the run does (docs/migration.md); input after which nothing can be trusted stops the run with an
/// error naming the place (docs/formats.md, section 4). Either way, the records the target held before are still there,
/// and the records the run wrote before a stop reach the target when the run is resumed over repaired input.
/// </summary>
public sealed class BadInputMigrationTests : IDisposable
{
    private const int SourceRecords = 60;

    /// <summary>More than the 1,000 records a file source samples to describe itself, so the damage is met mid-run.</summary>
    private const int LongSourceRecords = 1500;
    private static readonly string[] OldIds = ["old-1", "old-2", "old-3", "old-4", "old-5"];

    private readonly TempFolder _folder = new();
    private string _key = TestKeys.HexA;

    [Theory]
    [InlineData("lenient", MigrationOutcome.CompletedWithFailures)]
    [InlineData("skip", MigrationOutcome.Completed)]
    [InlineData("strict", MigrationOutcome.Stopped)]
    public async Task Migrate_CsvWithARaggedRowAndABadCell_TheModeDecidesAndTheTargetKeepsItsRecords(string mode, MigrationOutcome expected)
    {
        var lines = new StringBuilder("id,text,n:integer\n");
        for (var i = 0; i < SourceRecords; i++)
        {
            lines.Append(i switch
            {
                30 => "doc-30,a ragged row\n",
                41 => "doc-41,a bad cell,forty-one\n",
                _ => $"doc-{i},text {i},{i}\n",
            });
        }

        var source = _folder.File("input.csv");
        await File.WriteAllTextAsync(source, lines.ToString());
        var target = await TargetWithOldRecordsAsync();
        var job = Job(source, target);
        job.Errors = JobValues.ParseEnum<ErrorMode>(mode, "--errors");

        var result = await Engine().RunAsync(job);

        Assert.True(result.Outcome == expected, $"{result.Outcome}: {result.Message}");
        var deadLetters = File.ReadAllLines(result.DeadLetterPath!).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(32, deadLetters[0].GetProperty("line").GetInt64());
        Assert.Contains("line 32: ragged row: expected 3 fields (as in the header), got 2", deadLetters[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        var ids = await TargetIdsAsync(target);
        Assert.All(OldIds, id => Assert.Contains(id, ids));
        if (mode == "strict")
        {
            // The run stops at the first failure; the batch read ahead may add its own before it does.
            Assert.DoesNotContain("doc-30", ids);
            return;
        }

        Assert.Equal(2, deadLetters.Count);
        Assert.Equal(43, deadLetters[1].GetProperty("line").GetInt64());
        Assert.Equal("n", deadLetters[1].GetProperty("field").GetString());
        Assert.Equal(mode == "skip" ? 2 : 0, result.Skipped);
        Assert.Equal(mode == "lenient" ? 2 : 0, result.Failed);
        Assert.Equal(SourceRecords - 2 + OldIds.Length, ids.Count);
        Assert.DoesNotContain("doc-30", ids);
        Assert.DoesNotContain("doc-41", ids);
    }

    [Theory]
    [InlineData("truncated-gzip", "input.json.gz", @"gzip data is truncated or damaged: .* compressed byte [\d,]+")]
    [InlineData("broken-json", "input.json", @"invalid JSON at line 1202 \(column \d+\)")]
    [InlineData("broken-xml", "input.xml", @"XML not well-formed at line \d+:\d+")]
    [InlineData("tampered-chunk", "input.json.enc", @"chunk \d+ \(bytes [\d,]+\.\.[\d,]+\) failed authentication")]
    [InlineData("wrong-key", "input.yaml.enc", "was encrypted with another key: the file names key id 'env:FERRY_TEST_KEY'")]
    public async Task Migrate_InputThatCannotBeTrusted_StopsNamingThePlaceAndNothingWrittenIsLost(string damage, string name, string place)
    {
        var records = ConformanceData.CreateRecords(LongSourceRecords, ConformanceFeatures.All);
        var source = _folder.File(name);
        var format = Formats.Get(Path.GetExtension(WrappedName(name)).TrimStart('.'));
        await Connectors.WriteAllAsync(format.Sink, Connectors.Context(source, null, ("key_env", TestKeys.Variable), ("chunk_size", "1024")), records, batch: 10);
        var good = await File.ReadAllBytesAsync(source);
        Damage(damage, source);
        var target = await TargetWithOldRecordsAsync();
        var job = Job(source + "?key_env=" + TestKeys.Variable, target);

        var (error, migrated) = await RunToFailureAsync(job);

        // A permanent connector failure: the host's exit code 8.
        Assert.False(error.IsTransient);
        Assert.Matches(place, error.Message);
        Assert.Contains(Path.GetFileName(source), error.Message, StringComparison.Ordinal);
        if (damage != "wrong-key")
        {
            Assert.True(migrated >= 1000, $"the damage lies after record 1,000, but only {migrated} records were written before it");
        }

        // The target still holds its earlier records, and what the run wrote before the stop is exactly source records.
        var kept = await Connectors.ReadAllAsync(Formats.Yaml.Source, Connectors.Context(target));
        Assert.Equal(OldIds, kept.Where(r => OldIds.Contains(r.Id)).Select(r => r.Id).Order(StringComparer.Ordinal));
        var written = kept.Where(r => !OldIds.Contains(r.Id)).ToList();
        Assert.True(written.Count >= (damage == "wrong-key" ? 0 : 1000), $"{written.Count} records in the target after the stop");
        RecordAssert.EquivalentById(records.Where(r => written.Any(w => w.Id == r.Id)).ToList(), written);

        // Resumed over the repaired input (and the right key), the run finishes: what it wrote before the stop is kept,
        // nothing is written twice, nothing is missing.
        await File.WriteAllBytesAsync(source, good);
        _key = TestKeys.HexA;
        var resumed = await Engine().RunAsync(job);

        Assert.True(resumed.Outcome == MigrationOutcome.Completed, $"{resumed.Outcome}: {resumed.Message}");
        Assert.Equal(damage != "wrong-key", resumed.Resumed);
        var all = await Connectors.ReadAllAsync(Formats.Yaml.Source, Connectors.Context(target));
        Assert.Equal(LongSourceRecords + OldIds.Length, all.Count);
        RecordAssert.EquivalentById(records, all.Where(r => !OldIds.Contains(r.Id)).ToList());
    }

    public void Dispose() => _folder.Dispose();

    private static string WrappedName(string name) => Ferry.Files.Wrapping.WrappedName.Parse(name).BasePath;

    private void Damage(string damage, string path)
    {
        var bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "truncated-gzip":
                File.WriteAllBytes(path, bytes[..(bytes.Length * 9 / 10)]);
                break;
            case "broken-json":
                // Line 1 is "[", record i is on line i + 2: record 1200 loses the commas between its members.
                var lines = File.ReadAllLines(path);
                lines[1201] = lines[1201].Replace(",\"", " \"", StringComparison.Ordinal);
                File.WriteAllLines(path, lines);
                break;
            case "broken-xml":
                var xml = File.ReadAllText(path);
                var at = xml.IndexOf("<record id=\"rec-01200\"", StringComparison.Ordinal);
                File.WriteAllText(path, xml[..at] + "<record><text>bad</txet></record>\n" + xml[at..]);
                break;
            case "tampered-chunk":
                // Header: 12 bytes, the key id, chunk size, nonce prefix and key check (28 bytes); chunks of 4 + 1024 + 16
                // bytes. One ciphertext byte of a chunk at nine tenths of the file flips.
                var header = 12 + bytes[11] + 28;
                var chunk = (bytes.Length - header) / (4 + 1024 + 16) * 9 / 10;
                bytes[header + (chunk * (4 + 1024 + 16)) + 100] ^= 0x01;
                File.WriteAllBytes(path, bytes);
                break;
            case "wrong-key":
                _key = TestKeys.Base64B;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(damage), damage, null);
        }
    }

    /// <summary>
    /// Runs a migration that must fail: a failure found while the source describes itself (it samples its first records)
    /// is thrown, one met while records move ends the run as failed; the host maps both to exit code 8.
    /// </summary>
    private async Task<(ConnectorException Error, long Migrated)> RunToFailureAsync(MigrationJob job)
    {
        MigrationResult result;
        try
        {
            result = await Engine().RunAsync(job);
        }
        catch (ConnectorException thrown)
        {
            return (thrown, 0);
        }

        Assert.True(result.Outcome == MigrationOutcome.Failed, $"{result.Outcome}: {result.Message}");
        var error = Assert.IsAssignableFrom<ConnectorException>(result.Error);
        Assert.Contains(error.Message, result.Message, StringComparison.Ordinal);
        return (error, result.Migrated);
    }

    private async Task<string> TargetWithOldRecordsAsync()
    {
        var target = _folder.File("target.yaml");
        await Connectors.WriteAllAsync(Formats.Yaml.Sink, Connectors.Context(target), OldIds.Select(id => new Record(id) { Text = "was here before" }).ToList());
        return target;
    }

    private static async Task<HashSet<string>> TargetIdsAsync(string target) =>
        (await Connectors.ReadAllAsync(Formats.Yaml.Source, Connectors.Context(target))).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);

    private MigrationJob Job(string source, string target)
    {
        var job = new MigrationJob
        {
            Source = new EndpointSpec(source),
            Target = new EndpointSpec(target),
            StateDirectory = _folder.File(".ferry"),
            BatchSize = 10,
            Parallel = 1,
            TransformParallel = 1,
            ChannelCapacity = 1,
            CheckpointEveryRecords = 100,
        };
        job.Resilience.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
        job.Resilience.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
        return job;
    }

    private MigrationEngine Engine() => new(FileCatalog.Create(), new EngineEnvironment
    {
        WorkingDirectory = _folder.Path,
        Jitter = () => 0.5,
        GetEnvironmentVariable = name => name == TestKeys.Variable ? _key : null,
    });
}
