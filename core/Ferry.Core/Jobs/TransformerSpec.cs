namespace Ferry.Core.Jobs;

/// <summary>A transformer in a job: its name in the catalogue and its options.</summary>
public sealed class TransformerSpec
{
    /// <summary>Creates the spec.</summary>
    public TransformerSpec(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The transformer's name.</summary>
    public string Name { get; }

    /// <summary>Its options (values may hold <c>${env:NAME}</c> references).</summary>
    public Dictionary<string, string> Options { get; } = new(StringComparer.OrdinalIgnoreCase);
}
