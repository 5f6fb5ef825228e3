using System.Composition.Hosting;
using System.Reflection;
using System.Runtime.CompilerServices;
using Ferry.Core.Catalog;
using Ferry.Core.Plugins.Loading;
using Ferry.Core.Plugins.Manifest;
using Ferry.Sdk.Connectors;

namespace Ferry.Core.Plugins;

/// <summary>
/// Discovers, checks, isolates and composes plugins, and registers their factories in a
/// <see cref="ConnectorCatalog"/>. Each plugin is checked in this order and refused at the first failing step,
/// while the others still load: manifest (schema), duplicate id, SDK range, the Ferry.Sdk version its assemblies
/// were compiled against, loading the entry assembly into its own collectible load context, composing and
/// constructing its factories, exports matching the manifest, and registering without clashing with a connector
/// already in the catalogue. A refused plugin's load context is unloaded.
/// </summary>
public sealed class PluginLoader
{
    private readonly PluginLoaderOptions _options;

    /// <summary>Creates a loader.</summary>
    public PluginLoader(PluginLoaderOptions? options = null)
    {
        _options = options ?? new PluginLoaderOptions();
    }

    /// <summary>
    /// The plugin folders under the roots, in order, without duplicates: a root holding a plugin.json is itself a
    /// plugin folder; otherwise each of its sub-folders (sorted by name, hidden ones skipped) is one. Missing roots
    /// are skipped.
    /// </summary>
    public static IReadOnlyList<string> FindPluginFolders(IEnumerable<string> roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var seen = new HashSet<string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        var folders = new List<string>();
        foreach (var root in roots)
        {
            if (string.IsNullOrWhiteSpace(root) || !Directory.Exists(root))
            {
                continue;
            }

            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
            if (File.Exists(Path.Combine(full, PluginManifest.FileName)))
            {
                if (seen.Add(full))
                {
                    folders.Add(full);
                }

                continue;
            }

            foreach (var sub in Directory.EnumerateDirectories(full).Order(StringComparer.Ordinal))
            {
                if (!Path.GetFileName(sub).StartsWith('.') && seen.Add(sub))
                {
                    folders.Add(sub);
                }
            }
        }

        return folders;
    }

    /// <summary>Loads every plugin under the roots (see <see cref="FindPluginFolders"/>) into the catalogue.</summary>
    public PluginLoadReport LoadFrom(IEnumerable<string> pluginRoots, ConnectorCatalog catalog) =>
        LoadPlugins(FindPluginFolders(pluginRoots), catalog);

    /// <summary>Loads each plugin folder, in order, into the catalogue; the first of two plugins with one id wins.</summary>
    public PluginLoadReport LoadPlugins(IEnumerable<string> pluginFolders, ConnectorCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(pluginFolders);
        ArgumentNullException.ThrowIfNull(catalog);
        var loaded = new List<LoadedPlugin>();
        var refused = new List<PluginRefusal>();
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var folder in pluginFolders)
        {
            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
            var (plugin, refusal) = LoadOne(full, catalog, ids);
            if (plugin is not null)
            {
                ids[plugin.Id] = full;
                loaded.Add(plugin);
            }
            else
            {
                refused.Add(refusal!);
            }
        }

        return new PluginLoadReport(loaded, refused);
    }

    private (LoadedPlugin?, PluginRefusal?) LoadOne(string folder, ConnectorCatalog catalog, Dictionary<string, string> ids)
    {
        string? id = null;
        PluginLoadContext? context = null;
        CompositionHost? container = null;
        try
        {
            var manifestPath = Path.Combine(folder, PluginManifest.FileName);
            if (!File.Exists(manifestPath))
            {
                throw new PluginRefusedException($"no {PluginManifest.FileName} in the folder (each plugin is a folder with {PluginManifest.FileName} beside its assemblies)");
            }

            PluginManifest manifest;
            try
            {
                manifest = PluginManifest.Load(manifestPath);
            }
            catch (PluginManifestException ex)
            {
                id = ex.PluginId;
                throw new PluginRefusedException(ex.Errors.Select(e => $"invalid {PluginManifest.FileName}: {e}").ToArray());
            }

            id = manifest.Id;
            if (ids.TryGetValue(id, out var other))
            {
                throw new PluginRefusedException($"duplicate plugin id '{id}': a plugin with this id is already loaded from {other}");
            }

            if (!manifest.Sdk.Includes(_options.HostSdkVersion))
            {
                throw new PluginRefusedException(
                    $"built for Ferry.Sdk {manifest.Sdk}, which excludes this host's Ferry.Sdk {SdkVersionRange.Format(_options.HostSdkVersion)}");
            }

            var entryPath = Path.Combine(folder, manifest.EntryAssembly);
            if (!File.Exists(entryPath))
            {
                throw new PluginRefusedException($"entry assembly {manifest.EntryAssembly} named in {PluginManifest.FileName} is not in the folder");
            }

            var sdkProblems = SdkReferenceCheck.Check(folder, entryPath, _options.HostSdkVersion);
            if (sdkProblems.Count > 0)
            {
                throw new PluginRefusedException(sdkProblems);
            }

            context = new PluginLoadContext(id, entryPath, _options.StrictIsolation);
            Assembly assembly;
            try
            {
                assembly = context.LoadFromAssemblyPath(entryPath);
            }
            catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or IOException)
            {
                throw new PluginRefusedException($"entry assembly {manifest.EntryAssembly} could not be loaded: {PluginComposer.Describe(ex)}");
            }

            try
            {
                // Run the assembly's module initializer now, so that an assembly that throws while it initializes is
                // refused as such rather than failing later inside whichever factory touches it first.
                RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
            }
            catch (TypeInitializationException ex)
            {
                throw new PluginRefusedException($"entry assembly {manifest.EntryAssembly} threw while initializing: {PluginComposer.Describe(ex)}");
            }

            (container, var exports) = PluginComposer.Compose(assembly);
            var mismatches = CompareWithManifest(manifest, exports);
            if (mismatches.Count > 0)
            {
                throw new PluginRefusedException(mismatches);
            }

            Register(catalog, exports, id);
            return (new LoadedPlugin(manifest, folder, context, container, assembly, exports), null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Plugin code may throw anything while it loads; no plugin may take the host down with it.
            var reasons = ex is PluginRefusedException refused ? refused.Reasons : [$"unexpected failure: {PluginComposer.Describe(ex)}"];
            if (context?.BlockedAssemblies is { Count: > 0 } blocked)
            {
                reasons = [.. reasons, .. blocked.Select(b => $"it needs '{b}', which is not in its folder: plugins share only Ferry.Sdk and the .NET framework with the host, so a plugin must ship every other library it uses")];
            }

            container?.Dispose();
            context?.Unload();
            return (null, new PluginRefusal(folder, id, reasons));
        }
    }

    private static List<string> CompareWithManifest(PluginManifest manifest, List<PluginExport> exports)
    {
        var problems = new List<string>();
        Compare(ConnectorKind.Source, "sources", manifest.Sources, exports, problems);
        Compare(ConnectorKind.Sink, "sinks", manifest.Sinks, exports, problems);
        Compare(ConnectorKind.Transformer, "transformers", manifest.Transformers, exports, problems);
        return problems;
    }

    private static void Compare(ConnectorKind kind, string section, IReadOnlyList<ManifestConnector> declared, List<PluginExport> exports, List<string> problems)
    {
        var noun = kind.ToString().ToLowerInvariant();
        var actual = exports.Where(e => e.Kind == kind).ToList();
        foreach (var export in actual)
        {
            var match = declared.FirstOrDefault(d => string.Equals(d.Name, export.Name, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                problems.Add($"the assembly exports {noun} '{export.Name}' ({export.Factory.GetType().FullName}) that {PluginManifest.FileName} does not list under provides.{section}");
                continue;
            }

            CompareSet(noun, export.Name, "schemes", match.Schemes.Select(NormalizeScheme), export.Export.Schemes.Select(NormalizeScheme), problems);
            CompareSet(noun, export.Name, "extensions", match.Extensions.Select(NormalizeExtension), export.Export.Extensions.Select(NormalizeExtension), problems);
        }

        foreach (var entry in declared)
        {
            if (!actual.Any(e => string.Equals(e.Name, entry.Name, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"{PluginManifest.FileName} lists {noun} '{entry.Name}' under provides.{section}, but the assembly exports no such {noun}");
            }
        }
    }

    private static void CompareSet(string noun, string name, string what, IEnumerable<string> declared, IEnumerable<string> exported, List<string> problems)
    {
        var d = declared.Order(StringComparer.Ordinal).ToArray();
        var e = exported.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (!d.SequenceEqual(e, StringComparer.Ordinal))
        {
            problems.Add($"{noun} '{name}': {what} differ: {PluginManifest.FileName} says [{string.Join(", ", d)}], the export attribute says [{string.Join(", ", e)}]");
        }
    }

    private static string NormalizeScheme(string scheme) => scheme.ToLowerInvariant().TrimEnd(':', '/');

    private static string NormalizeExtension(string extension)
    {
        var lower = extension.ToLowerInvariant();
        return lower == "/" || lower.StartsWith('.') ? lower : "." + lower;
    }

    private static void Register(ConnectorCatalog catalog, List<PluginExport> exports, string origin)
    {
        // All or nothing: the catalogue cannot take entries back, so try the whole plugin on a copy first.
        var trial = new ConnectorCatalog();
        foreach (var entry in catalog.Entries)
        {
            trial.Register(entry.Factory, ExportOf(entry), entry.Origin);
        }

        try
        {
            foreach (var export in exports)
            {
                trial.Register(export.Factory, export.Export, origin);
            }
        }
        catch (ConnectorResolutionException ex)
        {
            throw new PluginRefusedException($"connector clash: {ex.Message}");
        }

        foreach (var export in exports)
        {
            catalog.Register(export.Factory, export.Export, origin);
        }
    }

    private static ConnectorExportAttribute ExportOf(ConnectorDescriptor entry)
    {
        ConnectorExportAttribute export = entry.Kind switch
        {
            ConnectorKind.Source => new SourceExportAttribute(entry.Name),
            ConnectorKind.Sink => new SinkExportAttribute(entry.Name),
            _ => new TransformerExportAttribute(entry.Name),
        };
        export.Schemes = [.. entry.Schemes];
        export.Extensions = [.. entry.Extensions];
        export.Description = entry.Description;
        return export;
    }
}
