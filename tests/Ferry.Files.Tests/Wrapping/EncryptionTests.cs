using System.Text;
using Ferry.Files.Encryption;
using Ferry.Files.Tests.Support;
using Ferry.Files.Wrapping;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Testing;

namespace Ferry.Files.Tests.Wrapping;

public sealed class EncryptionTests : IDisposable
{
    private const int ChunkSize = 1024;
    private readonly TempFolder _folder = new();

    [Fact]
    public void Stream_RoundTrip_ManyChunksAndShortFlushedChunks()
    {
        var path = _folder.File("data.bin.enc");
        var data = new byte[10_000];
        new Random(7).NextBytes(data);
        var writer = WrappedFileWriter.Create(path, new WriteSettings { Encryption = TestKeys.KeyA, ChunkSize = ChunkSize });
        writer.Stream.Write(data, 0, 3000);
        writer.Flush();
        writer.Stream.Write(data, 3000, 7000);
        var written = writer.Complete();
        Assert.Equal(new FileInfo(path).Length, written.Bytes);
        using var reader = WrappedFileReader.Open(path, new ReadSettings { Key = () => TestKeys.KeyA });
        var back = new MemoryStream();
        reader.CopyTo(back);
        Assert.Equal(data, back.ToArray());
        Assert.Equal("FERRYENC"u8.ToArray(), File.ReadAllBytes(path)[..8]);
    }

    [Fact]
    public async Task Read_WrongKey_FailsBeforeAnyRecordNamingKeyIds()
    {
        var path = await WriteRecordsAsync("wrong.json.enc", 30);
        var (records, error, _) = await Connectors.ReadUntilErrorAsync(Formats.Json.Source, Connectors.Context(path, TestKeys.Secrets(TestKeys.Base64B), ("key_env", TestKeys.Variable)));
        Assert.Empty(records);
        var exception = Assert.IsType<FileIntegrityException>(error);
        Assert.Equal(FileIntegrityProblem.WrongKey, exception.Problem);
        Assert.Contains("env:FERRY_TEST_KEY", exception.Message, StringComparison.Ordinal);
        Assert.Contains("another key", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(7)]
    public async Task Read_TamperedChunk_NamesChunkAndImportsNothingFromItOn(int chunk)
    {
        var path = await WriteRecordsAsync("tampered.json.enc", 40);
        var plain = Decrypt(path);
        var headerLength = HeaderLength(path);
        var bytes = File.ReadAllBytes(path);

        // Flip one ciphertext byte in the middle of chunk N (every chunk before the last flush is full).
        var chunkStart = headerLength + ((long)chunk * (4 + ChunkSize + 16));
        bytes[chunkStart + 4 + (ChunkSize / 2)] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        var (records, error, _) = await Connectors.ReadUntilErrorAsync(Formats.Json.Source, Connectors.Context(path, null, ("key_env", TestKeys.Variable)));
        var exception = Assert.IsType<FileIntegrityException>(error);
        Assert.Equal(FileIntegrityProblem.TamperedChunk, exception.Problem);
        Assert.Equal(chunk, exception.ChunkIndex);
        Assert.Contains($"chunk {chunk}", exception.Message, StringComparison.Ordinal);

        // Every record delivered ends before the plaintext of the tampered chunk; none of it was read.
        var limit = (long)chunk * ChunkSize;
        foreach (var record in records)
        {
            var line = Encoding.UTF8.GetBytes("{\"id\":\"" + record.Id + "\"");
            var at = plain.AsSpan().IndexOf(line);
            Assert.True(at >= 0);
            var end = at + plain.AsSpan(at).IndexOf((byte)'\n');
            Assert.True(end <= limit, $"record {record.Id} ends at plaintext byte {end}, inside or after chunk {chunk} (from {limit}).");
        }

        if (chunk >= 3)
        {
            Assert.NotEmpty(records);
        }
    }

    [Fact]
    public async Task Read_CutAtChunkBoundary_IsTruncated()
    {
        var path = await WriteRecordsAsync("cut.json.enc", 40);
        var headerLength = HeaderLength(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(int)(headerLength + (3 * (4 + ChunkSize + 16)))]);
        var (_, error, _) = await Connectors.ReadUntilErrorAsync(Formats.Json.Source, Connectors.Context(path, null, ("key_env", TestKeys.Variable)));
        var exception = Assert.IsType<FileIntegrityException>(error);
        Assert.Equal(FileIntegrityProblem.TruncatedEncryption, exception.Problem);
        Assert.Contains("truncated", exception.Message, StringComparison.Ordinal);
        Assert.Equal(2, exception.ChunkIndex);
    }

    [Fact]
    public async Task Read_CutInsideChunk_IsTruncated()
    {
        var path = await WriteRecordsAsync("cut2.json.enc", 40);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var (_, error, _) = await Connectors.ReadUntilErrorAsync(Formats.Json.Source, Connectors.Context(path, null, ("key_env", TestKeys.Variable)));
        Assert.Equal(FileIntegrityProblem.TruncatedEncryption, Assert.IsType<FileIntegrityException>(error).Problem);
    }

    [Fact]
    public async Task Read_BytesAppendedAfterFinalChunk_IsTampering()
    {
        var path = await WriteRecordsAsync("appended.json.enc", 10);
        File.AppendAllText(path, "more bytes");
        var (_, error, _) = await Connectors.ReadUntilErrorAsync(Formats.Json.Source, Connectors.Context(path, null, ("key_env", TestKeys.Variable)));
        Assert.Equal(FileIntegrityProblem.TamperedChunk, Assert.IsType<FileIntegrityException>(error).Problem);
    }

    [Fact]
    public async Task Read_HeaderChanged_FailsChunkZero()
    {
        var path = await WriteRecordsAsync("header.json.enc", 10);
        var bytes = File.ReadAllBytes(path);
        var chunkSizeAt = 12 + "env:FERRY_TEST_KEY".Length;
        bytes[chunkSizeAt + 1] ^= 0x08; // 1024 -> 3072: still a legal chunk size, but not the one authenticated
        File.WriteAllBytes(path, bytes);
        var (records, error, _) = await Connectors.ReadUntilErrorAsync(Formats.Json.Source, Connectors.Context(path, null, ("key_env", TestKeys.Variable)));
        Assert.Empty(records);
        var exception = Assert.IsType<FileIntegrityException>(error);
        Assert.Equal(0, exception.ChunkIndex);
    }

    [Fact]
    public async Task Key_FromKeyFile_AndNeverFromOptions()
    {
        var keyFile = _folder.File("key.txt");
        await File.WriteAllTextAsync(keyFile, TestKeys.Base64B + "\n");
        var records = FidelityData.Create(longText: false);
        var path = _folder.File("keyfile.yaml.enc");
        await Connectors.WriteAllAsync(Formats.Yaml.Sink, Connectors.Context(path, _ => null, ("key_file", keyFile)), records);
        RecordAssert.EquivalentById(records, await Connectors.ReadAllAsync(Formats.Yaml.Source, Connectors.Context(path, _ => null, ("key_file", keyFile))));

        var missing = Assert.Throws<ConnectorConfigurationException>(() => new Ferry.Plugins.Files.Yaml.YamlSinkFactory().Create(Connectors.Context(path, _ => null, ("key", TestKeys.HexA))));
        Assert.Contains("never go on a command line", missing.Message, StringComparison.Ordinal);

        var (_, error, _) = await Connectors.ReadUntilErrorAsync(Formats.Yaml.Source, Connectors.Context(path, _ => null));
        Assert.Contains("FERRY_ENCRYPTION_KEY", Assert.IsType<ConnectorConfigurationException>(error).Message, StringComparison.Ordinal);
    }

    private async Task<string> WriteRecordsAsync(string name, int count)
    {
        var path = _folder.File(name);
        var records = ConformanceData.CreateRecords(count, ConformanceFeatures.All);
        await Connectors.WriteAllAsync(Formats.Json.Sink, Connectors.Context(path, null, ("key_env", TestKeys.Variable), ("chunk_size", ChunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture))), records);
        return path;
    }

    private static byte[] Decrypt(string path)
    {
        using var stream = WrappedFileReader.Open(path, new ReadSettings { Key = () => EncryptionKey.Parse(TestKeys.HexA, "x", "test") });
        var plain = new MemoryStream();
        stream.CopyTo(plain);
        return plain.ToArray();
    }

    private static long HeaderLength(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return 12 + bytes[11] + 4 + 8 + 16;
    }

    public void Dispose() => _folder.Dispose();
}
