using Ferry.Files.Splitting;
using Ferry.Files.Tests.Support;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using Ferry.Sdk.Testing;

namespace Ferry.Files.Tests.Wrapping;

public sealed class SplitAndRecoveryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData("json", ".gz")]
    [InlineData("csv", ".br.enc")]
    [InlineData("arrow", "")]
    public async Task Sink_FailsAfterCompletedParts_LeavesThemIntactAndNextRunFinishes(string format, string wrapper)
    {
        var @case = Formats.Get(format);
        var path = _folder.File("run" + @case.Extension + wrapper);
        var records = ConformanceData.CreateRecords(23, ConformanceFeatures.All);
        (string, string)[] options = format == "csv"
            ? [("split_records", "5"), ("key_env", TestKeys.Variable), ("header_types", "true")]
            : [("split_records", "5"), ("key_env", TestKeys.Variable)];

        // First run: 12 records flushed (parts 1 and 2 complete, 2 records of part 3 durable), then 6 more (part 3
        // fills and is completed, part 4 gets 3 that are never flushed), then a failure.
        await using (var sink = @case.Sink.Create(Connectors.Context(path, null, options)))
        {
            await sink.PrepareAsync(ConformanceData.Schema(ConformanceFeatures.All), new SinkPrepareOptions(), CancellationToken.None);
            await sink.UpsertAsync(records.Take(12).ToList(), CancellationToken.None);
            await sink.FlushAsync(CancellationToken.None);
            await sink.UpsertAsync(records.Skip(12).Take(6).ToList(), CancellationToken.None);
        }

        var naming = new PartNaming(path);
        var manifest = PartManifest.Load(naming.ManifestPath);
        Assert.False(manifest.Complete);
        Assert.Equal(3, manifest.Parts.Count);
        Assert.True(manifest.Open is null || manifest.Open.Records == 0);
        foreach (var part in manifest.Parts)
        {
            var bytes = File.ReadAllBytes(naming.PathOf(part.Name));
            Assert.Equal(part.Bytes, bytes.Length);
            Assert.Equal(part.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        }

        // The completed parts read on their own; the unfinished export is refused unless asked for.
        var (_, refused, _) = await Connectors.ReadUntilErrorAsync(@case.Source, Connectors.Context(path, null, options));
        Assert.Contains("has not finished", refused!.Message, StringComparison.Ordinal);
        var partial = await Connectors.ReadAllAsync(@case.Source, Connectors.Context(path, null, [.. options, ("allow_incomplete", "true")]));
        RecordAssert.EquivalentById(records.Take(15), partial);

        // Second run resumes from the engine's last checkpoint (after record 12): records 12..14 come again and are
        // recognised as already written.
        await using (var sink = @case.Sink.Create(Connectors.Context(path, null, options)))
        {
            await sink.PrepareAsync(ConformanceData.Schema(ConformanceFeatures.All), new SinkPrepareOptions { Resuming = true }, CancellationToken.None);
            Assert.Equal(15, await sink.CountAsync(CancellationToken.None));
            await sink.UpsertAsync(records.Skip(12).ToList(), CancellationToken.None);
            await sink.FlushAsync(CancellationToken.None);
        }

        manifest = PartManifest.Load(naming.ManifestPath);
        Assert.True(manifest.Complete);
        Assert.Equal(23, manifest.Records);
        Assert.Null(manifest.Open);
        var all = await Connectors.ReadAllAsync(@case.Source, Connectors.Context(path, null, options));
        Assert.Equal(records.Select(r => r.Id), all.Select(r => r.Id));
        RecordAssert.EquivalentById(records, all);
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.partial"));
    }

    [Fact]
    public async Task Sink_ResumeReplaysUnflushedRecords_FileHasEachRecordOnce()
    {
        var path = _folder.File("single.json.gz.enc");
        var records = ConformanceData.CreateRecords(30, ConformanceFeatures.All);
        var options = new[] { ("key_env", TestKeys.Variable) };
        await using (var sink = Formats.Json.Sink.Create(Connectors.Context(path, null, options)))
        {
            await sink.PrepareAsync(new DatasetSchema(), new SinkPrepareOptions(), CancellationToken.None);
            await sink.UpsertAsync(records.Take(10).ToList(), CancellationToken.None);
            await sink.FlushAsync(CancellationToken.None);
            await sink.UpsertAsync(records.Skip(10).Take(10).ToList(), CancellationToken.None);
        }

        Assert.False(File.Exists(path));
        Assert.True(File.Exists(path + ".ferry-journal.json"));

        // The engine checkpointed after the first flush... or not: it replays from record 5.
        await using (var sink = Formats.Json.Sink.Create(Connectors.Context(path, null, options)))
        {
            await sink.PrepareAsync(new DatasetSchema(), new SinkPrepareOptions { Resuming = true }, CancellationToken.None);
            await sink.UpsertAsync(records.Skip(5).ToList(), CancellationToken.None);
            await sink.FlushAsync(CancellationToken.None);
        }

        Assert.False(File.Exists(path + ".ferry-journal.json"));
        var all = await Connectors.ReadAllAsync(Formats.Json.Source, Connectors.Context(path, null, options));
        Assert.Equal(records.Select(r => r.Id), all.Select(r => r.Id));
        RecordAssert.EquivalentById(records, all);
    }

    [Fact]
    public async Task Sink_ChangedRecord_FinalFileKeepsOnlyTheNewVersion()
    {
        var path = _folder.File("changed.yaml");
        var records = ConformanceData.CreateRecords(12, ConformanceFeatures.All);
        var changed = records[3].Clone();
        changed.Text = "new text";
        await using (var sink = Formats.Yaml.Sink.Create(Connectors.Context(path)))
        {
            await sink.PrepareAsync(new DatasetSchema(), new SinkPrepareOptions(), CancellationToken.None);
            await sink.UpsertAsync(records, CancellationToken.None);
            await sink.UpsertAsync([changed], CancellationToken.None);
            await sink.FlushAsync(CancellationToken.None);
        }

        var all = await Connectors.ReadAllAsync(Formats.Yaml.Source, Connectors.Context(path));
        Assert.Equal(12, all.Count);
        RecordAssert.Equal(changed, all.Single(r => r.Id == changed.Id));
    }

    [Fact]
    public async Task Source_PartChangedAfterWriting_FailsWithManifestMismatch()
    {
        var path = _folder.File("parts.csv");
        await Connectors.WriteAllAsync(Formats.Csv.Sink, Connectors.Context(path, null, ("split_records", "4")), ConformanceData.CreateRecords(12, ConformanceFeatures.All));
        var naming = new PartNaming(path);
        var manifest = PartManifest.Load(naming.ManifestPath);
        var second = naming.PathOf(manifest.Parts[1].Name);
        var bytes = File.ReadAllBytes(second);
        bytes[^3] = (byte)'X';
        File.WriteAllBytes(second, bytes);
        var (records, error, _) = await Connectors.ReadUntilErrorAsync(Formats.Csv.Source, Connectors.Context(naming.ManifestPath));
        var exception = Assert.IsType<FileIntegrityException>(error);
        Assert.Equal(FileIntegrityProblem.PartMismatch, exception.Problem);
        Assert.Contains(manifest.Parts[1].Name, exception.Message, StringComparison.Ordinal);
        Assert.True(records.Count >= 4);

        File.Delete(second);
        var (_, missing, _) = await Connectors.ReadUntilErrorAsync(Formats.Csv.Source, Connectors.Context(path));
        Assert.Contains("does not exist", missing!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Source_ResumeTokenAcrossParts_ContinuesInTheRightPart()
    {
        var path = _folder.File("resume.json.br");
        var records = ConformanceData.CreateRecords(25, ConformanceFeatures.All);
        await Connectors.WriteAllAsync(Formats.Json.Sink, Connectors.Context(path, null, ("split_records", "10")), records);
        await using var source = Formats.Json.Source.Create(Connectors.Context(path));
        var partitions = await source.GetPartitionsAsync(8, CancellationToken.None);
        Assert.Equal(3, partitions.Count);
        var rest = new List<Record>();
        await foreach (var batch in source.ReadAsync(new ReadRequest { Partition = partitions[1], ResumeToken = "1:7" }, CancellationToken.None))
        {
            rest.AddRange(batch.Records);
        }

        Assert.Equal(records.Skip(17).Take(3).Select(r => r.Id), rest.Select(r => r.Id));
        Assert.Equal(25, await source.CountAsync(null, CancellationToken.None));
    }

    public void Dispose() => _folder.Dispose();
}
