using System.Composition.Hosting;
using System.Reflection;
using Ferry.Core.Plugins.Loading;
using Ferry.Core.Plugins.Manifest;

namespace Ferry.Core.Plugins;

/// <summary>
/// A plugin that passed every check and whose factories are constructed, living in its own collectible load
/// context until <see cref="Unload"/>.
/// </summary>
public sealed class LoadedPlugin
{
    private PluginLoadContext? _context;
    private CompositionHost? _container;
    private IReadOnlyList<PluginExport> _exports;

    internal LoadedPlugin(PluginManifest manifest, string folder, PluginLoadContext context, CompositionHost container, Assembly entryAssembly, IReadOnlyList<PluginExport> exports)
    {
        Manifest = manifest;
        Folder = folder;
        _context = context;
        _container = container;
        _exports = exports;
        LoadContextName = context.Name ?? manifest.Id;
        EntryAssemblyVersion = entryAssembly.GetName().Version;
    }

    /// <summary>The validated manifest.</summary>
    public PluginManifest Manifest { get; }

    /// <summary>The plugin id.</summary>
    public string Id => Manifest.Id;

    /// <summary>The plugin's folder (full path).</summary>
    public string Folder { get; }

    /// <summary>The name of the plugin's load context (<c>ferry-plugin:&lt;id&gt;</c>).</summary>
    public string LoadContextName { get; }

    /// <summary>The entry assembly's version.</summary>
    public Version? EntryAssemblyVersion { get; }

    /// <summary>The exported factories; empty once unloaded.</summary>
    public IReadOnlyList<PluginExport> Exports => _exports;

    /// <summary>Whether <see cref="Unload"/> was called.</summary>
    public bool IsUnloaded => _context is null;

    /// <summary>
    /// Disposes the plugin's composition container and starts unloading its load context. The context is collected
    /// once nothing references the plugin's types any more: drop every factory and connector obtained from it (and
    /// any <see cref="Catalog.ConnectorCatalog"/> it was registered in). Returns a weak reference to the context so
    /// that a caller can check, after garbage collection, that it is really gone.
    /// </summary>
    public WeakReference Unload()
    {
        var context = _context ?? throw new InvalidOperationException($"Plugin '{Id}' is already unloaded.");
        var weak = new WeakReference(context);
        _container?.Dispose();
        _container = null;
        _exports = [];
        _context = null;
        context.Unload();
        return weak;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Id} {Manifest.Version} ({Folder})";
}
