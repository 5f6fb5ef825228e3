using Ferry.Files.Tests.Support;
using Ferry.Sdk.Testing;

namespace Ferry.Files.Tests.Fidelity;

public sealed class LosslessRoundTripTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var format in Formats.LosslessNames)
        {
            foreach (var wrapper in new[] { string.Empty, ".gz", ".br", ".enc", ".gz.enc" })
            {
                data.Add(format, wrapper);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RoundTrip_EveryKindAndEdgeValue_IsBitExact(string format, string wrapper)
    {
        var @case = Formats.Get(format);
        var records = FidelityData.Create();
        var path = _folder.File("fidelity" + @case.Extension + wrapper);
        var context = Connectors.Context(path, null, ("key_env", TestKeys.Variable));
        await Connectors.WriteAllAsync(@case.Sink, context, records);
        var back = await Connectors.ReadAllAsync(@case.Source, Connectors.Context(path, null, ("key_env", TestKeys.Variable)));
        Assert.Equal(records.Select(r => r.Id), back.Select(r => r.Id));
        RecordAssert.EquivalentById(records, back);
    }

    [Theory]
    [MemberData(nameof(Formats.Lossless), MemberType = typeof(Formats))]
    public async Task RoundTrip_SplitByBytes_ReadsThroughManifestAndTargetName(string format)
    {
        var @case = Formats.Get(format);
        var records = FidelityData.Create(longText: false);
        var path = _folder.File("split" + @case.Extension + ".gz");
        await Connectors.WriteAllAsync(@case.Sink, Connectors.Context(path, null, ("split_bytes", "8K")), records);
        Assert.False(File.Exists(path));
        var manifest = Ferry.Files.Splitting.PartManifest.Load(_folder.File("split.manifest.json"));
        Assert.True(manifest.Complete);
        Assert.True(manifest.Parts.Count >= 3, $"expected several parts, got {manifest.Parts.Count}");
        foreach (var part in manifest.Parts)
        {
            var info = new FileInfo(_folder.File(part.Name));
            Assert.Equal(part.Bytes, info.Length);
            Assert.True(info.Length <= 8192 || part.Records == 1, $"{part.Name} has {info.Length} bytes and {part.Records} records");
        }

        Assert.Equal(records.Count, manifest.Records);
        RecordAssert.EquivalentById(records, await Connectors.ReadAllAsync(@case.Source, Connectors.Context(path)));
        var viaManifest = await Connectors.ReadAllAsync(new Ferry.Plugins.Files.Wrapping.ManifestSourceFactory(), Connectors.Context(_folder.File("split.manifest.json")));
        Assert.Equal(records.Select(r => r.Id), viaManifest.Select(r => r.Id));
    }

    public void Dispose() => _folder.Dispose();
}
