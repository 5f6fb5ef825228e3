using System.Diagnostics;
using System.Text.Json.Nodes;
using Ferry.Arrow.Tests.Support;
using Xunit;

namespace Ferry.Arrow.Tests.Interop;

/// <summary>Runs <c>node tests/interop/read-arrow.mjs FILE</c> (the Arrow JS library) and parses its JSON.</summary>
internal static class ArrowJs
{
    public static JsonNode Read(string file)
    {
        var dir = TestPaths.InteropDirectory;
        if (!Directory.Exists(Path.Combine(dir, "node_modules", "apache-arrow")))
        {
            Assert.Fail($"The Arrow JS library is not installed in {dir}/node_modules: run tests/interop/install.sh first.");
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

        return JsonNode.Parse(stdout.Result) ?? throw new InvalidOperationException("node printed nothing.");
    }
}
