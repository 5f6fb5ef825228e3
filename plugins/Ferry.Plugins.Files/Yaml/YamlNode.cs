using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Ferry.Plugins.Files.Yaml;

/// <summary>
/// One record's YAML read into memory before it is converted, so that a record that does not convert leaves the
/// parser at the next record. Scalars keep their event (tag, style, text, line).
/// </summary>
internal abstract class YamlNode
{
    protected YamlNode(Mark start)
    {
        Start = start;
    }

    public Mark Start { get; }

    /// <summary>Reads the node at the parser's current event (a scalar, sequence or mapping start) and everything nested.</summary>
    public static YamlNode Read(IParser parser)
    {
        var current = parser.Current ?? throw new YamlException("Unexpected end of the YAML stream.");
        switch (current)
        {
            case Scalar scalar:
                parser.MoveNext();
                return new YamlScalarNode(scalar);
            case SequenceStart start:
                parser.MoveNext();
                var items = new List<YamlNode>();
                while (parser.Current is not SequenceEnd)
                {
                    items.Add(Read(parser));
                }

                parser.MoveNext();
                return new YamlSequenceNode(start.Start, items);
            case MappingStart start:
                parser.MoveNext();
                var entries = new List<KeyValuePair<YamlNode, YamlNode>>();
                while (parser.Current is not MappingEnd)
                {
                    var key = Read(parser);
                    entries.Add(KeyValuePair.Create(key, Read(parser)));
                }

                parser.MoveNext();
                return new YamlMappingNode(start.Start, entries);
            case AnchorAlias alias:
                throw new YamlException(alias.Start, alias.End, "YAML aliases (*name) are not supported in record files.");
            default:
                throw new YamlException(current.Start, current.End, $"Unexpected YAML event {current.GetType().Name}.");
        }
    }
}

/// <summary>A scalar.</summary>
internal sealed class YamlScalarNode(Scalar scalar) : YamlNode(scalar.Start)
{
    public Scalar Scalar { get; } = scalar;

    public string Text => Scalar.Value;
}

/// <summary>A sequence.</summary>
internal sealed class YamlSequenceNode(Mark start, List<YamlNode> items) : YamlNode(start)
{
    public List<YamlNode> Items { get; } = items;
}

/// <summary>A mapping, entries in order.</summary>
internal sealed class YamlMappingNode(Mark start, List<KeyValuePair<YamlNode, YamlNode>> entries) : YamlNode(start)
{
    public List<KeyValuePair<YamlNode, YamlNode>> Entries { get; } = entries;
}
