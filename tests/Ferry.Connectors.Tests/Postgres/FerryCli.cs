using System.Diagnostics;
using System.Text;

namespace Ferry.Connectors.Tests.Postgres;

/// <summary>
/// Runs the real <c>ferry</c> host as a child process, from its build output beside this test assembly's
/// ($(ArtifactsPath)/bin/Ferry.Host/&lt;configuration&gt;/), where it also finds the plugins built in this tree.
/// </summary>
public static class FerryCli
{
    public static string Executable
    {
        get
        {
            var testFolder = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
            var configuration = Path.GetFileName(testFolder);
            var artifacts = Path.GetFullPath(Path.Combine(testFolder, "..", "..", ".."));
            var path = Path.Combine(artifacts, "bin", "Ferry.Host", configuration, "ferry.dll");
            return File.Exists(path) ? path : throw new InvalidOperationException($"The ferry host is not built at {path}.");
        }
    }

    /// <summary>Runs ferry to the end; returns its exit code and output.</summary>
    public static async Task<(int Code, string Output)> RunAsync(IReadOnlyList<string> arguments, TimeSpan? timeout = null)
    {
        using var process = Start(arguments);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ferry {string.Join(' ', arguments)} did not finish:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    /// <summary>Starts ferry with redirected output (the caller reads, waits and kills).</summary>
    public static Process Start(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Executable);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGPASSWORD"] = "unused";
        start.Environment["NO_COLOR"] = "1";
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start ferry.");
    }
}
