using Ferry.Files.Tests.Support;
using Ferry.Sdk.Testing;

namespace Ferry.Files.Tests.Wrapping;

/// <summary>An export names a file in a folder that need not exist yet (<c>--to ./export/docs.json.gz</c>): the sink creates it.</summary>
public sealed class SinkLocationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData("json", ".gz", false)]
    [InlineData("csv", "", true)]
    [InlineData("xml", ".enc", false)]
    [InlineData("yaml", "", false)]
    [InlineData("markdown", ".br", true)]
    [InlineData("arrow", "", false)]
    [InlineData("jsonl", ".br", false)]
    [InlineData("jsonl", "", false)]
    public async Task Write_IntoAFolderThatDoesNotExist_CreatesItAndWrites(string format, string wrapper, bool split)
    {
        var @case = Formats.Get(format);
        var path = Path.Combine(_folder.Path, "export", "nested", "docs" + @case.Extension + wrapper);
        var records = ConformanceData.CreateRecords(12, ConformanceFeatures.All);
        var options = new List<(string, string)>();
        if (format != "jsonl" || wrapper.Length > 0)
        {
            options.Add(("key_env", TestKeys.Variable));
        }

        if (split)
        {
            options.Add(("split_records", "5"));
        }

        if (format == "csv")
        {
            options.Add(("header_types", "true"));
        }

        await Connectors.WriteAllAsync(@case.Sink, Connectors.Context(path, null, [.. options]), records);

        RecordAssert.EquivalentById(records, await Connectors.ReadAllAsync(@case.Source, Connectors.Context(path, null, [.. options])));
    }

    public void Dispose() => _folder.Dispose();
}
