using System.Reflection;
using System.Runtime.CompilerServices;
using Ferry.Core.Catalog;
using Ferry.Core.Plugins;
using Ferry.Sdk.Connectors;

namespace Ferry.Host;

/// <summary>
/// Builds the host's catalogue: the built-in connectors first (the Frame store's, found by their export
/// attributes so the host does not depend on their class names), then the plugins of the plugin folders. A
/// refused plugin is a warning on standard error, never a failure of an unrelated command.
/// </summary>
internal static class HostCatalog
{
    /// <summary>The origin of built-in connectors in the catalogue.</summary>
    public const string BuiltInOrigin = "builtin";

    /// <summary>Assemblies shipped with the host whose exported factories are registered as built-ins.</summary>
    private static readonly string[] BuiltInAssemblies = ["Ferry.Frame"];

    private static readonly ConditionalWeakTable<ConnectorCatalog, PluginLoadReport> Reports = new();

    /// <summary>Builds the catalogue; refusals are written to standard error.</summary>
    public static ConnectorCatalog Build(IReadOnlyList<string> extraPluginFolders) => Build(extraPluginFolders, Console.Error);

    /// <summary>Builds the catalogue from the default plugin folders and the extra ones; refusals go to <paramref name="warnings"/>.</summary>
    public static ConnectorCatalog Build(IReadOnlyList<string> extraPluginFolders, TextWriter warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var catalog = new ConnectorCatalog();
        foreach (var problem in RegisterBuiltIns(catalog))
        {
            warnings.WriteLine($"warning: {problem}");
        }

        var report = new PluginLoader().LoadFrom(PluginFolders.Resolve(extraPluginFolders), catalog);
        Reports.AddOrUpdate(catalog, report);
        foreach (var refusal in report.Refused)
        {
            warnings.WriteLine($"warning: {refusal.Message}");
        }

        return catalog;
    }

    /// <summary>The plugin load report of a catalogue built by <see cref="Build(IReadOnlyList{string}, TextWriter)"/>, or <c>null</c>.</summary>
    public static PluginLoadReport? ReportFor(ConnectorCatalog catalog) => Reports.TryGetValue(catalog, out var report) ? report : null;

    /// <summary>Registers the built-in factories; returns the problems (a built-in that fails is reported, not fatal).</summary>
    public static List<string> RegisterBuiltIns(ConnectorCatalog catalog)
    {
        var problems = new List<string>();
        foreach (var name in BuiltInAssemblies)
        {
            Assembly assembly;
            try
            {
                assembly = Assembly.Load(new AssemblyName(name));
            }
            catch (FileNotFoundException)
            {
                continue;
            }

            foreach (var (factoryType, export) in ExportedFactories(assembly))
            {
                try
                {
                    catalog.Register(Activator.CreateInstance(factoryType)!, export, BuiltInOrigin);
                }
                catch (Exception ex) when (ex is TargetInvocationException or MissingMethodException or ConnectorResolutionException)
                {
                    problems.Add($"built-in connector '{export.Name}' ({factoryType.FullName}) is not available: {(ex.InnerException ?? ex).Message}");
                }
            }
        }

        return problems;
    }

    /// <summary>Public, non-abstract factory classes of the assembly that carry the matching export attribute.</summary>
    internal static IEnumerable<(Type Type, ConnectorExportAttribute Export)> ExportedFactories(Assembly assembly)
    {
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (type.IsAbstract || !type.IsClass)
            {
                continue;
            }

            ConnectorExportAttribute? export = typeof(SourceFactory).IsAssignableFrom(type) ? type.GetCustomAttribute<SourceExportAttribute>(inherit: false)
                : typeof(SinkFactory).IsAssignableFrom(type) ? type.GetCustomAttribute<SinkExportAttribute>(inherit: false)
                : typeof(TransformerFactory).IsAssignableFrom(type) ? type.GetCustomAttribute<TransformerExportAttribute>(inherit: false)
                : null;
            if (export is not null)
            {
                yield return (type, export);
            }
        }
    }
}
