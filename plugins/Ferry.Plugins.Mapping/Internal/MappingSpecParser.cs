using System.Globalization;
using Ferry.Plugins.Mapping.Internal.Operations;
using Ferry.Sdk.Records;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ferry.Plugins.Mapping.Internal;

/// <summary>
/// Reads a mapping spec from YAML and validates all of it before any record is touched: unknown keys, unknown
/// operations and options, bad values and contradictions are errors that name the spec and the YAML line.
/// </summary>
internal static class MappingSpecParser
{
    public const string InlineName = "inline mapping spec";

    private static readonly string[] TopLevelKeys = ["version", "rename", "include", "exclude", "defaults", "transforms"];

    private static readonly string[] Operations = ["trim", "lowercase", "uppercase", "split", "join", "parse_number", "parse_date", "to_string"];

    public static MappingSpec Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new Ferry.Sdk.Errors.ConnectorConfigurationException($"Mapping file '{path}' does not exist.");
        }

        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    public static MappingSpec Parse(TextReader text, string name)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(text);
        }
        catch (YamlException e)
        {
            throw new MappingSpecException(name, e.Start.Line, $"not valid YAML: {YamlMessage(e)}", e);
        }

        if (stream.Documents.Count == 0)
        {
            throw new MappingSpecException(name, 1, "the mapping is empty; see docs/mapping.md for its keys.");
        }

        if (stream.Documents.Count > 1)
        {
            throw new MappingSpecException(name, stream.Documents[1].RootNode.Start.Line, "a mapping spec is one YAML document.");
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new MappingSpecException(name, stream.Documents[0].RootNode.Start.Line, $"a mapping spec is a YAML mapping with the keys {string.Join(", ", TopLevelKeys)}.");
        }

        var context = new SpecContext(name);
        var renames = new List<RenameRule>();
        var transforms = new List<TransformRule>();
        var defaults = new List<DefaultRule>();
        List<KeyPattern> include = [];
        List<KeyPattern> exclude = [];
        foreach (var (keyNode, value) in root.Children)
        {
            var key = context.Key(keyNode);
            switch (key)
            {
                case "version":
                    if (context.Scalar(value, "version") != "1")
                    {
                        throw context.Error(value, $"unknown version '{context.Scalar(value, "version")}'; this ferry reads mapping specs of version 1.");
                    }

                    break;
                case "rename": ReadRenames(context, value, renames); break;
                case "include": include = ReadPatterns(context, value, key); break;
                case "exclude": exclude = ReadPatterns(context, value, key); break;
                case "defaults": ReadDefaults(context, value, defaults); break;
                case "transforms": ReadTransforms(context, value, transforms); break;
                default: throw context.Error(keyNode, $"unknown key '{key}'. Known keys: {string.Join(", ", TopLevelKeys)}.");
            }
        }

        if (renames.Count + transforms.Count + defaults.Count + include.Count + exclude.Count == 0)
        {
            throw context.Error(root, "the mapping does nothing: give at least one of rename, include, exclude, defaults, transforms.");
        }

        return new MappingSpec { Name = name, Renames = renames, Transforms = transforms, Include = include, Exclude = exclude, Defaults = defaults };
    }

    private static void ReadRenames(SpecContext context, YamlNode node, List<RenameRule> renames)
    {
        var sources = new HashSet<FieldRef>();
        var targets = new HashSet<FieldRef>();
        foreach (var (fromNode, toNode) in context.Mapping(node, "rename").Children)
        {
            var from = FieldRef.Parse(context.Key(fromNode, lower: false));
            var to = FieldRef.Parse(context.Scalar(toNode, $"rename.{from}"));
            if (from.Kind == FieldKind.Id)
            {
                throw context.Error(fromNode, "the id cannot be renamed away (every record needs one); rename another field to id to replace it.");
            }

            if (from == to)
            {
                throw context.Error(toNode, $"'{from}' is renamed to itself.");
            }

            if (!sources.Add(from))
            {
                throw context.Error(fromNode, $"'{from}' is renamed twice.");
            }

            if (!targets.Add(to))
            {
                throw context.Error(toNode, $"two fields are renamed to '{to}'.");
            }

            renames.Add(new RenameRule(from, to, fromNode.Start.Line));
        }
    }

    private static List<KeyPattern> ReadPatterns(SpecContext context, YamlNode node, string key)
    {
        var items = node is YamlSequenceNode sequence ? sequence.Children.ToList() : [node];
        var patterns = new List<KeyPattern>(items.Count);
        foreach (var item in items)
        {
            var text = context.Scalar(item, key);
            if (text is "id" or "text" or "title")
            {
                throw context.Error(item, $"{key} selects metadata keys; id, text and title always stay (write metadata.{text} for a metadata key of that name).");
            }

            var pattern = text.StartsWith("metadata.", StringComparison.Ordinal) ? text["metadata.".Length..] : text;
            try
            {
                patterns.Add(KeyPattern.Parse(pattern));
            }
            catch (FormatException e)
            {
                throw context.Error(item, e.Message, e);
            }
        }

        return patterns;
    }

    private static void ReadDefaults(SpecContext context, YamlNode node, List<DefaultRule> defaults)
    {
        foreach (var (fieldNode, valueNode) in context.Mapping(node, "defaults").Children)
        {
            var field = FieldRef.Parse(context.Key(fieldNode, lower: false));
            if (field.Kind == FieldKind.Id)
            {
                throw context.Error(fieldNode, "the id cannot have a default: every record has one.");
            }

            var value = DefaultValues.Read(context, valueNode);
            if (field.IsRecordField && value.Kind != MetadataKind.String)
            {
                throw context.Error(valueNode, $"{field} takes a string; the default is {value.Kind}.");
            }

            defaults.Add(new DefaultRule(field, value, fieldNode.Start.Line));
        }
    }

    private static void ReadTransforms(SpecContext context, YamlNode node, List<TransformRule> transforms)
    {
        if (node is not YamlSequenceNode sequence)
        {
            throw context.Error(node, "'transforms' is a list of steps such as '- { field: title, op: trim }'.");
        }

        foreach (var item in sequence.Children)
        {
            var step = context.Mapping(item, "a transform");
            var options = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            YamlNode? opNode = null;
            List<FieldRef>? fields = null;
            foreach (var (keyNode, value) in step.Children)
            {
                var key = context.Key(keyNode);
                switch (key)
                {
                    case "op":
                        opNode = value;
                        break;
                    case "field":
                        if (fields is not null)
                        {
                            throw context.Error(keyNode, "give either field or fields.");
                        }

                        fields = [FieldRef.Parse(context.Scalar(value, "field"))];
                        break;
                    case "fields":
                        if (fields is not null)
                        {
                            throw context.Error(keyNode, "give either field or fields.");
                        }

                        fields = value is YamlSequenceNode list && list.Children.Count > 0
                            ? list.Children.Select(c => FieldRef.Parse(context.Scalar(c, "fields"))).ToList()
                            : throw context.Error(value, "'fields' is a non-empty list of field names.");
                        break;
                    default:
                        if (!options.TryAdd(key, value))
                        {
                            throw context.Error(keyNode, $"'{key}' is given twice.");
                        }

                        break;
                }
            }

            if (opNode is null)
            {
                throw context.Error(item, $"a transform needs an op: one of {string.Join(", ", Operations)}.");
            }

            if (fields is null)
            {
                throw context.Error(item, "a transform needs a field (or fields).");
            }

            var operation = OperationOf(context, opNode, options);
            if (!operation.KeepsStrings)
            {
                foreach (var field in fields.Where(f => f.IsRecordField))
                {
                    throw context.Error(item, $"{operation.Name} cannot apply to {field}: id, text and title hold strings and {operation.Name} does not make one.");
                }
            }

            transforms.Add(new TransformRule(fields, operation, item.Start.Line));
        }
    }

    private static ValueOperation OperationOf(SpecContext context, YamlNode opNode, Dictionary<string, YamlNode> options)
    {
        var op = context.Scalar(opNode, "op").Trim().ToLowerInvariant();
        string[] allowed = op switch
        {
            "trim" or "lowercase" or "uppercase" => [],
            "split" => ["separator", "trim", "remove_empty"],
            "join" => ["separator"],
            "parse_number" => ["as"],
            "parse_date" => ["format", "offset"],
            "to_string" => ["format"],
            _ => throw context.Error(opNode, $"unknown op '{op}'. Known: {string.Join(", ", Operations)}."),
        };
        foreach (var (key, value) in options)
        {
            if (!allowed.Contains(key))
            {
                throw context.Error(value, allowed.Length == 0
                    ? $"{op} takes no options, got '{key}'."
                    : $"unknown option '{key}' for {op}. Known: {string.Join(", ", allowed)}.");
            }
        }

        string? Option(string key) => options.TryGetValue(key, out var node) ? context.Scalar(node, key) : null;
        switch (op)
        {
            case "trim": return StringOperation.Trim;
            case "lowercase": return StringOperation.Lowercase;
            case "uppercase": return StringOperation.Uppercase;
            case "split":
                var separator = Option("separator") ?? ",";
                if (separator.Length == 0)
                {
                    throw context.Error(options["separator"], "the separator must not be empty.");
                }

                return new SplitOperation(separator, Bool(context, options, "trim", true), Bool(context, options, "remove_empty", true));
            case "join":
                return new JoinOperation(Option("separator") ?? ",");
            case "parse_number":
                var target = Option("as")?.Trim().ToLowerInvariant() switch
                {
                    null or "auto" => NumberTarget.Auto,
                    "integer" => NumberTarget.Integer,
                    "float" => NumberTarget.Float,
                    "decimal" => NumberTarget.Decimal,
                    var other => throw context.Error(options["as"], $"'as' must be auto, integer, float or decimal, got '{other}'."),
                };
                return new ParseNumberOperation(target);
            case "parse_date":
                return ParseDate(context, options);
            default:
                return new ToStringOperation(Option("format"));
        }
    }

    private static ParseDateOperation ParseDate(SpecContext context, Dictionary<string, YamlNode> options)
    {
        var offset = TimeSpan.Zero;
        if (options.TryGetValue("offset", out var offsetNode))
        {
            var text = context.Scalar(offsetNode, "offset").Trim();
            if (text.Length > 0 && text[0] is '+' or '-' && IsoTimestamp.TryParse("2000-01-01T00:00" + text, TimeSpan.Zero, out var probe))
            {
                offset = probe.Offset;
            }
            else if (text is not ("Z" or "z"))
            {
                throw context.Error(offsetNode, $"'offset' must be Z or ±hh:mm, got '{text}'.");
            }
        }

        if (!options.TryGetValue("format", out var formatNode))
        {
            return new ParseDateOperation(DateMode.Iso, [], offset);
        }

        var formats = formatNode is YamlSequenceNode list
            ? list.Children.Select(c => context.Scalar(c, "format")).ToList()
            : [context.Scalar(formatNode, "format")];
        if (formats.Count == 0)
        {
            throw context.Error(formatNode, "'format' is a date format or a non-empty list of them.");
        }

        if (formats.Count == 1 && formats[0] is "unix" or "unix_ms")
        {
            return new ParseDateOperation(formats[0] == "unix" ? DateMode.UnixSeconds : DateMode.UnixMilliseconds, [], offset);
        }

        foreach (var format in formats)
        {
            if (format is "unix" or "unix_ms" || format.Length == 0)
            {
                throw context.Error(formatNode, format.Length == 0 ? "a date format must not be empty." : $"'{format}' cannot be combined with other formats.");
            }

            try
            {
                _ = DateTimeOffset.UnixEpoch.ToString(format, CultureInfo.InvariantCulture);
            }
            catch (FormatException e)
            {
                throw context.Error(formatNode, $"'{format}' is not a .NET date and time format.", e);
            }
        }

        return new ParseDateOperation(DateMode.Custom, formats, offset);
    }

    private static bool Bool(SpecContext context, Dictionary<string, YamlNode> options, string key, bool defaultValue)
    {
        if (!options.TryGetValue(key, out var node))
        {
            return defaultValue;
        }

        return context.Scalar(node, key) switch
        {
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            var other => throw context.Error(node, $"'{key}' must be true or false, got '{other}'."),
        };
    }

    private static string YamlMessage(YamlException e)
    {
        var message = e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && cut > 0 ? message[(cut + 3)..] : message;
    }
}
