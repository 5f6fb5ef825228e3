using Ferry.Core.Catalog;
using Ferry.Files.Tests.Support;

namespace Ferry.Files.Tests.Wrapping;

/// <summary>The formats register through their export attributes and resolve by extension (after wrapper suffixes) or --from-format/--to-format.</summary>
public sealed class CatalogTests
{
    [Theory]
    [InlineData("data/out.json", "json")]
    [InlineData("data/out.json.gz.enc", "json")]
    [InlineData("out.csv.br", "csv")]
    [InlineData("out.TSV.gz", "tsv")]
    [InlineData("out.xml.enc", "xml")]
    [InlineData("out.yml", "yaml")]
    [InlineData("notes.md", "markdown")]
    [InlineData("table.feather", "arrow")]
    [InlineData("table.arrow.gz", "arrow")]
    [InlineData("out.manifest.json", "parts")]
    [InlineData("dump.jsonl.br.enc", "jsonl")]
    public void ResolveSource_ByExtension_PicksTheFormat(string location, string expected) =>
        Assert.Equal(expected, Catalog().Resolve(ConnectorKind.Source, location).Name);

    [Theory]
    [InlineData("export.dat", "csv", "csv")]
    [InlineData("export.dat.gz", "tsv", "tsv")]
    [InlineData("./notes/", "markdown", "markdown")]
    [InlineData("out.txt", ".yaml", "yaml")]
    public void ResolveSink_FormatOverride_WinsOverTheName(string location, string format, string expected) =>
        Assert.Equal(expected, Catalog().Resolve(ConnectorKind.Sink, location, format).Name);

    [Theory]
    [InlineData(ConnectorKind.Source, "--from-format")]
    [InlineData(ConnectorKind.Sink, "--to-format")]
    public void Resolve_UnknownEnding_NamesTheOptionOfTheCommandLine(ConnectorKind kind, string option)
    {
        var error = Assert.Throws<ConnectorResolutionException>(() => Catalog().Resolve(kind, "export.dat"));
        Assert.Contains($"Use {option} (format: in a job file)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_AllFormats_NoClashes() => Assert.Equal(FileCatalog.Factories.Count, Catalog().Entries.Count);

    private static ConnectorCatalog Catalog() => FileCatalog.Create();
}
