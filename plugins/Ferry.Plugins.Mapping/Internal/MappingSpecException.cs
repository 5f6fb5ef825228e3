using Ferry.Sdk.Errors;

namespace Ferry.Plugins.Mapping.Internal;

/// <summary>A mapping spec that is not valid: the message names the spec and the YAML line.</summary>
internal sealed class MappingSpecException : ConnectorConfigurationException
{
    public MappingSpecException(string spec, long line, string message, Exception? innerException = null)
        : base($"{spec}, line {line}: {message}", innerException)
    {
        Spec = spec;
        Line = line;
    }

    /// <summary>The spec's name (its path, or "inline mapping spec").</summary>
    public string Spec { get; }

    /// <summary>The 1-based line of the problem.</summary>
    public long Line { get; }
}
