namespace Ferry.Sdk.Connectors;

/// <summary>Everything a factory needs to create a connector: where, with which options, and the host's services.</summary>
public sealed class ConnectorContext
{
    /// <summary>Creates a context for a location.</summary>
    public ConnectorContext(string location, ConnectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        Location = location;
        Options = options ?? ConnectorOptions.Empty;
    }

    /// <summary>The location as the user wrote it: a URI (<c>chroma://localhost:8000/docs</c>) or a path.</summary>
    public string Location { get; }

    /// <summary>The location parsed as an absolute URI, or <c>null</c> for a plain path.</summary>
    public Uri? Uri => System.Uri.TryCreate(Location, UriKind.Absolute, out var uri) && uri.Scheme.Length > 1 ? uri : null;

    /// <summary>Options from the URI query and the job file.</summary>
    public ConnectorOptions Options { get; }

    /// <summary>
    /// Reads a secret (password, API key) by name. The host resolves it from the environment, never from the
    /// command line. Returns <c>null</c> when not set.
    /// </summary>
    public Func<string, string?> GetSecret { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The clock; tests substitute a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the connector reports what it does.</summary>
    public ConnectorLog Log { get; init; } = ConnectorLog.None;
}
