using System.Reflection;
using Ferry.Core.Catalog;
using Ferry.Plugins.Files.Arrow;
using Ferry.Plugins.Files.Csv;
using Ferry.Plugins.Files.Json;
using Ferry.Plugins.Files.Markdown;
using Ferry.Plugins.Files.Wrapping;
using Ferry.Plugins.Files.Xml;
using Ferry.Plugins.Files.Yaml;
using Ferry.Sdk.Connectors;

namespace Ferry.Files.Tests.Wrapping;

/// <summary>The formats register through their export attributes and resolve by extension (after wrapper suffixes) or --format.</summary>
public sealed class CatalogTests
{
    private static readonly object[] Factories =
    [
        new JsonSourceFactory(), new JsonSinkFactory(), new CsvSourceFactory(), new CsvSinkFactory(), new TsvSourceFactory(), new TsvSinkFactory(),
        new XmlSourceFactory(), new XmlSinkFactory(), new YamlSourceFactory(), new YamlSinkFactory(), new MarkdownSourceFactory(), new MarkdownSinkFactory(),
        new ArrowSourceFactory(), new ArrowSinkFactory(), new ManifestSourceFactory(),
    ];

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
    public void ResolveSource_ByExtension_PicksTheFormat(string location, string expected) =>
        Assert.Equal(expected, Catalog().Resolve(ConnectorKind.Source, location).Name);

    [Theory]
    [InlineData("export.dat", "csv", "csv")]
    [InlineData("export.dat.gz", "tsv", "tsv")]
    [InlineData("./notes/", "markdown", "markdown")]
    [InlineData("out.txt", ".yaml", "yaml")]
    public void ResolveSink_FormatOverride_WinsOverTheName(string location, string format, string expected) =>
        Assert.Equal(expected, Catalog().Resolve(ConnectorKind.Sink, location, format).Name);

    [Fact]
    public void Register_AllFormats_NoClashes() => Assert.Equal(Factories.Length, Catalog().Entries.Count);

    private static ConnectorCatalog Catalog()
    {
        var catalog = new ConnectorCatalog();
        foreach (var factory in Factories)
        {
            var export = factory.GetType().GetCustomAttribute<ConnectorExportAttribute>(inherit: false)!;
            catalog.Register(factory, export, "ferry.files");
        }

        return catalog;
    }
}
