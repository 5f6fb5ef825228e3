using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Ferry.Files.Tests.Support;

/// <summary>Reads an Arrow IPC file with the reference Arrow JS library (tests/interop/read-arrow.mjs, installed by CI).</summary>
public static class ArrowJs
{
    public static JsonNode Read(string file)
    {
        var dir = Path.Combine(RepositoryRoot(), "tests", "interop");
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
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("node read-arrow.mjs did not finish within 120 s.");
        }

        if (process.ExitCode != 0)
        {
            Assert.Fail($"Arrow JS could not read {file} (exit {process.ExitCode}):\n{stderr.Result}");
        }

        return JsonNode.Parse(stdout.Result)!;
    }

    private static string RepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        var dir = Path.GetDirectoryName(sourceFile);
        while (dir is not null && !File.Exists(Path.Combine(dir, "Microkernel.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("Cannot find the repository root above " + sourceFile);
    }
}
