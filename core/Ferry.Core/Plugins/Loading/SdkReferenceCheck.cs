using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Ferry.Core.Plugins.Loading;

/// <summary>
/// Reads, without loading anything, which Ferry.Sdk version each managed assembly of a plugin folder was compiled
/// against. A plugin built for another SDK major version, or for a newer SDK than the host's, is refused before
/// its code runs: the shared Ferry.Sdk would otherwise fail to bind, or bind and miss members at run time.
/// </summary>
internal static class SdkReferenceCheck
{
    /// <summary>Returns the problems found (empty when every reference is compatible with <paramref name="hostSdk"/>).</summary>
    public static List<string> Check(string folder, string entryAssemblyPath, Version hostSdk)
    {
        var problems = new List<string>();
        var host = Normalize(hostSdk);
        foreach (var file in Directory.EnumerateFiles(folder, "*.dll", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
        {
            var isEntry = string.Equals(Path.GetFullPath(file), Path.GetFullPath(entryAssemblyPath), StringComparison.Ordinal);
            var reference = ReadSdkReference(file, isEntry, problems);
            if (reference is null)
            {
                continue;
            }

            var built = Normalize(reference);
            if (built.Major != host.Major)
            {
                problems.Add($"{Path.GetFileName(file)} was built against Ferry.Sdk {built.ToString(3)} (major version {built.Major}), but this host has Ferry.Sdk {host.ToString(3)} (major version {host.Major})");
            }
            else if (built > host)
            {
                problems.Add($"{Path.GetFileName(file)} was built against Ferry.Sdk {built.ToString(3)}, newer than this host's {host.ToString(3)}; update ferry");
            }
        }

        return problems;
    }

    private static Version? ReadSdkReference(string file, bool isEntry, List<string> problems)
    {
        try
        {
            using var stream = File.OpenRead(file);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                if (isEntry)
                {
                    problems.Add($"entry assembly {Path.GetFileName(file)} is not a .NET assembly");
                }

                return null;
            }

            var reader = pe.GetMetadataReader();
            if (reader.IsAssembly && string.Equals(reader.GetString(reader.GetAssemblyDefinition().Name), PluginLoadContext.SdkAssemblyName, StringComparison.OrdinalIgnoreCase))
            {
                // A copy of the SDK in the plugin folder: ignored by the load context, nothing to check.
                return null;
            }

            foreach (var handle in reader.AssemblyReferences)
            {
                var reference = reader.GetAssemblyReference(handle);
                if (string.Equals(reader.GetString(reference.Name), PluginLoadContext.SdkAssemblyName, StringComparison.OrdinalIgnoreCase))
                {
                    return reference.Version;
                }
            }

            return null;
        }
        catch (BadImageFormatException ex)
        {
            // Native libraries live beside managed ones; only the entry assembly must be managed.
            if (isEntry)
            {
                problems.Add($"entry assembly {Path.GetFileName(file)} is not a valid .NET assembly: {ex.Message}");
            }

            return null;
        }
    }

    private static Version Normalize(Version version) => new(version.Major, Math.Max(version.Minor, 0), Math.Max(version.Build, 0));
}
