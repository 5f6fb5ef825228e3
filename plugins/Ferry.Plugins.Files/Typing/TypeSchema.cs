using System.Globalization;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using YamlDotNet.RepresentationModel;

namespace Ferry.Plugins.Files.Typing;

/// <summary>
/// The <c>schema</c> option: the types of metadata fields, declared inline (<c>year:integer,score:float</c>) or in a
/// YAML or JSON file (a mapping of field to type, or <c>fields: [{name, type}]</c>). Text formats apply it on import to
/// restore the types their text lost; typed formats use it to convert values whose kind differs.
/// </summary>
internal sealed class TypeSchema
{
    private readonly Dictionary<string, FieldType> _fields;

    private TypeSchema(Dictionary<string, FieldType> fields)
    {
        _fields = fields;
    }

    public static TypeSchema Empty { get; } = new(new Dictionary<string, FieldType>(StringComparer.Ordinal));

    public bool IsEmpty => _fields.Count == 0;

    public IReadOnlyDictionary<string, FieldType> Fields => _fields;

    /// <summary>Parses the option value: a path to a .yaml/.yml/.json file, or inline <c>name:type,…</c>.</summary>
    public static TypeSchema Parse(string? option)
    {
        if (string.IsNullOrWhiteSpace(option))
        {
            return Empty;
        }

        var looksLikeFile = option.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
            || option.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            || option.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        return looksLikeFile ? FromFile(option) : FromInline(option);
    }

    public static TypeSchema FromInline(string text)
    {
        var fields = new Dictionary<string, FieldType>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.LastIndexOf(':');
            if (colon <= 0 || colon == part.Length - 1)
            {
                throw new ConnectorConfigurationException($"Option 'schema': '{part}' is not name:type (e.g. year:integer,score:float,published:timestamp).");
            }

            fields[part[..colon].Trim()] = ParseType(part[(colon + 1)..].Trim(), part[..colon].Trim());
        }

        return new TypeSchema(fields);
    }

    public static TypeSchema FromFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConnectorConfigurationException($"Option 'schema': cannot read {path}: {ex.Message}", ex);
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new ConnectorConfigurationException($"Option 'schema': {path} is not valid YAML or JSON ({ex.Start}): {ex.Message}", ex);
        }

        var fields = new Dictionary<string, FieldType>(StringComparer.Ordinal);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ConnectorConfigurationException($"Option 'schema': {path} must hold a mapping of field names to types.");
        }

        if (root.Children.TryGetValue(new YamlScalarNode("fields"), out var list) && list is YamlSequenceNode sequence)
        {
            foreach (var item in sequence)
            {
                if (item is not YamlMappingNode entry
                    || !entry.Children.TryGetValue(new YamlScalarNode("name"), out var name)
                    || !entry.Children.TryGetValue(new YamlScalarNode("type"), out var type))
                {
                    throw new ConnectorConfigurationException($"Option 'schema': every item of 'fields' in {path} needs a name and a type.");
                }

                var fieldName = ((YamlScalarNode)name).Value!;
                fields[fieldName] = ParseType(((YamlScalarNode)type).Value!, fieldName);
            }
        }
        else
        {
            foreach (var (key, value) in root.Children)
            {
                var fieldName = ((YamlScalarNode)key).Value!;
                fields[fieldName] = value is YamlScalarNode scalar
                    ? ParseType(scalar.Value!, fieldName)
                    : throw new ConnectorConfigurationException($"Option 'schema': the type of '{fieldName}' in {path} must be a name such as integer.");
            }
        }

        return new TypeSchema(fields);
    }

    public bool TryGet(string field, out FieldType type) => _fields.TryGetValue(field, out type);

    /// <summary>Converts cell text to the declared type of <paramref name="field"/> (string when undeclared).</summary>
    public MetadataValue FromText(string field, string text) =>
        _fields.TryGetValue(field, out var type) ? Convert(type, text, field) : MetadataValue.FromString(text);

    /// <summary>Converts a value that already has a kind (from JSON, YAML, XML) to the declared type, when it differs.</summary>
    public MetadataValue Coerce(string field, MetadataValue value)
    {
        if (!_fields.TryGetValue(field, out var type) || value.IsNull)
        {
            return value;
        }

        return (type, value.Kind) switch
        {
            (FieldType.String, MetadataKind.String) or (FieldType.Integer, MetadataKind.Integer) or (FieldType.Float, MetadataKind.Float)
                or (FieldType.Decimal, MetadataKind.Decimal) or (FieldType.Bool, MetadataKind.Bool) or (FieldType.Timestamp, MetadataKind.Timestamp)
                or (FieldType.Bytes, MetadataKind.Bytes) or (FieldType.Json, _) => value,
            (_, MetadataKind.String) => Convert(type, value.AsString(), field),
            (FieldType.Float, MetadataKind.Integer) => MetadataValue.FromFloat(value.AsInteger()),
            (FieldType.Decimal, MetadataKind.Integer) => MetadataValue.FromDecimal(value.AsInteger()),
            (FieldType.String, _) => MetadataValue.FromString(value.Kind == MetadataKind.Float ? MetadataText.FormatFloat(value.AsFloat()) : value.ToString()),
            _ => Convert(type, value.ToString(), field),
        };
    }

    public static MetadataValue Convert(FieldType type, string text, string field)
    {
        var trimmed = text.Trim();
        return type switch
        {
            FieldType.String => MetadataValue.FromString(text),
            FieldType.Integer => long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? MetadataValue.FromInteger(l) : throw Bad(field, text, "an integer"),
            FieldType.Float => MetadataText.TryParseFloatBits(trimmed, out var bits) ? MetadataValue.FromFloat(bits)
                : MetadataText.TryParseFloat(trimmed, out var d) ? MetadataValue.FromFloat(d) : throw Bad(field, text, "a number"),
            FieldType.Decimal => MetadataText.TryParseDecimal(trimmed, out var m) ? MetadataValue.FromDecimal(m) : throw Bad(field, text, "a decimal number"),
            FieldType.Bool => trimmed.ToUpperInvariant() switch
            {
                "TRUE" or "1" or "YES" or "Y" or "T" => MetadataValue.True,
                "FALSE" or "0" or "NO" or "N" or "F" => MetadataValue.False,
                _ => throw Bad(field, text, "true or false"),
            },
            FieldType.Timestamp => MetadataText.TryParseTimestamp(trimmed, out var ts) ? MetadataValue.FromTimestamp(ts) : throw Bad(field, text, "an ISO 8601 timestamp"),
            FieldType.Bytes => TryBase64(trimmed, out var bytes) ? MetadataValue.FromBytes(bytes) : throw Bad(field, text, "base64"),
            FieldType.Json => ParseJson(text, field),
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
    }

    private static MetadataValue ParseJson(string text, string field)
    {
        try
        {
            return MetadataJson.Deserialize(text);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new FormatException($"Field '{field}': '{Shorten(text)}' is not JSON ({ex.Message}).", ex);
        }
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[(text.Length * 3 / 4) + 3];
        if (System.Convert.TryFromBase64String(text, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }

    private static FormatException Bad(string field, string text, string what) =>
        new($"Field '{field}': '{Shorten(text)}' is not {what}, as the schema declares.");

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    public static FieldType ParseType(string name, string field) => name.ToLowerInvariant() switch
    {
        "string" or "str" or "text" => FieldType.String,
        "integer" or "int" or "long" or "int64" => FieldType.Integer,
        "float" or "double" or "number" or "float64" => FieldType.Float,
        "decimal" or "numeric" => FieldType.Decimal,
        "bool" or "boolean" => FieldType.Bool,
        "timestamp" or "datetime" or "date" => FieldType.Timestamp,
        "bytes" or "binary" or "base64" => FieldType.Bytes,
        "json" or "array" or "object" or "list" => FieldType.Json,
        _ => throw new ConnectorConfigurationException($"Option 'schema': field '{field}' has unknown type '{name}' (use string, integer, float, decimal, bool, timestamp, bytes or json)."),
    };

    /// <summary>The type of a name, or <c>null</c> when the name is not a type.</summary>
    public static FieldType? ParseTypeOrNull(string name)
    {
        try
        {
            return ParseType(name, name);
        }
        catch (ConnectorConfigurationException)
        {
            return null;
        }
    }

    public static string TypeName(FieldType type) => type.ToString().ToLowerInvariant();

    /// <summary>The schema type of a value's kind (for typed CSV headers).</summary>
    public static FieldType? TypeOf(MetadataKind kind) => kind switch
    {
        MetadataKind.String => FieldType.String,
        MetadataKind.Integer => FieldType.Integer,
        MetadataKind.Float => FieldType.Float,
        MetadataKind.Decimal => FieldType.Decimal,
        MetadataKind.Bool => FieldType.Bool,
        MetadataKind.Timestamp => FieldType.Timestamp,
        MetadataKind.Bytes => FieldType.Bytes,
        MetadataKind.Array or MetadataKind.Object => FieldType.Json,
        _ => null,
    };
}
