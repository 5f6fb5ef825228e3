using System.Diagnostics;
using System.Text;

namespace Ferry.Connectors.Tests.Servers;

/// <summary>
/// A real server from an npm package (tests/servers/node_modules), started on 127.0.0.1 on a free port:
/// start, wait until ready (bounded), stop by killing the whole process tree, restart on the same port.
/// Collection fixtures own one each; the last lines of its output go into every failure message.
/// </summary>
public sealed class NodeServer : IAsyncDisposable
{
    private const int MaxStartAttempts = 3;
    private const int OutputLines = 200;

    private readonly NodeServerOptions _options;
    private readonly Queue<string> _output = new();
    private readonly Lock _outputLock = new();
    private Process? _process;

    private NodeServer(NodeServerOptions options, int port)
    {
        _options = options;
        Port = port;
    }

    /// <summary>The port the server listens on (kept across restarts).</summary>
    public int Port { get; private set; }

    /// <summary>Always 127.0.0.1: test servers never listen elsewhere.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The server's HTTP base address.</summary>
    public Uri BaseAddress => new($"http://{Host}:{Port}/");

    /// <summary>Whether the server process is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The last lines the server wrote (stdout and stderr), for diagnostics.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_outputLock)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>Starts the server on a free port and waits until it is ready, or fails with its output.</summary>
    public static async Task<NodeServer> StartAsync(NodeServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        RepositoryPaths.RequireNodeBinary(options.Binary);
        Exception? last = null;
        for (var attempt = 0; attempt < MaxStartAttempts; attempt++)
        {
            // A port picked free can be taken by someone else before the server binds it: try another.
            var server = new NodeServer(options, FreePort.Next());
            try
            {
                await server.LaunchAndWaitAsync(cancellationToken).ConfigureAwait(false);
                return server;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                last = ex;
                await server.StopAsync().ConfigureAwait(false);
            }
        }

        throw new InvalidOperationException($"Could not start {options.Name} after {MaxStartAttempts} attempts.", last);
    }

    /// <summary>Kills the server and its child processes and waits for them to exit. Safe to call twice.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }

        // The port must be free before a restart can bind it again.
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10) && await FreePort.IsListeningAsync(Port, CancellationToken.None).ConfigureAwait(false))
        {
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    /// <summary>Starts the server again on the same port (after <see cref="StopAsync"/>) and waits until it is ready.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync().ConfigureAwait(false);
        await LaunchAndWaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task LaunchAndWaitAsync(CancellationToken cancellationToken)
    {
        var binary = RepositoryPaths.RequireNodeBinary(_options.Binary);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryPaths.ServersFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(binary);
        foreach (var argument in _options.Arguments(Port))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in _options.Environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start node for {_options.Name}.");
        }

        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var probe = _options.ReadinessProbe ?? ((port, ct) => FreePort.IsListeningAsync(port, ct));
        var clock = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"{_options.Name} exited with code {process.ExitCode} before it was ready on port {Port}. Output:\n{RecentOutput}");
            }

            if (await ProbeAsync(probe, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            if (clock.Elapsed > _options.StartTimeout)
            {
                throw new TimeoutException(
                    $"{_options.Name} was not ready on port {Port} within {_options.StartTimeout.TotalSeconds:0} s. Output:\n{RecentOutput}");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> ProbeAsync(Func<int, CancellationToken, Task<bool>> probe, CancellationToken cancellationToken)
    {
        try
        {
            return await probe(Port, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.Enqueue(line);
            while (_output.Count > OutputLines)
            {
                _output.Dequeue();
            }
        }
    }
}
