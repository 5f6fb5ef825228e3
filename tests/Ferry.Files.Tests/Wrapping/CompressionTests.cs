using System.IO.Compression;
using Ferry.Files.Compression;
using Ferry.Files.Tests.Support;
using Ferry.Files.Wrapping;
using Ferry.Sdk.Testing;

namespace Ferry.Files.Tests.Wrapping;

public sealed class CompressionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData(".gz", 8)]
    [InlineData(".gz", 2000)]
    [InlineData(".br", 3)]
    [InlineData(".br", 2000)]
    public async Task Read_TruncatedCompressedFile_FailsNamingTheOffset(string suffix, int cut)
    {
        var path = _folder.File("data.csv" + suffix);
        await Connectors.WriteAllAsync(Formats.Csv.Sink, Connectors.Context(path), ConformanceData.CreateRecords(200, ConformanceFeatures.All));
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > cut + 100);
        File.WriteAllBytes(path, bytes[..^cut]);
        var (_, error, _) = await Connectors.ReadUntilErrorAsync(Formats.Csv.Source, Connectors.Context(path), batchSize: 10);
        var exception = Assert.IsType<FileIntegrityException>(error);
        Assert.Equal(FileIntegrityProblem.TruncatedCompression, exception.Problem);
        Assert.Contains("truncated", exception.Message, StringComparison.Ordinal);
        Assert.NotNull(exception.ByteOffset);
    }

    [Fact]
    public async Task Read_ConcatenatedGzipMembers_ReadsAllAndVerifiesLastMember()
    {
        var path = _folder.File("members.json.gz");
        var first = """[{"id":"a","text":"one"},"""u8.ToArray();
        var second = "\n{\"id\":\"b\",\"text\":\"two\"}]\n"u8.ToArray();
        await using (var file = File.Create(path))
        {
            foreach (var part in new[] { first, second })
            {
                using var gzip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true);
                gzip.Write(part);
            }
        }

        var records = await Connectors.ReadAllAsync(Formats.Json.Source, Connectors.Context(path));
        Assert.Equal(["a", "b"], records.Select(r => r.Id));
    }

    [Fact]
    public async Task Read_CorruptGzip_FailsAsCorrupt()
    {
        var path = _folder.File("corrupt.json.gz");
        await Connectors.WriteAllAsync(Formats.Json.Sink, Connectors.Context(path), ConformanceData.CreateRecords(50, ConformanceFeatures.All));
        var bytes = File.ReadAllBytes(path);
        for (var i = 20; i < 60; i++)
        {
            bytes[i] = 0xFF;
        }

        File.WriteAllBytes(path, bytes);
        var (_, error, _) = await Connectors.ReadUntilErrorAsync(Formats.Json.Source, Connectors.Context(path));
        Assert.IsType<FileIntegrityException>(error);
    }

    [Theory]
    [InlineData("out.csv", "gzip")]
    [InlineData("out.csv", "brotli")]
    public async Task Write_CompressionOption_ForcesCompressionWithoutSuffix(string name, string compression)
    {
        var path = _folder.File(name);
        var records = ConformanceData.CreateRecords(20, ConformanceFeatures.All);
        await Connectors.WriteAllAsync(Formats.Csv.Sink, Connectors.Context(path, null, ("compression", compression), ("header_types", "true")), records);
        var head = File.ReadAllBytes(path)[..2];
        Assert.Equal(compression == "gzip", head[0] == 0x1F && head[1] == 0x8B);

        // gzip is recognised by its magic bytes; Brotli has none and needs the option.
        var options = compression == "gzip" ? Array.Empty<(string, string)>() : [("compression", "brotli")];
        RecordAssert.EquivalentById(records, await Connectors.ReadAllAsync(Formats.Csv.Source, Connectors.Context(path, null, options)));
    }

    [Fact]
    public void Name_WrappersInWrongOrder_AreRefused()
    {
        Assert.Equal(CompressionKind.Gzip, WrappedName.Parse("a.json.gz.enc").Compression);
        Assert.True(WrappedName.Parse("a.json.gz.enc").Encrypted);
        Assert.Equal("a.json", WrappedName.Parse("a.json.br").BasePath);
        Assert.Throws<Ferry.Sdk.Errors.ConnectorConfigurationException>(() => WrappedName.Parse("a.json.enc.gz"));
    }

    public void Dispose() => _folder.Dispose();
}
