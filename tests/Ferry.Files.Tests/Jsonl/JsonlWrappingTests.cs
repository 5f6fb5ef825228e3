using Ferry.Files.Splitting;
using Ferry.Files.Tests.Conformance;
using Ferry.Files.Tests.Support;
using Ferry.Plugins.Files;
using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Testing;

namespace Ferry.Files.Tests.Jsonl;

/// <summary>The JSON Lines connector writes and reads Brotli, encrypted and split files through the wrapping layer.</summary>
public sealed class JsonlWrappingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData(".jsonl.br", new string[0])]
    [InlineData(".jsonl.gz.enc", new[] { "key_env", TestKeys.Variable })]
    [InlineData(".jsonl", new[] { "split_records", "7" })]
    [InlineData(".jsonl.br.enc", new[] { "key_env", TestKeys.Variable, "split_bytes", "20K" })]
    public async Task RoundTrip_WrappedJsonl_IsBitExact(string suffix, string[] pairs)
    {
        var options = Enumerable.Range(0, pairs.Length / 2).Select(i => (pairs[2 * i], pairs[(2 * i) + 1])).ToArray();
        var records = FidelityData.Create(longText: false);
        var path = _folder.File("data" + suffix);
        await Connectors.WriteAllAsync(new JsonlSinkFactory(), Connectors.Context(path, null, options), records);
        var readOptions = options.Where(o => o.Item1 is "key_env").ToArray();
        RecordAssert.EquivalentById(records, await Connectors.ReadAllAsync(new JsonlSourceFactory(), Connectors.Context(path, null, readOptions)));
        if (options.Any(o => o.Item1.StartsWith("split", StringComparison.Ordinal)))
        {
            var manifest = new PartNaming(path).ManifestPath;
            Assert.Equal("jsonl", PartManifest.Load(manifest).RecordFormat);
            var viaParts = await Connectors.ReadAllAsync(new ManifestSourceFactory(), Connectors.Context(manifest, null, readOptions));
            Assert.Equal(records.Select(r => r.Id), viaParts.Select(r => r.Id));
        }
    }

    [Theory]
    [InlineData(".jsonl")]
    [InlineData(".jsonl.br")]
    public async Task RoundTrip_NaNPayloadsInEveryFloatPlace_AreBitExact(string suffix)
    {
        var record = new Ferry.Sdk.Records.Record("nan");
        record.Vector = [1f, BitConverter.Int32BitsToSingle(0x7FC00123), float.NaN, -0f];
        record.Vectors["named"] = [BitConverter.Int32BitsToSingle(unchecked((int)0xFF800001))];
        record.Sparse["kw"] = new Ferry.Sdk.Records.SparseVector([2u, 5u], [BitConverter.Int32BitsToSingle(0x7FC00456), float.NaN]);
        record.Metadata["payload"] = BitConverter.Int64BitsToDouble(0x7FF8000000000ABCL);
        record.Metadata["default_nan"] = double.NaN;
        record.Metadata["neg_zero"] = Ferry.Sdk.Records.MetadataValue.FromDecimal(decimal.Negate(0.00m));
        var path = _folder.File("nan" + suffix);
        await Connectors.WriteAllAsync(new JsonlSinkFactory(), Connectors.Context(path), [record]);
        RecordAssert.Equal(record, (await Connectors.ReadAllAsync(new JsonlSourceFactory(), Connectors.Context(path))).Single());
    }

    public void Dispose() => _folder.Dispose();
}

public sealed class JsonlEncryptedSplitSinkConformanceTests : FormatSinkConformance
{
    protected override FormatCase Case { get; } = new("jsonl", ".jsonl", new JsonlSourceFactory(), new JsonlSinkFactory());

    protected override string Suffix => ".br.enc";

    protected override (string Key, string Value)[] Options => [("key_env", TestKeys.Variable), ("split_records", "6")];
}

public sealed class JsonlEncryptedSourceConformanceTests : FormatSourceConformance
{
    protected override FormatCase Case { get; } = new("jsonl", ".jsonl", new JsonlSourceFactory(), new JsonlSinkFactory());

    protected override string Suffix => ".gz.enc";
}
