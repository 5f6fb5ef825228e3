using System.Reflection;
using System.Runtime.Loader;

namespace Ferry.Core.Plugins.Loading;

/// <summary>
/// The collectible load context of one plugin. The plugin's own dependencies resolve from its folder (through its
/// deps.json, then by file name), so two plugins can use different versions of the same library; Ferry.Sdk always
/// comes from the host so that factory and record types are the host's types; framework assemblies come from the
/// host's framework. Anything else the host happens to have is NOT handed out: a plugin must ship it.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    /// <summary>The one assembly plugins share with the host.</summary>
    public const string SdkAssemblyName = "Ferry.Sdk";

    private readonly AssemblyDependencyResolver _resolver;
    private readonly string _folder;
    private readonly string _pluginId;
    private readonly bool _strict;
    private readonly List<string> _blocked = [];

    public PluginLoadContext(string pluginId, string entryAssemblyPath, bool strictIsolation)
        : base($"ferry-plugin:{pluginId}", isCollectible: true)
    {
        _pluginId = pluginId;
        _folder = Path.GetDirectoryName(Path.GetFullPath(entryAssemblyPath))!;
        _resolver = new AssemblyDependencyResolver(entryAssemblyPath);
        _strict = strictIsolation;
    }

    /// <summary>Host assemblies the plugin asked for and was refused (it must ship them).</summary>
    public IReadOnlyList<string> BlockedAssemblies
    {
        get
        {
            lock (_blocked)
            {
                return [.. _blocked.Distinct(StringComparer.Ordinal)];
            }
        }
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name;
        if (name is null || string.Equals(name, SdkAssemblyName, StringComparison.OrdinalIgnoreCase))
        {
            // Shared: a copy in the plugin folder is ignored, otherwise SourceFactory in the plugin would be a
            // different type from SourceFactory in the host.
            return null;
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        if (path is not null)
        {
            return LoadFromAssemblyPath(path);
        }

        var local = Path.Combine(_folder, name + ".dll");
        if (File.Exists(local))
        {
            return LoadFromAssemblyPath(local);
        }

        if (_strict && FrameworkAssemblies.IsHostPrivate(name))
        {
            // The runtime may report the failure with its own generic message, so the loader also reads this list.
            lock (_blocked)
            {
                _blocked.Add(assemblyName.FullName);
            }

            throw new FileNotFoundException(
                $"Plugin '{_pluginId}' needs '{assemblyName.FullName}', which is not in its folder. Plugins share only Ferry.Sdk and the .NET framework with the host; ship the dependency with the plugin.",
                name);
        }

        // Framework assemblies (and names nobody has, which then fail to load as usual).
        return null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        if (path is not null)
        {
            return LoadUnmanagedDllFromPath(path);
        }

        // Native libraries copied beside the plugin without a deps.json entry: try the platform's file names.
        foreach (var candidate in NativeFileNames(unmanagedDllName))
        {
            var local = Path.Combine(_folder, candidate);
            if (File.Exists(local))
            {
                return LoadUnmanagedDllFromPath(local);
            }
        }

        return IntPtr.Zero;
    }

    private static IEnumerable<string> NativeFileNames(string name)
    {
        yield return name;
        if (OperatingSystem.IsWindows())
        {
            yield return name + ".dll";
        }
        else if (OperatingSystem.IsMacOS())
        {
            yield return name + ".dylib";
            yield return "lib" + name + ".dylib";
        }
        else
        {
            yield return name + ".so";
            yield return "lib" + name + ".so";
        }
    }
}
