using System.Diagnostics;
using System.Reflection;
using System.Text;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ferry.Core.Tests.Plugins.Support;

/// <summary>
/// Builds the real test-asset plugins of tests/plugins (TestPlugins.slnx: two plugins with different Newtonsoft.Json
/// versions, broken ones, the sample plugin) once per test run, with <c>dotnet build</c> into
/// <c>&lt;artifacts&gt;/test-plugins</c>, and hands out per-test copies so that tests can break them further. The build
/// is skipped when no input changed since the last successful one (a stamp of input file times), so a warm run costs
/// nothing; a cold one is one restore and build of nine small projects.
/// </summary>
public sealed class TestPlugins : IDisposable
{
    private static readonly Lazy<(string Folder, TimeSpan BuildTime, bool Built)> Build = new(BuildOnce, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The files that can change a build's output (PublicAPI.*.txt and docs cannot).</summary>
    private static readonly HashSet<string> BuildInputExtensions = new(StringComparer.OrdinalIgnoreCase) { ".cs", ".csproj", ".props", ".targets", ".json", ".slnx" };

    private readonly List<string> _temporary = [];

    /// <summary>Builds (or reuses) the plugins; the message sink reports how long the build took.</summary>
    public TestPlugins(IMessageSink diagnostics)
    {
        var (folder, time, built) = Build.Value;
        BuiltFolder = folder;
        diagnostics.OnMessage(new DiagnosticMessage(built
            ? $"Test plugins built in {time.TotalSeconds:F1} s into {folder}"
            : $"Test plugins up to date in {folder} (checked in {time.TotalMilliseconds:F0} ms)"));
    }

    /// <summary>The repository the tests were compiled from.</summary>
    public static string RepositoryRoot => Metadata("Ferry.RepositoryRoot");

    /// <summary>The folder holding one sub-folder per built plugin id.</summary>
    public string BuiltFolder { get; }

    /// <summary>A new, empty plugin root (deleted when the fixture is disposed).</summary>
    public string NewRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "ferry-plugin-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        lock (_temporary)
        {
            _temporary.Add(root);
        }

        return root;
    }

    /// <summary>A new root with copies of the given plugins, each in a folder named after its id.</summary>
    public string RootWith(params string[] pluginIds)
    {
        var root = NewRoot();
        foreach (var id in pluginIds)
        {
            Copy(id, root);
        }

        return root;
    }

    /// <summary>Copies a built plugin into the root (as <paramref name="folderName"/>, default its id); returns the copy's folder.</summary>
    public string Copy(string pluginId, string root, string? folderName = null)
    {
        var source = Path.Combine(BuiltFolder, pluginId);
        if (!Directory.Exists(source))
        {
            throw new InvalidOperationException($"Test plugin '{pluginId}' was not built into {BuiltFolder}.");
        }

        var target = Path.Combine(root, folderName ?? pluginId);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }

        return target;
    }

    /// <summary>Rewrites a copied plugin's manifest with a text substitution (which must apply).</summary>
    public static void EditManifest(string pluginFolder, string oldText, string newText)
    {
        var path = Path.Combine(pluginFolder, "plugin.json");
        var text = File.ReadAllText(path);
        if (!text.Contains(oldText, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{path} does not contain '{oldText}'.");
        }

        File.WriteAllText(path, text.Replace(oldText, newText, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        foreach (var root in _temporary)
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A file still mapped by a load context that has not been collected yet; the temp folder is cleaned later.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static (string, TimeSpan, bool) BuildOnce()
    {
        var watch = Stopwatch.StartNew();
        var repository = RepositoryRoot;
        var artifacts = Path.Combine(Metadata("Ferry.ArtifactsPath"), "test-plugins");
        var output = Path.Combine(artifacts, "plugins");
        Directory.CreateDirectory(artifacts);

        // Other test processes (Ferry.Host.Tests) may build the same assets at the same time: one at a time.
        using var gate = AcquireLock(Path.Combine(artifacts, ".build.lock"));
        var stampPath = Path.Combine(output, ".inputs-stamp");
        var stamp = InputStamp(repository);
        if (File.Exists(stampPath) && File.ReadAllText(stampPath) == stamp)
        {
            return (output, watch.Elapsed, false);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = repository,
        };
        foreach (var argument in new[] { "build", Path.Combine(repository, "tests", "plugins", "TestPlugins.slnx"), "-p:FerryPluginCopyToHost=true", "-nologo", "-v:q", "-nodeReuse:false" })
        {
            start.ArgumentList.Add(argument);
        }

        // The test host may run under MSBuild-set variables that would confuse a nested build.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["FERRY_ARTIFACTS"] = artifacts;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("Building the test plugins took more than 10 minutes.");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Building tests/plugins/TestPlugins.slnx failed ({process.ExitCode}):{Environment.NewLine}{log}");
        }

        File.WriteAllText(stampPath, stamp);
        return (output, watch.Elapsed, true);
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    /// <summary>Every file that can change what the build produces, with its time and size.</summary>
    private static string InputStamp(string repository)
    {
        var files = new List<string>();
        foreach (var folder in new[] { "tests/plugins", "plugins/Ferry.Plugins.Sample", "sdk/Ferry.Sdk" })
        {
            files.AddRange(Directory.EnumerateFiles(Path.Combine(repository, folder), "*", SearchOption.AllDirectories)
                .Where(f => BuildInputExtensions.Contains(Path.GetExtension(f))
                    && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)));
        }

        files.AddRange(new[] { "Directory.Build.props", "Directory.Packages.props", "plugins/Directory.Build.props", "plugins/Directory.Build.targets", "global.json" }
            .Select(f => Path.Combine(repository, f))
            .Where(File.Exists));
        var stamp = new StringBuilder();
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            stamp.Append(Path.GetRelativePath(repository, file)).Append('|').Append(info.LastWriteTimeUtc.Ticks).Append('|').Append(info.Length).Append('\n');
        }

        return stamp.ToString();
    }

    private static FileStream AcquireLock(string path)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < TimeSpan.FromMinutes(15))
            {
                Thread.Sleep(500);
            }
        }
    }

    private static string Metadata(string key) =>
        typeof(TestPlugins).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
            ?? throw new InvalidOperationException($"Assembly metadata {key} is missing from the test assembly.");
}
