using Ferry.Core.Catalog;
using Ferry.Core.Plugins;
using Ferry.Core.Tests.Plugins.Support;
using Ferry.Sdk.Connectors;
using Xunit;

namespace Ferry.Core.Tests.Plugins;

/// <summary>Broken or incompatible plugins are refused one by one, with a message naming the plugin and the reason, while the rest load.</summary>
[Collection(PluginCollection.Name)]
public sealed class PluginRefusalTests
{
    private readonly TestPlugins _plugins;

    public PluginRefusalTests(TestPlugins plugins)
    {
        _plugins = plugins;
    }

    [Fact]
    public void LoadFrom_MixOfGoodAndBrokenPlugins_LoadsTheGoodOnesAndExplainsEachRefusal()
    {
        var root = _plugins.RootWith("test.json-old", "ferry.sample", "test.sdk-v2", "test.module-init", "test.throwing");
        var invalid = _plugins.Copy("test.json-new", root, "test.invalid-manifest");
        TestPlugins.EditManifest(invalid, "\"version\": \"1.0.0\"", "\"version\": \"one\"");
        var catalog = new ConnectorCatalog();

        var report = new PluginLoader().LoadFrom([root], catalog);

        Assert.Equal(["ferry.sample", "test.json-old"], report.Loaded.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.Equal(4, report.Refused.Count);
        AssertRefused(report, "test.json-new", "$.version", "'one' does not match");
        AssertRefused(report, "test.sdk-v2", "built against Ferry.Sdk 2.0.0 (major version 2)", "this host has Ferry.Sdk 1.0.0");
        AssertRefused(report, "test.module-init", "threw while initializing", "fails while its assembly initializes");
        AssertRefused(report, "test.throwing", "sink factory 'throwing' could not be constructed", "refuses to be constructed");

        // Every message says which plugin, where, and why.
        Assert.All(report.Refused, r => Assert.Contains(r.Folder, r.Message, StringComparison.Ordinal));
        Assert.All(report.Refused, r => Assert.StartsWith($"plugin '{r.DisplayName}'", r.Message, StringComparison.Ordinal));

        // The catalogue has the good plugins' connectors, with the plugin as origin, and nothing of the refused ones.
        Assert.Equal("test.json-old", catalog.Resolve(ConnectorKind.Source, "jsonold://a").Origin);
        Assert.Equal("ferry.sample", catalog.Resolve(ConnectorKind.Source, "sequence://a").Origin);
        Assert.Equal("ferry.sample", catalog.Resolve(ConnectorKind.Sink, "jsondir://a").Origin);
        Assert.Throws<ConnectorResolutionException>(() => catalog.Resolve(ConnectorKind.Sink, "throwing://a"));
        Assert.Throws<ConnectorResolutionException>(() => catalog.Resolve(ConnectorKind.Source, "jsonnew://a"));
        Assert.DoesNotContain(catalog.Entries, e => e.Origin is "test.sdk-v2" or "test.module-init" or "test.throwing" or "test.json-new");
    }

    [Fact]
    public void LoadFrom_ManifestRangeExcludesHostSdk_Refused()
    {
        var root = _plugins.NewRoot();
        var folder = _plugins.Copy("test.json-old", root);
        TestPlugins.EditManifest(folder, "\">=1.0 <2.0\"", "\">=2.0 <3.0\"");

        var report = new PluginLoader().LoadFrom([root], new ConnectorCatalog());

        AssertRefused(report, "test.json-old", "built for Ferry.Sdk >=2.0 <3.0, which excludes this host's Ferry.Sdk 1.0.0");
    }

    [Fact]
    public void LoadFrom_HostOfAnotherSdkMajor_RefusesPluginBuiltForMajorOne()
    {
        var root = _plugins.RootWith("test.json-old");

        var report = new PluginLoader(new PluginLoaderOptions { HostSdkVersion = new Version(2, 0, 0) }).LoadFrom([root], new ConnectorCatalog());

        // The manifest range already excludes 2.0; the message says so.
        AssertRefused(report, "test.json-old", "which excludes this host's Ferry.Sdk 2.0.0");
    }

    [Fact]
    public void LoadFrom_ManifestWidenedToSdkTwo_StillRefusedByCompiledReference()
    {
        var root = _plugins.RootWith("test.json-old");
        TestPlugins.EditManifest(Path.Combine(root, "test.json-old"), "\">=1.0 <2.0\"", "\">=1.0 <3.0\"");

        var report = new PluginLoader(new PluginLoaderOptions { HostSdkVersion = new Version(2, 0, 0) }).LoadFrom([root], new ConnectorCatalog());

        AssertRefused(report, "test.json-old", "was built against Ferry.Sdk 1.0.0 (major version 1), but this host has Ferry.Sdk 2.0.0 (major version 2)");
    }

    [Fact]
    public void LoadFrom_DuplicatePluginId_SecondRefused()
    {
        var root = _plugins.NewRoot();
        _plugins.Copy("test.json-old", root, "a-first");
        _plugins.Copy("test.json-old", root, "b-second");

        var report = new PluginLoader().LoadFrom([root], new ConnectorCatalog());

        Assert.Equal(Path.Combine(root, "a-first"), Assert.Single(report.Loaded).Folder);
        var refusal = Assert.Single(report.Refused);
        Assert.Equal(Path.Combine(root, "b-second"), refusal.Folder);
        Assert.Contains($"duplicate plugin id 'test.json-old': a plugin with this id is already loaded from {Path.Combine(root, "a-first")}", refusal.Reasons);
    }

    [Fact]
    public void LoadFrom_DuplicateConnector_SecondPluginRefusedWholly()
    {
        var root = _plugins.NewRoot();
        _plugins.Copy("test.json-old", root, "a-first");
        var clone = _plugins.Copy("test.json-old", root, "b-clone");
        TestPlugins.EditManifest(clone, "\"test.json-old\"", "\"test.json-clone\"");
        var catalog = new ConnectorCatalog();

        var report = new PluginLoader().LoadFrom([root], catalog);

        AssertRefused(report, "test.json-clone", "connector clash", "already provided by test.json-old");
        Assert.Single(catalog.Entries);
    }

    [Fact]
    public void LoadFrom_ConnectorClashesWithBuiltIn_Refused()
    {
        var catalog = new ConnectorCatalog();
        catalog.Register(new BuiltInSequence(), new SourceExportAttribute("builtin-seq") { Schemes = ["sequence"] }, "builtin");
        var root = _plugins.RootWith("ferry.sample");

        var report = new PluginLoader().LoadFrom([root], catalog);

        AssertRefused(report, "ferry.sample", "scheme 'sequence' is already provided by builtin");

        // All or nothing: the sample's sink, which does not clash, was not registered either.
        Assert.Single(catalog.Entries);
    }

    [Fact]
    public void LoadFrom_ExportsDifferFromManifest_RefusedWithBothSides()
    {
        var root = _plugins.NewRoot();
        var renamed = _plugins.Copy("test.json-old", root, "renamed");
        TestPlugins.EditManifest(renamed, "\"name\": \"json-old\"", "\"name\": \"json-other\"");
        var schemes = _plugins.Copy("test.json-new", root, "schemes");
        TestPlugins.EditManifest(schemes, "\"schemes\": [ \"jsonnew\" ]", "\"schemes\": [ \"jsonnew\", \"extra\" ]");

        var report = new PluginLoader().LoadFrom([root], new ConnectorCatalog());

        AssertRefused(
            report,
            "test.json-old",
            "the assembly exports source 'json-old' (Ferry.TestPlugins.JsonOldSourceFactory) that plugin.json does not list under provides.sources",
            "plugin.json lists source 'json-other' under provides.sources, but the assembly exports no such source");
        AssertRefused(report, "test.json-new", "source 'json-new': schemes differ: plugin.json says [extra, jsonnew], the export attribute says [jsonnew]");
    }

    [Fact]
    public void LoadFrom_EntryAssemblyMissingOrCorrupt_Refused()
    {
        var root = _plugins.NewRoot();
        var missing = _plugins.Copy("test.json-old", root, "missing");
        File.Delete(Path.Combine(missing, "Ferry.TestPlugins.JsonOld.dll"));
        var corrupt = _plugins.Copy("test.json-new", root, "corrupt");
        File.WriteAllBytes(Path.Combine(corrupt, "Ferry.TestPlugins.JsonNew.dll"), [0x4D, 0x5A, 1, 2, 3, 4, 5, 6, 7, 8]);

        var report = new PluginLoader().LoadFrom([root], new ConnectorCatalog());

        Assert.Empty(report.Loaded);
        AssertRefused(report, "test.json-old", "entry assembly Ferry.TestPlugins.JsonOld.dll named in plugin.json is not in the folder");
        AssertRefused(report, "test.json-new", "Ferry.TestPlugins.JsonNew.dll is not a valid .NET assembly");
    }

    [Fact]
    public void LoadFrom_DependencyMissing_RefusedAsTypeLoadFailure()
    {
        var root = _plugins.NewRoot();
        var folder = _plugins.Copy("test.json-new", root);
        File.Delete(Path.Combine(folder, "Newtonsoft.Json.dll"));

        var report = new PluginLoader().LoadFrom([root], new ConnectorCatalog());

        AssertRefused(report, "test.json-new", "type load failure in Ferry.TestPlugins.JsonNew", "Newtonsoft.Json");
    }

    [Fact]
    public void LoadFrom_FolderWithoutManifest_RefusedByFolderName()
    {
        var root = _plugins.NewRoot();
        Directory.CreateDirectory(Path.Combine(root, "stray"));
        Directory.CreateDirectory(Path.Combine(root, ".hidden"));

        var report = new PluginLoader().LoadFrom([root], new ConnectorCatalog());

        var refusal = Assert.Single(report.Refused);
        Assert.Null(refusal.PluginId);
        Assert.Equal("stray", refusal.DisplayName);
        Assert.Contains("no plugin.json in the folder", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindPluginFolders_RootIsAPluginFolder_ReturnsIt()
    {
        var root = _plugins.RootWith("test.json-old");
        var plugin = Path.Combine(root, "test.json-old");

        var folders = PluginLoader.FindPluginFolders([plugin, root, Path.Combine(root, "does-not-exist")]);

        Assert.Equal([plugin], folders);
    }

    private static void AssertRefused(PluginLoadReport report, string id, params string[] fragments)
    {
        var refusal = report.Refused.FirstOrDefault(r => r.PluginId == id);
        Assert.True(refusal is not null, $"Plugin '{id}' was not refused. Refused: {string.Join(" | ", report.Refused.Select(r => r.Message))}");
        foreach (var fragment in fragments)
        {
            Assert.True(refusal.Message.Contains(fragment, StringComparison.Ordinal), $"The refusal of '{id}' does not say \"{fragment}\": {refusal.Message}");
        }
    }

    private sealed class BuiltInSequence : SourceFactory
    {
        public override SourceConnector Create(ConnectorContext context) => throw new NotSupportedException();
    }
}
