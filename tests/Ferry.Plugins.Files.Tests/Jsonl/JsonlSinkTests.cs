using System.IO.Compression;
using System.Text;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using Ferry.Sdk.Testing;
using Xunit;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Plugins.Files.Tests.Jsonl;

public sealed class JsonlSinkTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static async Task<SinkConnector> OpenAsync(string path, bool resuming = false, bool overwrite = false)
    {
        var sink = new JsonlSinkFactory().Create(new ConnectorContext(path));
        await sink.PrepareAsync(new DatasetSchema(), new SinkPrepareOptions { Resuming = resuming, Overwrite = overwrite }, CancellationToken.None);
        return sink;
    }

    [Theory]
    [InlineData("crash.jsonl")]
    [InlineData("crash.jsonl.gz")]
    public async Task PrepareAsync_AfterACrash_CutsTheUnflushedTailAndResumes(string name)
    {
        var path = _folder.File(name);
        var records = ConformanceData.CreateRecords(40, ConformanceFeatures.All);
        var sink = await OpenAsync(path);
        await sink.UpsertAsync(records.Take(20).ToList(), CancellationToken.None);
        await sink.FlushAsync(CancellationToken.None);
        await sink.UpsertAsync(records.Skip(20).Take(10).ToList(), CancellationToken.None);
        await sink.FlushAsync(CancellationToken.None);
        var committed = new FileInfo(path).Length;
        // A crash mid-write: bytes after the last flush, never covered by a checkpoint.
        await File.AppendAllTextAsync(path, "{\"id\":\"torn\",\"text\":\"half a rec");
        // The crashed process never disposed its sink; the sidecar still holds the committed length.

        await using var resumed = await OpenAsync(path, resuming: true);
        Assert.Equal(committed, new FileInfo(path).Length);
        await resumed.UpsertAsync(records.Skip(20).ToList(), CancellationToken.None);
        await resumed.FlushAsync(CancellationToken.None);

        Assert.Equal(40, await resumed.CountAsync(CancellationToken.None));
        var (read, failures) = await JsonlTestFiles.ReadAllAsync(JsonlTestFiles.Source(path));
        Assert.Empty(failures);
        Assert.Equal(40, read.Count);
        RecordAssert.EquivalentById(records, read);
        await sink.DisposeAsync();
    }

    [Fact]
    public async Task FlushAsync_SameIdWrittenTwice_KeepsOnlyTheLatestLine()
    {
        var path = _folder.File("dup.jsonl");
        await using var sink = await OpenAsync(path);
        var first = new Record("a") { Text = "old" };
        var second = new Record("a") { Text = "new" };
        await sink.UpsertAsync([first, new Record("b")], CancellationToken.None);
        await sink.UpsertAsync([second], CancellationToken.None);
        await sink.FlushAsync(CancellationToken.None);

        var lines = File.ReadAllLines(path);
        Assert.Equal(2, lines.Length);
        Assert.Contains(lines, l => l.Contains("\"new\"", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("\"old\"", StringComparison.Ordinal));
        var back = new List<Record>();
        await foreach (var record in sink.ReadByIdsAsync(["a", "b", "zzz"], CancellationToken.None))
        {
            back.Add(record);
        }

        Assert.Equal("new", back.Single(r => r.Id == "a").Text);
        Assert.Equal(2, back.Count);
    }

    [Fact]
    public async Task FlushAsync_Gzip_EveryFlushLeavesAValidGzipFile()
    {
        var path = _folder.File("members.jsonl.gz");
        await using var sink = await OpenAsync(path);
        for (var i = 0; i < 3; i++)
        {
            await sink.UpsertAsync([new Record($"r{i}") { Text = $"t{i}" }], CancellationToken.None);
            await sink.FlushAsync(CancellationToken.None);
            using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            Assert.Equal(i + 1, (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        }
    }

    [Fact]
    public async Task PrepareAsync_ExistingForeignFileWithoutFinalNewline_AppendsOnANewLine()
    {
        var path = _folder.File("foreign.jsonl");
        await File.WriteAllTextAsync(path, "{\"id\":\"x\",\"text\":\"from elsewhere\"}");
        await using (var sink = await OpenAsync(path))
        {
            await sink.UpsertAsync([new Record("y")], CancellationToken.None);
            await sink.FlushAsync(CancellationToken.None);
        }

        Assert.Equal(["{\"id\":\"x\",\"text\":\"from elsewhere\"}", "{\"id\":\"y\"}"], File.ReadAllLines(path));
        Assert.False(File.Exists(path + ".ferry-commit"), "a cleanly finished file needs no commit marker");
    }

    [Fact]
    public async Task Create_BrotliTarget_GoesThroughTheWrappingLayer()
    {
        // Brotli, encryption and splitting are written by the wrapping layer (docs/formats.md; tested in Ferry.Files.Tests).
        await using var sink = new JsonlSinkFactory().Create(new ConnectorContext(_folder.File("x.jsonl.br")));
        Assert.IsNotType<Ferry.Plugins.Files.Internal.Jsonl.JsonlSink>(sink);
    }

    [Fact]
    public async Task UpsertAsync_Floats_WrittenBitExactAndIntegersStayIntegers()
    {
        var path = _folder.File("types.jsonl");
        var record = new Record("t") { Vector = [0.1f, float.Epsilon, -0f, 16777217f, float.MaxValue] };
        record.Metadata["one"] = 1.0;
        record.Metadata["int"] = 1L;
        record.Metadata["tiny"] = double.Epsilon;
        await using (var sink = await OpenAsync(path))
        {
            await sink.UpsertAsync([record], CancellationToken.None);
            await sink.FlushAsync(CancellationToken.None);
        }

        var line = File.ReadAllText(path);
        Assert.Contains("\"one\":1.0", line, StringComparison.Ordinal);
        Assert.Contains("\"int\":1,", line, StringComparison.Ordinal);
        var (read, _) = await JsonlTestFiles.ReadAllAsync(JsonlTestFiles.Source(path));
        Assert.Equal(record.Vector.Select(BitConverter.SingleToInt32Bits), read[0].Vector!.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(MetadataValue.FromFloat(double.Epsilon), read[0].Metadata["tiny"]);
        Assert.Equal(MetadataKind.Float, read[0].Metadata["one"].Kind);
    }

    public void Dispose() => _folder.Dispose();
}
