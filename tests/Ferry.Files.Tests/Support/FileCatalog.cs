using System.Reflection;
using Ferry.Core.Catalog;
using Ferry.Plugins.Files;
using Ferry.Plugins.Files.Arrow;
using Ferry.Plugins.Files.Csv;
using Ferry.Plugins.Files.Json;
using Ferry.Plugins.Files.Markdown;
using Ferry.Plugins.Files.Wrapping;
using Ferry.Plugins.Files.Xml;
using Ferry.Plugins.Files.Yaml;
using Ferry.Sdk.Connectors;

namespace Ferry.Files.Tests.Support;

/// <summary>The kernel's connector catalogue holding every factory of the files plugin, registered by its export attribute.</summary>
public static class FileCatalog
{
    public static IReadOnlyList<object> Factories { get; } =
    [
        new JsonSourceFactory(), new JsonSinkFactory(), new CsvSourceFactory(), new CsvSinkFactory(), new TsvSourceFactory(), new TsvSinkFactory(),
        new XmlSourceFactory(), new XmlSinkFactory(), new YamlSourceFactory(), new YamlSinkFactory(), new MarkdownSourceFactory(), new MarkdownSinkFactory(),
        new ArrowSourceFactory(), new ArrowSinkFactory(), new ManifestSourceFactory(), new JsonlSourceFactory(), new JsonlSinkFactory(),
    ];

    public static ConnectorCatalog Create()
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
