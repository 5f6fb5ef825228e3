using Ferry.Plugins.Files.Arrow;
using Ferry.Plugins.Files.Csv;
using Ferry.Plugins.Files.Json;
using Ferry.Plugins.Files.Markdown;
using Ferry.Plugins.Files.Xml;
using Ferry.Plugins.Files.Yaml;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;

namespace Ferry.Plugins.Files.Wrapping;

/// <summary>The record formats of this plugin by connector name, for manifests that name the format of their parts.</summary>
internal static class FormatRegistry
{
    private static readonly Dictionary<string, Func<ConnectorOptions, RecordFormat>> Formats = new(StringComparer.OrdinalIgnoreCase)
    {
        [JsonFormat.FormatName] = options => new JsonFormat(options),
        [CsvFormat.CsvName] = options => new CsvFormat(CsvFormat.CsvName, options),
        [CsvFormat.TsvName] = options => new CsvFormat(CsvFormat.TsvName, options),
        [YamlFormat.FormatName] = _ => new YamlFormat(),
        [XmlFormat.FormatName] = _ => new XmlFormat(),
        [MarkdownFormat.FormatName] = options => new MarkdownFormat(options),
        [ArrowFormat.FormatName] = options => new ArrowFormat(options),
        [JsonlFormat.FormatName] = options => new JsonlFormat(options),
    };

    public static RecordFormat Create(string name, ConnectorOptions options) =>
        Formats.TryGetValue(name, out var create)
            ? create(options)
            : throw new ConnectorConfigurationException($"The manifest names record format '{name}', which the files plugin does not read (known: {string.Join(", ", Formats.Keys)}).");

    public static void Register(string name, Func<ConnectorOptions, RecordFormat> create) => Formats[name] = create;
}
