using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using Ferry.Core.Catalog;
using Ferry.Core.Plugins;
using Ferry.Core.Tests.Plugins.Support;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Xunit;

namespace Ferry.Core.Tests.Plugins;

/// <summary>Real plugins, each in its own collectible load context, sharing only Ferry.Sdk and the framework with the host.</summary>
[Collection(PluginCollection.Name)]
public sealed class PluginIsolationTests
{
    private readonly TestPlugins _plugins;

    public PluginIsolationTests(TestPlugins plugins)
    {
        _plugins = plugins;
    }

    [Fact]
    public async Task LoadFrom_TwoPluginsWithIncompatibleNewtonsoftVersions_EachRunsWithItsOwn()
    {
        var root = _plugins.RootWith("test.json-old", "test.json-new");
        var catalog = new ConnectorCatalog();

        var report = new PluginLoader().LoadFrom([root], catalog);

        Assert.Empty(report.Refused);
        Assert.Equal(["test.json-new", "test.json-old"], report.Loaded.Select(p => p.Id).Order(StringComparer.Ordinal));
        var old = await ProbeAsync(catalog, "jsonold://x");
        var @new = await ProbeAsync(catalog, "jsonnew://x");
        Assert.Equal("12.0.0.0", old["library.version"].AsString());
        Assert.Equal("13.0.0.0", @new["library.version"].AsString());
        Assert.Equal("ferry-plugin:test.json-old", old["library.context"].AsString());
        Assert.Equal("ferry-plugin:test.json-new", @new["library.context"].AsString());
        Assert.Equal("ferry-plugin:test.json-old", old["plugin.context"].AsString());
        Assert.StartsWith(Path.Combine(root, "test.json-old"), old["library.path"].AsString(), StringComparison.Ordinal);
        Assert.StartsWith(Path.Combine(root, "test.json-new"), @new["library.path"].AsString(), StringComparison.Ordinal);

        // Both versions really work, and both plugins see the host's one Ferry.Sdk.
        Assert.Equal("{\"answer\":42}", old["serialized"].AsString());
        Assert.Equal("{\"answer\":42}", @new["serialized"].AsString());
        Assert.Equal("Default", old["sdk.context"].AsString());
        Assert.Equal("Default", @new["sdk.context"].AsString());
    }

    [Fact]
    public async Task LoadFrom_PluginFolderHasItsOwnFerrySdk_HostSdkIsShared()
    {
        var root = _plugins.RootWith("test.json-new");
        File.Copy(typeof(SourceFactory).Assembly.Location, Path.Combine(root, "test.json-new", "Ferry.Sdk.dll"));
        var catalog = new ConnectorCatalog();

        var report = new PluginLoader().LoadFrom([root], catalog);

        Assert.Empty(report.Refused);
        var facts = await ProbeAsync(catalog, "jsonnew://x");
        Assert.Equal("Default", facts["sdk.context"].AsString());
        Assert.IsAssignableFrom<SourceFactory>(report.Loaded[0].Exports[0].Factory);
    }

    [Fact]
    public async Task LoadFrom_PluginWithNativeLibraryInItsFolder_LoadsItThroughItsContext()
    {
        var root = _plugins.RootWith("test.native");
        File.Copy(CompressionLibrary(), Path.Combine(root, "test.native", NativeFileName("ferrytestnative")));
        var catalog = new ConnectorCatalog();

        var report = new PluginLoader().LoadFrom([root], catalog);

        Assert.Empty(report.Refused);
        var facts = await ProbeAsync(catalog, "native://x");
        Assert.Equal(0x3610A686L, facts["crc32"].AsInteger());
    }

    [Fact]
    public void LoadFrom_PluginBorrowingAHostDependency_IsRefused()
    {
        var root = _plugins.RootWith("test.leaky");

        var report = new PluginLoader().LoadFrom([root], new ConnectorCatalog());

        var refusal = Assert.Single(report.Refused);
        Assert.Equal("test.leaky", refusal.PluginId);
        Assert.True(
            refusal.Reasons.Any(r => r.Contains("YamlDotNet", StringComparison.Ordinal) && r.Contains("not in its folder", StringComparison.Ordinal)),
            refusal.Message);
    }

    [Fact]
    public void LoadFrom_SameHostDependencyWithoutStrictIsolation_Loads()
    {
        var root = _plugins.RootWith("test.leaky");

        var report = new PluginLoader(new PluginLoaderOptions { StrictIsolation = false }).LoadFrom([root], new ConnectorCatalog());

        Assert.Empty(report.Refused);
        Assert.Equal("test.leaky", Assert.Single(report.Loaded).Id);
    }

    [Fact]
    public void Unload_AfterUse_LoadContextIsCollected()
    {
        var root = _plugins.RootWith("test.json-new");

        var context = LoadUseAndUnload(root);

        for (var i = 0; context.IsAlive && i < 20; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(context.IsAlive, "The plugin's load context is still alive after unloading and 20 collections.");
    }

    [Fact]
    public void Unload_Twice_Throws()
    {
        var root = _plugins.RootWith("test.json-old");
        var report = new PluginLoader().LoadFrom([root], new ConnectorCatalog());
        var plugin = Assert.Single(report.Loaded);

        plugin.Unload();

        Assert.True(plugin.IsUnloaded);
        Assert.Empty(plugin.Exports);
        Assert.Throws<InvalidOperationException>(() => plugin.Unload());
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadUseAndUnload(string root)
    {
        var catalog = new ConnectorCatalog();
        var report = new PluginLoader().LoadFrom([root], catalog);
        var plugin = Assert.Single(report.Loaded);
        var facts = ProbeAsync(catalog, "jsonnew://x").GetAwaiter().GetResult();
        Assert.Equal("13.0.0.0", facts["library.version"].AsString());
        Assert.NotNull(AssemblyLoadContext.All.FirstOrDefault(c => c.Name == plugin.LoadContextName));
        return plugin.Unload();
    }

    private static async Task<Dictionary<string, MetadataValue>> ProbeAsync(ConnectorCatalog catalog, string location)
    {
        await using var source = catalog.ResolveSource(location).Create(new ConnectorContext(location));
        await foreach (var batch in source.ReadAsync(new ReadRequest(), CancellationToken.None))
        {
            return new Dictionary<string, MetadataValue>(Assert.Single(batch.Records).Metadata);
        }

        throw new InvalidOperationException("The probe source yielded nothing.");
    }

    private static string CompressionLibrary() =>
        Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), NativeFileName("System.IO.Compression.Native"));

    private static string NativeFileName(string name) =>
        OperatingSystem.IsWindows() ? name + ".dll" : OperatingSystem.IsMacOS() ? "lib" + name + ".dylib" : "lib" + name + ".so";
}
