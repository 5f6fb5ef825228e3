using YamlDotNet.RepresentationModel;

namespace Ferry.Plugins.Mapping.Internal;

/// <summary>Typed access to the nodes of one spec, with errors that name the spec and the node's line.</summary>
internal sealed class SpecContext
{
    public SpecContext(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public MappingSpecException Error(YamlNode node, string message, Exception? inner = null) => new(Name, node.Start.Line, message, inner);

    public string Key(YamlNode node, bool lower = true) =>
        node is YamlScalarNode { Value: { Length: > 0 } value }
            ? (lower ? value.Trim().ToLowerInvariant() : value)
            : throw Error(node, "keys must be plain names.");

    public string Scalar(YamlNode node, string what) =>
        node is YamlScalarNode { Value: { } value }
            ? value
            : throw Error(node, $"'{what}' must be a single value.");

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping (key: value lines).");
}
