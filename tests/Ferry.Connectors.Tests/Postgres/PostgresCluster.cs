using System.Diagnostics;
using System.Globalization;
using Ferry.Connectors.Tests.Servers;
using Npgsql;

namespace Ferry.Connectors.Tests.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster from the Debian packages (tests/install-test-deps.sh installs postgresql-15):
/// initdb into a temporary folder, trust authentication, listening on 127.0.0.1 only, fsync off. PostgreSQL
/// refuses to run as root, so under root the server runs as the package's <c>postgres</c> user.
/// </summary>
public sealed class PostgresCluster : PostgresServer
{
    private readonly string _folder;
    private readonly string _bin;
    private readonly int _port;

    private PostgresCluster(string folder, string bin, int port)
    {
        _folder = folder;
        _bin = bin;
        _port = port;
    }

    public override int Port => _port;

    public override string Database => "postgres";

    public override bool IsPglite => false;

    private static bool IsRoot => Environment.UserName == "root";

    public static async Task<PostgresCluster> StartNewAsync()
    {
        var bin = FindBinaries();
        var folder = Directory.CreateTempSubdirectory("ferry-pg-").FullName;
        if (IsRoot)
        {
            await RunAsync("chown", ["postgres", folder]);
        }

        var cluster = new PostgresCluster(folder, bin, FreePort.Next());
        await cluster.AsServerUserAsync(Path.Combine(bin, "initdb"), ["-D", cluster.DataFolder, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--no-locale"]);
        await cluster.StartAsync();
        return cluster;
    }

    private string DataFolder => Path.Combine(_folder, "data");

    public override async Task StartAsync()
    {
        var options = string.Create(CultureInfo.InvariantCulture, $"-p {_port} -c listen_addresses=127.0.0.1 -k {_folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        await AsServerUserAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataFolder, "-o", options, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "start"]);
    }

    /// <summary>Stops the server the hard way (like a crash or a kill): clients see their connections drop.</summary>
    public override async Task StopAsync()
    {
        await AsServerUserAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataFolder, "-m", "immediate", "-w", "stop"]);
        NpgsqlConnection.ClearAllPools();
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await AsServerUserAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataFolder, "-m", "immediate", "-w", "stop"], check: false);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static string FindBinaries()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("FERRY_PG_BIN");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            foreach (var version in Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            {
                if (File.Exists(Path.Combine(version, "bin", "initdb")))
                {
                    return Path.Combine(version, "bin");
                }
            }
        }

        throw new InvalidOperationException("PostgreSQL server binaries are not installed (postgresql-15); run tests/install-test-deps.sh, or set FERRY_PG_BIN.");
    }

    private Task AsServerUserAsync(string program, IReadOnlyList<string> arguments, bool check = true) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments], check) : RunAsync(program, arguments, check);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool check = true)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await errors}");
        }
    }
}
