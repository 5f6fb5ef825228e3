using System.Globalization;
using System.Text.RegularExpressions;
using Ferry.Plugins.Mapping.Internal.Operations;
using Ferry.Sdk.Records;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ferry.Plugins.Mapping.Internal;

/// <summary>
/// The typed value of a default: a plain scalar is read as YAML's core schema reads it (null, true/false, integer,
/// float, otherwise string); a quoted scalar is a string; a tag (!!str, !!int, !!float, !!bool, !!null,
/// !!timestamp) or the form <c>{type: T, value: V}</c> (T one of string, integer, float, decimal, bool, timestamp,
/// null) states the kind; a list is an array of such values.
/// </summary>
internal static partial class DefaultValues
{
    private static readonly string[] Types = ["string", "integer", "float", "decimal", "bool", "timestamp", "null"];

    public static MetadataValue Read(SpecContext context, YamlNode node)
    {
        switch (node)
        {
            case YamlSequenceNode sequence:
                return MetadataValue.FromArray(sequence.Children.Select(c => Read(context, c)).ToList());
            case YamlMappingNode mapping:
                return Typed(context, mapping);
            case YamlScalarNode scalar:
                var text = scalar.Value ?? string.Empty;
                if (!scalar.Tag.IsEmpty)
                {
                    var tag = scalar.Tag.Value;
                    var type = tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) ? tag["tag:yaml.org,2002:".Length..] : tag;
                    return Convert(context, scalar, type switch
                    {
                        "str" => "string",
                        "int" => "integer",
                        "float" or "bool" or "null" or "timestamp" => type,
                        _ => throw context.Error(scalar, $"unknown tag '{tag}'; use !!str, !!int, !!float, !!bool, !!null or !!timestamp."),
                    }, text);
                }

                return scalar.Style == ScalarStyle.Plain ? Infer(context, scalar, text) : MetadataValue.FromString(text);
            default:
                throw context.Error(node, "a default is a value, a list, or {type: …, value: …}.");
        }
    }

    private static MetadataValue Typed(SpecContext context, YamlMappingNode mapping)
    {
        string? type = null;
        YamlNode? value = null;
        foreach (var (keyNode, child) in mapping.Children)
        {
            switch (context.Key(keyNode))
            {
                case "type": type = context.Scalar(child, "type").Trim().ToLowerInvariant(); break;
                case "value": value = child; break;
                default: throw context.Error(keyNode, $"a typed default has the keys type and value, not '{context.Key(keyNode)}' (nested objects are not supported).");
            }
        }

        if (type is null)
        {
            throw context.Error(mapping, $"a typed default needs a type: one of {string.Join(", ", Types)}.");
        }

        if (!Types.Contains(type))
        {
            throw context.Error(mapping, $"unknown type '{type}'. Known: {string.Join(", ", Types)}.");
        }

        if (type == "null")
        {
            return value is null || value is YamlScalarNode { Value: null or "" or "null" or "~" }
                ? MetadataValue.Null
                : throw context.Error(value, "a null default has no value.");
        }

        if (value is null)
        {
            throw context.Error(mapping, "a typed default needs a value.");
        }

        return Convert(context, value, type, context.Scalar(value, "value"));
    }

    private static MetadataValue Infer(SpecContext context, YamlNode node, string text)
    {
        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return MetadataValue.Null;
        }

        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return MetadataValue.FromBool(text[0] is 't' or 'T');
        }

        if (IntegerSyntax().IsMatch(text))
        {
            return Convert(context, node, "integer", text);
        }

        if (FloatSyntax().IsMatch(text) || text is ".inf" or "+.inf" or "-.inf" or ".nan" or ".Inf" or "-.Inf" or ".NaN")
        {
            return Convert(context, node, "float", text);
        }

        return MetadataValue.FromString(text);
    }

    private static MetadataValue Convert(SpecContext context, YamlNode node, string type, string text)
    {
        var culture = CultureInfo.InvariantCulture;
        switch (type)
        {
            case "string":
                return MetadataValue.FromString(text);
            case "integer":
                return long.TryParse(text, NumberStyles.AllowLeadingSign, culture, out var integer)
                    ? MetadataValue.FromInteger(integer)
                    : throw context.Error(node, $"'{text}' is not a 64-bit integer (quote it for a string, or use type: decimal).");
            case "float":
                var lower = text.ToLowerInvariant();
                if (lower is ".inf" or "+.inf")
                {
                    return MetadataValue.FromFloat(double.PositiveInfinity);
                }

                if (lower == "-.inf")
                {
                    return MetadataValue.FromFloat(double.NegativeInfinity);
                }

                if (lower == ".nan")
                {
                    return MetadataValue.FromFloat(double.NaN);
                }

                return double.TryParse(text, NumberStyles.Float, culture, out var number) && double.IsFinite(number)
                    ? MetadataValue.FromFloat(number)
                    : throw context.Error(node, $"'{text}' is not a float.");
            case "decimal":
                return ExactNumber.IsNumber(text) && decimal.TryParse(text, NumberStyles.Float, culture, out var exact) && ExactNumber.Equals(text, exact)
                    ? MetadataValue.FromDecimal(exact)
                    : throw context.Error(node, $"'{text}' is not a decimal (at most 28 significant digits).");
            case "bool":
                return text switch
                {
                    "true" or "True" or "TRUE" => MetadataValue.True,
                    "false" or "False" or "FALSE" => MetadataValue.False,
                    _ => throw context.Error(node, $"'{text}' is not true or false."),
                };
            case "timestamp":
                return IsoTimestamp.TryParse(text, TimeSpan.Zero, out var timestamp)
                    ? MetadataValue.FromTimestamp(timestamp)
                    : throw context.Error(node, $"'{text}' is not an ISO 8601 timestamp such as 2024-01-31 or 2024-01-31T10:00:00Z.");
            default:
                return text is "" or "~" or "null" or "Null" or "NULL"
                    ? MetadataValue.Null
                    : throw context.Error(node, $"'{text}' is not null.");
        }
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerSyntax();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatSyntax();
}
