using System.Reflection;

namespace Ferry.Connectors.Tests.Servers;

/// <summary>Where the repository and its test-server installation are, as baked in at build time.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root (override with FERRY_REPO_ROOT, e.g. when the tests run from a copied build).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The folder whose node_modules holds the npm test servers.</summary>
    public static string ServersFolder => Path.Combine(Root, "tests", "servers");

    /// <summary>The shared benchmark corpus generator, when present on this machine.</summary>
    public static string? DatasetGenerator
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("FERRY_GEN_DATASET") ?? "/work/shared/bench/gen-dataset.mjs";
            return File.Exists(path) ? path : null;
        }
    }

    /// <summary>The path of an npm binary in tests/servers/node_modules/.bin, or a failure telling how to install it.</summary>
    public static string RequireNodeBinary(string name)
    {
        var path = Path.Combine(ServersFolder, "node_modules", ".bin", name);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The test server '{name}' is not installed ({path} is missing). Run tests/install-test-deps.sh once, then rerun the tests.");
        }

        return path;
    }

    private static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("FERRY_REPO_ROOT");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        foreach (var attribute in typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
        {
            if (attribute.Key == "FerryRepositoryRoot" && attribute.Value is { Length: > 0 } value && Directory.Exists(value))
            {
                return value;
            }
        }

        throw new InvalidOperationException("Cannot locate the Ferry repository; set FERRY_REPO_ROOT.");
    }
}
