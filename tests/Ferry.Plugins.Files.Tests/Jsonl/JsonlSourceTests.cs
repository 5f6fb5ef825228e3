using System.IO.Compression;
using System.Text;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Xunit;

namespace Ferry.Plugins.Files.Tests.Jsonl;

public sealed class JsonlSourceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string WriteLines(string name, IEnumerable<string> lines, string newline = "\n")
    {
        var path = _folder.File(name);
        File.WriteAllText(path, string.Join(newline, lines) + newline);
        return path;
    }

    private static IEnumerable<string> Lines(int count) => Enumerable.Range(0, count).Select(i =>
        $"{{\"id\":\"r{i}\",\"text\":\"{new string('x', i % 97)}\",\"metadata\":{{\"i\":{i}}},\"vector\":[{i}.5,-{i}]}}");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public async Task ReadAsync_ByteRangePartitions_EveryLineExactlyOnceInOrder(int partitions)
    {
        var path = WriteLines("p.jsonl", Lines(3000));
        var source = JsonlTestFiles.Source(path, ("partition_min_bytes", "4096"));

        var (records, failures) = await JsonlTestFiles.ReadAllAsync(source, partitions, batchSize: 64);

        Assert.Empty(failures);
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => $"r{i}"), records.Select(r => r.Id));
        Assert.Equal(partitions, (await source.GetPartitionsAsync(partitions, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task ReadAsync_BadLineInALaterPartition_FailureNamesTheAbsoluteLine()
    {
        var lines = Lines(2000).ToList();
        lines[1499] = "{\"id\":\"r1499\",\"text\":\"broken";
        lines.Insert(700, "   ");
        var path = WriteLines("bad.jsonl", lines, "\r\n");
        var source = JsonlTestFiles.Source(path, ("partition_min_bytes", "4096"));

        var (records, failures) = await JsonlTestFiles.ReadAllAsync(source, partitions: 4, batchSize: 50);

        Assert.Equal(1999, records.Count);
        var failure = Assert.Single(failures);
        Assert.Equal(1501, failure.Line);
        Assert.Equal("r1499", failure.RecordId);
        Assert.Contains("line 1501", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'text' is not well-formed JSON", failure.Message, StringComparison.Ordinal);
        Assert.Equal("text", failure.Field);
        Assert.Equal(lines[1500], failure.Raw);
    }

    [Fact]
    public async Task ReadAsync_ResumeFromLastToken_YieldsNothingMore()
    {
        var path = WriteLines("r.jsonl", Lines(100));
        var source = JsonlTestFiles.Source(path);
        string? last = null;
        await foreach (var batch in source.ReadAsync(new ReadRequest { BatchSize = 30 }, CancellationToken.None))
        {
            last = batch.ResumeToken;
        }

        var rest = new List<string>();
        await foreach (var batch in source.ReadAsync(new ReadRequest { BatchSize = 30, ResumeToken = last }, CancellationToken.None))
        {
            rest.AddRange(batch.Records.Select(r => r.Id));
        }

        Assert.Empty(rest);
        Assert.EndsWith(":100", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_ThroughASymbolicLink_ReadsTheTarget()
    {
        var path = WriteLines("real.jsonl", Lines(3000));
        var link = _folder.File("link.jsonl");
        File.CreateSymbolicLink(link, path);

        var (records, failures) = await JsonlTestFiles.ReadAllAsync(JsonlTestFiles.Source(link, ("partition_min_bytes", "4096")), partitions: 3);

        Assert.Empty(failures);
        Assert.Equal(3000, records.Count);
    }

    [Fact]
    public async Task ReadAsync_FileChangedAfterPartitioning_Refused()
    {
        var path = WriteLines("c.jsonl", Lines(500));
        var source = JsonlTestFiles.Source(path, ("partition_min_bytes", "4096"));
        var partitions = await source.GetPartitionsAsync(2, CancellationToken.None);
        await File.AppendAllTextAsync(path, "{\"id\":\"late\"}\n");

        var error = await Assert.ThrowsAsync<ConnectorException>(async () =>
        {
            await foreach (var batch in source.ReadAsync(new ReadRequest { Partition = partitions[1] }, CancellationToken.None))
            {
                Assert.NotNull(batch);
            }
        });
        Assert.Contains("changed since this migration started", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_TruncatedGzip_ClearErrorNamingTheLastLine()
    {
        var path = _folder.File("t.jsonl.gz");
        var payload = Encoding.UTF8.GetBytes(string.Join("\n", Lines(4000)) + "\n");
        using (var memory = new MemoryStream())
        {
            using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(payload);
            }

            var all = memory.ToArray();
            File.WriteAllBytes(path, all[..(all.Length * 2 / 3)]);
        }

        var source = JsonlTestFiles.Source(path);
        var read = 0;
        var error = await Assert.ThrowsAsync<ConnectorException>(async () =>
        {
            await foreach (var batch in source.ReadAsync(new ReadRequest { BatchSize = 100 }, CancellationToken.None))
            {
                read += batch.Records.Count;
            }
        });

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Contains("The last complete line read was line", error.Message, StringComparison.Ordinal);
        Assert.True(read > 0 && read < 4000);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task CountAsync_PlainAndGzip_CountsNonBlankLines()
    {
        var lines = Lines(250).ToList();
        lines.Insert(10, "");
        lines.Insert(20, " \t");
        var plain = WriteLines("n.jsonl", lines);
        var gz = _folder.File("n.jsonl.gz");
        using (var file = File.Create(gz))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(string.Join("\n", lines)));
        }

        Assert.Equal(250, await JsonlTestFiles.Source(plain).CountAsync(null, CancellationToken.None));
        Assert.Equal(250, await JsonlTestFiles.Source(gz).CountAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_LineLongerThanTheBuffer_IsRead()
    {
        var vector = string.Join(",", Enumerable.Range(0, 400_000).Select(i => (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var path = WriteLines("long.jsonl", ["{\"id\":\"small\"}", $"{{\"id\":\"big\",\"vector\":[{vector}]}}", "{\"id\":\"after\"}"]);

        var (records, failures) = await JsonlTestFiles.ReadAllAsync(JsonlTestFiles.Source(path));

        Assert.Empty(failures);
        Assert.Equal(["small", "big", "after"], records.Select(r => r.Id));
        Assert.Equal(400_000, records[1].Vector!.Length);
    }

    [Fact]
    public async Task DescribeAsync_BenchShape_ReportsDimensionAndKinds()
    {
        var path = WriteLines("d.jsonl", Enumerable.Range(0, 10).Select(i => $"{{\"id\":\"{i}\",\"title\":\"t\",\"text\":\"x\",\"metadata\":{{\"year\":{2000 + i},\"score\":0.5,\"tags\":[\"a\"],\"published\":\"2020-01-0{(i % 9) + 1}T00:00:00.000Z\"}},\"embedding\":[1,2,3]}}"));

        var schema = await JsonlTestFiles.Source(path, ("metric", "dot")).DescribeAsync(CancellationToken.None);

        var vector = Assert.Single(schema.Vectors);
        Assert.Equal(("default", 3, Ferry.Sdk.Schema.DistanceMetric.Dot), (vector.Name, vector.Dimension, vector.Metric));
        Assert.Equal(Ferry.Sdk.Records.MetadataKind.Integer, schema.Metadata.Single(m => m.Name == "year").Kind);
        Assert.Equal(Ferry.Sdk.Records.MetadataKind.Timestamp, schema.Metadata.Single(m => m.Name == "published").Kind);
        Assert.Equal(Ferry.Sdk.Records.MetadataKind.String, schema.Metadata.Single(m => m.Name == "tags").ItemKind);
        Assert.True(schema.HasTitle);
        Assert.Null(schema.Count);
    }

    [Fact]
    public void Create_UnknownOption_IsAConfigurationError()
    {
        var error = Assert.Throws<ConnectorConfigurationException>(() => JsonlTestFiles.Source(_folder.File("x.jsonl"), ("timestamp", "auto")));
        Assert.Contains("Unknown JSON Lines option 'timestamp'", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
