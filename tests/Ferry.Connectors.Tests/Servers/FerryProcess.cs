using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Ferry.Connectors.Tests.Servers;

/// <summary>
/// Runs the real <c>ferry</c> CLI (the host's build output, which finds the plugins built into the artifacts folder)
/// as a child process, for end-to-end tests: run to completion, or kill the whole process tree once its output
/// satisfies a condition (kill-and-resume).
/// </summary>
public static class FerryProcess
{
    /// <summary>What a run printed and how it ended.</summary>
    public sealed record Outcome(int ExitCode, string Output, string Error, bool Killed)
    {
        /// <summary>The final JSON result line of a <c>--json</c> run (type "result" or "validation").</summary>
        public JsonElement Result
        {
            get
            {
                foreach (var line in Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Reverse())
                {
                    if (line.StartsWith('{'))
                    {
                        using var document = JsonDocument.Parse(line);
                        if (document.RootElement.GetProperty("type").GetString() is "result" or "validation")
                        {
                            return document.RootElement.Clone();
                        }
                    }
                }

                throw new InvalidOperationException($"No JSON result line. Output:\n{Output}\nError:\n{Error}");
            }
        }
    }

    /// <summary>The host assembly this build produced.</summary>
    public static string HostAssembly
    {
        get
        {
            var path = typeof(FerryProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FerryHostAssembly").Value!;
            return File.Exists(path) ? path : throw new InvalidOperationException($"The ferry host was not built at {path}.");
        }
    }

    /// <summary>Runs ferry with the arguments in a working folder, waiting at most <paramref name="timeout"/>.</summary>
    public static Task<Outcome> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        RunAsync(workingDirectory, timeout, killWhen: null, arguments);

    /// <summary>
    /// Runs ferry; when <paramref name="killWhen"/> returns true for a line of standard output, the process tree is
    /// killed at once (SIGKILL), as a crash would end it.
    /// </summary>
    public static async Task<Outcome> RunAsync(string workingDirectory, TimeSpan timeout, Func<string, bool>? killWhen, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Secrets and the user's own plugins must not leak into the tests.
        start.Environment["FERRY_PLUGINS_DIR"] = Path.Combine(workingDirectory, "no-user-plugins");
        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        var error = new StringBuilder();
        var killed = false;
        var gate = new Lock();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (gate)
            {
                output.AppendLine(e.Data);
                if (!killed && killWhen is not null && killWhen(e.Data))
                {
                    killed = true;
                    try
                    {
                        process.Kill(entireProcessTree: true);
                    }
                    catch (InvalidOperationException)
                    {
                        // Already exited.
                    }
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (gate)
                {
                    error.AppendLine(e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"ferry {string.Join(' ', arguments)} did not finish within {timeout}. Output:\n{output}\nError:\n{error}");
        }

        process.WaitForExit();
        lock (gate)
        {
            return new Outcome(process.ExitCode, output.ToString(), error.ToString(), killed);
        }
    }

    /// <summary>True for a JSON progress line reporting at least <paramref name="written"/> written records.</summary>
    public static bool ProgressAtLeast(string line, long written)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.StartsWith("{\"type\":\"progress\"", StringComparison.Ordinal))
        {
            return false;
        }

        using var document = JsonDocument.Parse(line);
        return document.RootElement.GetProperty("written").GetInt64() >= written;
    }
}
