using Ferry.Plugins.Files;
using Ferry.Plugins.Files.Arrow;
using Ferry.Plugins.Files.Csv;
using Ferry.Plugins.Files.Json;
using Ferry.Plugins.Files.Markdown;
using Ferry.Plugins.Files.Xml;
using Ferry.Plugins.Files.Yaml;

namespace Ferry.Files.Tests.Support;

/// <summary>The formats under test, for theories.</summary>
public static class Formats
{
    public static FormatCase Json { get; } = new("json", ".json", new JsonSourceFactory(), new JsonSinkFactory());

    /// <summary>JSON Lines: plain and gzip files go through its dedicated connector, the other wrappers through Ferry.Files.</summary>
    public static FormatCase Jsonl { get; } = new("jsonl", ".jsonl", new JsonlSourceFactory(), new JsonlSinkFactory());

    public static FormatCase Csv { get; } = new("csv", ".csv", new CsvSourceFactory(), new CsvSinkFactory());

    public static FormatCase Tsv { get; } = new("tsv", ".tsv", new TsvSourceFactory(), new TsvSinkFactory());

    public static FormatCase Yaml { get; } = new("yaml", ".yaml", new YamlSourceFactory(), new YamlSinkFactory());

    public static FormatCase Xml { get; } = new("xml", ".xml", new XmlSourceFactory(), new XmlSinkFactory());

    public static FormatCase Markdown { get; } = new("markdown", ".md", new MarkdownSourceFactory(), new MarkdownSinkFactory());

    public static FormatCase Arrow { get; } = new("arrow", ".arrow", new ArrowSourceFactory(), new ArrowSinkFactory());

    /// <summary>Formats that keep every metadata kind and vector bit (docs/formats.md, type fidelity table).</summary>
    public static IReadOnlyList<string> LosslessNames { get; } = ["json", "jsonl", "yaml", "xml", "markdown", "arrow"];

    public static TheoryData<string> Lossless => new(LosslessNames);

    public static FormatCase Get(string name) => name switch
    {
        "json" => Json,
        "jsonl" => Jsonl,
        "csv" => Csv,
        "tsv" => Tsv,
        "yaml" => Yaml,
        "xml" => Xml,
        "markdown" => Markdown,
        "arrow" => Arrow,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown format."),
    };
}
