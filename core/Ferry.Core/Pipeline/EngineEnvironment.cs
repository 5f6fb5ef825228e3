using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ferry.Core.Pipeline;

/// <summary>The services the engine uses: clock, logging, secrets and randomness; tests substitute them.</summary>
public sealed class EngineEnvironment
{
    /// <summary>The clock (timeouts, retry delays, checkpoint intervals, rates).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the engine logs (retries, resume decisions, warnings).</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Reads environment variables: for <c>${env:NAME}</c> references and connectors' secrets.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The jitter source for retry delays; <c>null</c> for a shared random generator.</summary>
    public Func<double>? Jitter { get; init; }

    /// <summary>The working directory relative paths (state folder, files) are resolved against.</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;
}
