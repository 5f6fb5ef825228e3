using System.Diagnostics;
using System.Text;

namespace Ferry.Migration.Tests.Support;

/// <summary>A running ferry: its standard output as lines, and the means to kill it abruptly (SIGKILL).</summary>
internal sealed class FerryProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _error = new();
    private readonly System.Threading.Channels.Channel<string> _lines = System.Threading.Channels.Channel.CreateUnbounded<string>();
    private readonly List<string> _all = [];

    private FerryProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.Writer.TryComplete();
                return;
            }

            lock (_all)
            {
                _all.Add(e.Data);
            }

            _lines.Writer.TryWrite(e.Data);
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_error)
                {
                    _error.AppendLine(e.Data);
                }
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static FerryProcess Start(string workingDirectory, IEnumerable<string> arguments, IDictionary<string, string>? environment = null) =>
        new(Process.Start(FerryBinary.StartInfo(workingDirectory, arguments, environment)) ?? throw new InvalidOperationException("ferry did not start"));

    /// <summary>Runs to the end; returns the exit code, standard output and standard error.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string workingDirectory, IEnumerable<string> arguments, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        using var process = Start(workingDirectory, arguments, environment);
        var code = await process.WaitAsync(timeout ?? TimeSpan.FromMinutes(3));
        return (code, process.Output, process.Error);
    }

    public string Output
    {
        get
        {
            lock (_all)
            {
                return string.Join('\n', _all);
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>Reads output lines until one satisfies <paramref name="predicate"/>; false when the process ended first.</summary>
    public async Task<bool> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync(cancel.Token))
            {
                if (predicate(line))
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"ferry printed no matching line within {timeout}. Output so far:\n{Output}\nErrors:\n{Error}");
        }

        return false;
    }

    /// <summary>Kills the process with SIGKILL: no cleanup, no final checkpoint, like a power cut for the process.</summary>
    public async Task<int> KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        return await WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ferry did not finish within {timeout}. Output:\n{Output}\nErrors:\n{Error}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
