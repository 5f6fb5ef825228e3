using System.Runtime.InteropServices;

namespace Ferry.Core.Plugins.Loading;

/// <summary>
/// Tells framework assemblies (shared with plugins) from the host's own private dependencies (never shared).
/// A framework-dependent host finds the framework under the runtime's <c>shared/</c> folder; a self-contained
/// host has everything in one folder, so the distinction is unknown and only Ferry.Sdk sharing is enforced.
/// </summary>
internal static class FrameworkAssemblies
{
    private static readonly Lazy<HashSet<string>?> Names = new(Compute);

    /// <summary>Whether the host is framework-dependent, so <see cref="IsFramework"/> can answer.</summary>
    public static bool IsKnown => Names.Value is not null;

    /// <summary>Whether the simple name is an assembly of a shared framework (Microsoft.NETCore.App, Microsoft.AspNetCore.App, ...).</summary>
    public static bool IsFramework(string simpleName) => Names.Value?.Contains(simpleName) ?? true;

    /// <summary>Whether the host's default context can load this name from its own (non-framework) dependencies.</summary>
    public static bool IsHostPrivate(string simpleName) =>
        Names.Value is { } framework && !framework.Contains(simpleName) && HostPrivate.Value.Contains(simpleName);

    private static readonly Lazy<HashSet<string>> HostPrivate = new(() =>
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in TrustedPlatformAssemblies())
        {
            names.Add(Path.GetFileNameWithoutExtension(path));
        }

        return names;
    });

    private static HashSet<string>? Compute()
    {
        var runtimeDirectory = Path.GetFullPath(RuntimeEnvironment.GetRuntimeDirectory());
        var sharedRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", ".."));
        if (!string.Equals(Path.GetFileName(sharedRoot.TrimEnd(Path.DirectorySeparatorChar)), "shared", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in TrustedPlatformAssemblies())
        {
            if (Path.GetFullPath(path).StartsWith(sharedRoot, StringComparison.Ordinal))
            {
                names.Add(Path.GetFileNameWithoutExtension(path));
            }
        }

        return names;
    }

    private static string[] TrustedPlatformAssemblies() =>
        (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
}
