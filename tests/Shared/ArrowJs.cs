using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Xunit;

namespace Ferry.Tests.Shared;

/// <summary>
/// Reads an Arrow IPC file (or stream) with the reference Arrow JS library: runs
/// <c>node tests/interop/read-arrow.mjs FILE</c> (npm apache-arrow, installed by tests/interop/install.sh; CI does)
/// and parses the JSON it prints. One copy, linked into each test project that checks Arrow output with it.
/// </summary>
internal static class ArrowJs
{
    private const int TimeoutSeconds = 120;

    /// <summary><c>tests/interop</c> of this repository, found from this source file (build output lives elsewhere).</summary>
    public static string InteropDirectory { get; } = FindInteropDirectory();

    /// <summary>What <c>read-arrow.mjs</c> prints for <paramref name="file"/>; fails the test when Arrow JS cannot read it.</summary>
    public static JsonNode Read(string file)
    {
        var dir = InteropDirectory;
        if (!Directory.Exists(Path.Combine(dir, "node_modules", "apache-arrow")))
        {
            Assert.Fail($"The Arrow JS library is not installed in {dir}/node_modules: run tests/interop/install.sh first (CI does).");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(dir, "read-arrow.mjs"));
        start.ArgumentList.Add(file);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(TimeoutSeconds)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"node read-arrow.mjs did not finish within {TimeoutSeconds} s.");
        }

        if (process.ExitCode != 0)
        {
            Assert.Fail($"Arrow JS could not read {file} (exit {process.ExitCode}):\n{stderr.Result}");
        }

        return JsonNode.Parse(stdout.Result) ?? throw new InvalidOperationException("node printed nothing.");
    }

    private static string FindInteropDirectory([CallerFilePath] string sourceFile = "")
    {
        var dir = Path.GetDirectoryName(sourceFile);
        while (dir is not null && !File.Exists(Path.Combine(dir, "Microkernel.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir is null
            ? throw new InvalidOperationException("Cannot find the repository root (Microkernel.sln) above " + sourceFile)
            : Path.Combine(dir, "tests", "interop");
    }
}
