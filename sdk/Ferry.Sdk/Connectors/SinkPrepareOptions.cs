namespace Ferry.Sdk.Connectors;

/// <summary>How a sink prepares its target.</summary>
public sealed record SinkPrepareOptions
{
    /// <summary>Create the table/collection/dataset when it does not exist.</summary>
    public bool CreateIfMissing { get; init; } = true;

    /// <summary>Remove existing data first (only on a fresh run, never on resume).</summary>
    public bool Overwrite { get; init; }

    /// <summary>True when the host resumes an interrupted run: keep what is there.</summary>
    public bool Resuming { get; init; }
}
