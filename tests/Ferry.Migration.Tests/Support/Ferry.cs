using System.Diagnostics;
using System.Reflection;

namespace Ferry.Migration.Tests.Support;

/// <summary>Where the built ferry is, and how to start it as a real process.</summary>
internal static class FerryBinary
{
    private static string Metadata(string key) =>
        typeof(FerryBinary).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static string ArtifactsPath => Metadata("Ferry.ArtifactsPath");

    /// <summary>ferry.dll of the same configuration as the tests (built as a project reference).</summary>
    public static string Dll
    {
        get
        {
            var configuration = Metadata("Ferry.Configuration").ToLowerInvariant();
            var path = Path.Combine(ArtifactsPath, "bin", "Ferry.Host", configuration, "ferry.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"The ferry host is not built at {path}.");
        }
    }

    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Only the build's own plugin folder: no user plugins leak into the tests.
        info.Environment["HOME"] = workingDirectory;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return info;
    }
}
