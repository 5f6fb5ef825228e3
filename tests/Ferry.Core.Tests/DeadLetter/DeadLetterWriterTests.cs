using System.Text.Json;
using Ferry.Core.DeadLetter;
using Ferry.Sdk.Records;
using Xunit;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Core.Tests.DeadLetter;

public sealed class DeadLetterWriterTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ferry-dl-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task FlushAsync_Entries_OneJsonObjectPerLineWithEveryField()
    {
        var path = Path.Combine(_folder, "dl.jsonl");
        var writer = new DeadLetterWriter(path, keepLength: 0);
        var record = new Record("r1") { Text = "t" };
        record.Metadata["when"] = new DateTimeOffset(2021, 5, 6, 7, 8, 9, TimeSpan.Zero);
        record.Metadata["iso-looking"] = "2021-05-06T07:08:09Z";
        record.Metadata["one"] = 1.0;
        writer.Add(new DeadLetterEntry(DeadLetterStage.Write, "refused") { Partition = "p0", RecordId = "r1", Record = record });
        writer.Add(new DeadLetterEntry(DeadLetterStage.Read, "line 7: expected ','") { Line = 7, Field = "metadata", Raw = "{\"id\":\"x\"," });

        Assert.False(File.Exists(path), "entries stay in memory until flushed");
        await writer.FlushAsync(CancellationToken.None);

        var lines = File.ReadAllLines(path);
        Assert.Equal(2, lines.Length);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal("write", first.GetProperty("stage").GetString());
        Assert.Equal("p0", first.GetProperty("partition").GetString());
        var metadata = first.GetProperty("record").GetProperty("metadata");
        Assert.Equal("2021-05-06T07:08:09.0000000+00:00", metadata.GetProperty("when").GetProperty("$timestamp").GetString());
        Assert.Equal("2021-05-06T07:08:09Z", metadata.GetProperty("iso-looking").GetProperty("$string").GetString());
        Assert.Equal("1.0", metadata.GetProperty("one").GetRawText());
        var second = JsonDocument.Parse(lines[1]).RootElement;
        Assert.Equal(7, second.GetProperty("line").GetInt64());
        Assert.Equal("{\"id\":\"x\",", second.GetProperty("raw").GetString());
        Assert.Equal(new FileInfo(path).Length, writer.Length);
        Assert.Equal(2, writer.Count);
    }

    [Fact]
    public async Task Constructor_KeepLength_CutsEntriesPastTheCheckpoint()
    {
        var path = Path.Combine(_folder, "dl.jsonl");
        var writer = new DeadLetterWriter(path, keepLength: 0);
        writer.Add(new DeadLetterEntry(DeadLetterStage.Read, "first"));
        await writer.FlushAsync(CancellationToken.None);
        var checkpointed = writer.Length;
        writer.Add(new DeadLetterEntry(DeadLetterStage.Read, "after the checkpoint"));
        await writer.FlushAsync(CancellationToken.None);

        var resumed = new DeadLetterWriter(path, keepLength: checkpointed);

        Assert.Equal(checkpointed, resumed.Length);
        Assert.Single(File.ReadAllLines(path));
        Assert.Contains("first", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Floats_ShortestRoundTripAndTaggedNonFinite()
    {
        var record = new Record("v");
        record.Vector = [0.1f, -0f, float.NaN, 3.4028235E+38f];
        record.Metadata["nan"] = double.NaN;
        record.Metadata["dec"] = MetadataValue.FromDecimal(1.50m);
        record.Metadata["obj"] = MetadataValue.FromObject([new("$weird", 1L)]);

        var json = JsonDocument.Parse(RecordJsonWriter.ToJson(record)).RootElement;

        Assert.Equal("[0.1,-0,\"NaN\",3.4028235E+38]", json.GetProperty("vector").GetRawText());
        Assert.Equal("NaN", json.GetProperty("metadata").GetProperty("nan").GetProperty("$float").GetString());
        Assert.Equal("1.50", json.GetProperty("metadata").GetProperty("dec").GetProperty("$decimal").GetString());
        Assert.Equal(1, json.GetProperty("metadata").GetProperty("obj").GetProperty("$object").GetProperty("$weird").GetInt64());
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
