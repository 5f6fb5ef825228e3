namespace Ferry.Connectors.Tests.Servers;

/// <summary>How to start a server that ships as an npm package in tests/servers.</summary>
public sealed class NodeServerOptions
{
    /// <summary>A short name for messages (e.g. <c>chroma</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The binary in tests/servers/node_modules/.bin (what <c>npx NAME</c> would run).</summary>
    public required string Binary { get; init; }

    /// <summary>The command-line arguments for a given port; the server must bind 127.0.0.1 only.</summary>
    public required Func<int, IReadOnlyList<string>> Arguments { get; init; }

    /// <summary>Answers whether the server is ready on the port; the default is "accepts a TCP connection".</summary>
    public Func<int, CancellationToken, Task<bool>>? ReadinessProbe { get; init; }

    /// <summary>How long start-up may take before the fixture fails.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Extra environment variables for the server process.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
