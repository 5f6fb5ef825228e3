using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Ferry.Core.Catalog;
using Ferry.Core.Plugins;
using Ferry.Core.Plugins.Manifest;

namespace Ferry.Host.Commands;

/// <summary><c>ferry plugins list</c> and <c>ferry plugins verify DIR</c>.</summary>
internal static class PluginsCommand
{
    /// <summary>How many collections <c>verify</c> waits for an unloaded plugin's context to go away.</summary>
    private const int UnloadCollections = 10;

    public static Command Create(CliContext context)
    {
        var command = new Command("plugins", "List the loaded plugins, or verify a plugin folder before installing it.");
        command.Subcommands.Add(CreateList(context));
        command.Subcommands.Add(CreateVerify(context));
        return command;
    }

    private static Command CreateList(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Write the list as JSON." };
        var list = new Command("list", "List built-in connectors, loaded plugins (id, version, kinds, schemes, extensions, folder) and refused plugins with the reasons.");
        list.Options.Add(json);
        list.SetAction((parse, _) =>
        {
            var catalog = context.Catalog;
            var report = HostCatalog.ReportFor(catalog);
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(ListJson(catalog, report));
            }
            else
            {
                WriteTable(context.Output, catalog, report);
            }

            return Task.FromResult(ExitCodes.Success);
        });
        return list;
    }

    private static Command CreateVerify(CliContext context)
    {
        var folder = new Argument<string>("dir") { Description = "A plugin folder (plugin.json beside its assemblies), or a folder of plugin folders." };
        var verify = new Command(
            "verify",
            "Check a plugin folder without running a job: manifest against the schema, SDK range, the Ferry.Sdk it was built against, loading in an isolated context, exports matching the manifest, factories constructing, no clash with built-in connectors, and unloading.");
        verify.Arguments.Add(folder);
        verify.SetAction((parse, _) => Task.FromResult(Verify(context, parse.GetValue(folder)!)));
        return verify;
    }

    private static int Verify(CliContext context, string folder)
    {
        if (!Directory.Exists(folder))
        {
            context.Error.WriteLine($"No such folder: {folder}");
            return ExitCodes.Configuration;
        }

        var folders = PluginLoader.FindPluginFolders([folder]);
        if (folders.Count == 0)
        {
            context.Error.WriteLine($"{folder} holds no plugin: a plugin is a folder with {PluginManifest.FileName} beside its assemblies.");
            return ExitCodes.Configuration;
        }

        var (refused, unloaded) = LoadPrintAndUnload(context.Output, folders);
        foreach (var id in WaitForUnload(unloaded))
        {
            context.Error.WriteLine($"warning: plugin '{id}' did not unload: something (a static event, a thread, a timer) still references its load context; the host keeps such a plugin in memory until it exits.");
        }

        foreach (var refusal in refused)
        {
            context.Output.WriteLine($"refused  {refusal.DisplayName}  ({refusal.Folder})");
            foreach (var reason in refusal.Reasons)
            {
                context.Output.WriteLine($"         - {reason}");
            }
        }

        return refused.Count == 0 ? ExitCodes.Success : ExitCodes.Configuration;
    }

    /// <summary>
    /// Loads, prints and unloads in a method of its own, so that no local of the caller (kept alive to the end of
    /// the method in debug builds) still references a factory while the caller waits for the contexts to go.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (IReadOnlyList<PluginRefusal> Refused, List<(string Id, WeakReference Context)> Unloaded) LoadPrintAndUnload(TextWriter output, IReadOnlyList<string> folders)
    {
        // A catalogue of the built-ins only: the plugin must not clash with what every ferry has. Clashes with other
        // installed plugins show in 'ferry plugins list'.
        var catalog = new ConnectorCatalog();
        HostCatalog.RegisterBuiltIns(catalog);
        var report = new PluginLoader().LoadPlugins(folders, catalog);
        var unloaded = new List<(string Id, WeakReference Context)>();
        foreach (var plugin in report.Loaded)
        {
            output.WriteLine($"ok       {plugin.Id} {plugin.Manifest.Version}  ({plugin.Folder})");
            foreach (var export in plugin.Exports)
            {
                output.WriteLine($"         {export.Kind.ToString().ToLowerInvariant()} '{export.Name}'{Handles(export.Export.Schemes.Select(s => s + "://").Concat(export.Export.Extensions))}");
            }

            unloaded.Add((plugin.Id, plugin.Unload()));
        }

        return (report.Refused, unloaded);
    }

    /// <summary>Collects until every unloaded context is gone or the attempts run out; returns the ids still alive.</summary>
    private static List<string> WaitForUnload(List<(string Id, WeakReference Context)> unloaded)
    {
        for (var i = 0; i < UnloadCollections && unloaded.Any(u => u.Context.IsAlive); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return unloaded.Where(u => u.Context.IsAlive).Select(u => u.Id).ToList();
    }

    private static string Handles(IEnumerable<string> handles)
    {
        var text = string.Join(", ", handles);
        return text.Length == 0 ? string.Empty : $" handles {text}";
    }

    private static void WriteTable(TextWriter output, ConnectorCatalog catalog, PluginLoadReport? report)
    {
        var rows = new List<string[]> { new[] { "ID", "VERSION", "KINDS", "SCHEMES", "EXTENSIONS", "FOLDER" } };
        foreach (var group in catalog.Entries.GroupBy(e => e.Origin, StringComparer.Ordinal))
        {
            var plugin = report?.Find(group.Key);
            var entries = group.ToList();
            rows.Add(
            [
                group.Key,
                plugin?.Manifest.Version ?? (group.Key == HostCatalog.BuiltInOrigin ? typeof(PluginsCommand).Assembly.GetName().Version?.ToString(3) ?? "-" : "-"),
                Join(entries.Select(e => $"{e.Kind.ToString().ToLowerInvariant()}:{e.Name}")),
                Join(entries.SelectMany(e => e.Schemes).Distinct(StringComparer.Ordinal)),
                Join(entries.SelectMany(e => e.Extensions).Distinct(StringComparer.Ordinal)),
                plugin?.Folder ?? (group.Key == HostCatalog.BuiltInOrigin ? "(host)" : "-"),
            ]);
        }

        WriteColumns(output, rows);
        if (rows.Count == 1)
        {
            output.WriteLine("(no connectors: no plugin found in " + string.Join(", ", PluginFolders.Resolve()) + ")");
        }

        if (report is null || report.Refused.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("REFUSED");
        foreach (var refusal in report.Refused)
        {
            output.WriteLine($"{refusal.DisplayName}  ({refusal.Folder})");
            foreach (var reason in refusal.Reasons)
            {
                output.WriteLine($"  - {reason}");
            }
        }
    }

    private static string Join(IEnumerable<string> values)
    {
        var text = string.Join(",", values);
        return text.Length == 0 ? "-" : text;
    }

    private static void WriteColumns(TextWriter output, List<string[]> rows)
    {
        var widths = new int[rows[0].Length];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var line = new StringBuilder();
        foreach (var row in rows)
        {
            line.Clear();
            for (var i = 0; i < row.Length; i++)
            {
                line.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            }

            output.WriteLine(line.ToString().TrimEnd());
        }
    }

    private static string ListJson(ConnectorCatalog catalog, PluginLoadReport? report)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("plugins");
            foreach (var group in catalog.Entries.GroupBy(e => e.Origin, StringComparer.Ordinal))
            {
                var plugin = report?.Find(group.Key);
                writer.WriteStartObject();
                writer.WriteString("id", group.Key);
                writer.WriteBoolean("builtin", group.Key == HostCatalog.BuiltInOrigin);
                if (plugin is not null)
                {
                    writer.WriteString("version", plugin.Manifest.Version);
                    writer.WriteString("name", plugin.Manifest.Name);
                    if (plugin.Manifest.Description is { } description)
                    {
                        writer.WriteString("description", description);
                    }

                    writer.WriteString("sdk", plugin.Manifest.Sdk.ToString());
                    writer.WriteString("folder", plugin.Folder);
                    writer.WriteString("loadContext", plugin.LoadContextName);
                }

                writer.WriteStartArray("connectors");
                foreach (var entry in group)
                {
                    writer.WriteStartObject();
                    writer.WriteString("kind", entry.Kind.ToString().ToLowerInvariant());
                    writer.WriteString("name", entry.Name);
                    WriteStrings(writer, "schemes", entry.Schemes);
                    WriteStrings(writer, "extensions", entry.Extensions);
                    if (entry.Description is { } description)
                    {
                        writer.WriteString("description", description);
                    }

                    var options = plugin is null ? null : OptionsOf(plugin.Manifest, entry);
                    if (options is { } schema)
                    {
                        writer.WritePropertyName("options");
                        schema.WriteTo(writer);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("refused");
            foreach (var refusal in report?.Refused ?? [])
            {
                writer.WriteStartObject();
                if (refusal.PluginId is { } id)
                {
                    writer.WriteString("id", id);
                }
                else
                {
                    writer.WriteNull("id");
                }

                writer.WriteString("folder", refusal.Folder);
                WriteStrings(writer, "reasons", refusal.Reasons);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("searched");
            foreach (var folder in PluginFolders.Resolve())
            {
                writer.WriteStringValue(folder);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static JsonElement? OptionsOf(PluginManifest manifest, ConnectorDescriptor entry)
    {
        var list = entry.Kind switch
        {
            ConnectorKind.Source => manifest.Sources,
            ConnectorKind.Sink => manifest.Sinks,
            _ => manifest.Transformers,
        };
        return list.FirstOrDefault(c => string.Equals(c.Name, entry.Name, StringComparison.OrdinalIgnoreCase))?.Options;
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
