using System.Reflection;

namespace Ferry.Plugins.Tests.Support;

/// <summary>Build facts baked into the test assembly.</summary>
internal static class Repository
{
    /// <summary>The repository the tests were compiled from.</summary>
    public static string Root => Metadata("Ferry.RepositoryRoot");

    /// <summary>The build's artifacts folder (plugins are mirrored to its plugins/ sub-folder).</summary>
    public static string ArtifactsPath => Metadata("Ferry.ArtifactsPath");

    /// <summary>Copies a folder of the repository (recursively) into <paramref name="destination"/>.</summary>
    public static void CopyFolder(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(destination, Path.GetRelativePath(source, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(destination, Path.GetRelativePath(source, file)));
        }
    }

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
