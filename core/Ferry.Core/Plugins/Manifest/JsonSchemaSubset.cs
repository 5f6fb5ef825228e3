using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ferry.Core.Plugins.Manifest;

/// <summary>
/// A validator for the subset of JSON Schema (draft 2020-12) that plugin-manifest.schema.json uses. Written
/// here rather than taken from a library because the one pinned (Newtonsoft.Json.Schema) caps free use at
/// 1000 validations an hour, which a host scanning plugins, or a test suite, can exceed. A schema using a
/// keyword outside the subset is rejected when the validator is created, so nothing is silently ignored.
/// </summary>
internal sealed class JsonSchemaSubset
{
    private static readonly HashSet<string> AnnotationKeywords = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$comment", "$defs", "title", "description", "default", "examples",
    };

    private static readonly HashSet<string> AssertionKeywords = new(StringComparer.Ordinal)
    {
        "type", "properties", "required", "additionalProperties", "minProperties", "maxProperties",
        "items", "minItems", "maxItems", "uniqueItems", "pattern", "minLength", "maxLength", "enum", "const",
        "minimum", "maximum", "oneOf", "anyOf", "allOf", "not", "$ref",
    };

    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    private readonly JsonElement _root;
    private readonly Dictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    /// <summary>Checks the schema uses only supported keywords and compiles its patterns.</summary>
    public JsonSchemaSubset(JsonElement root)
    {
        _root = root.Clone();
        CheckSchema(_root, "#");
    }

    /// <summary>Validates an instance; returns the violations (empty when valid), each with the JSON path where it occurs.</summary>
    public IReadOnlyList<SchemaViolation> Validate(JsonElement instance)
    {
        var violations = new List<SchemaViolation>();
        Validate(_root, instance, "$", violations);
        return violations;
    }

    private void CheckSchema(JsonElement schema, string location)
    {
        if (schema.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"Schema at {location} must be an object or a boolean.");
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            if (!AnnotationKeywords.Contains(keyword.Name) && !AssertionKeywords.Contains(keyword.Name))
            {
                throw new ArgumentException($"Schema keyword '{keyword.Name}' at {location} is not supported by this validator.");
            }

            switch (keyword.Name)
            {
                case "properties":
                case "$defs":
                    foreach (var property in keyword.Value.EnumerateObject())
                    {
                        CheckSchema(property.Value, $"{location}/{keyword.Name}/{property.Name}");
                    }

                    break;
                case "additionalProperties":
                case "items":
                case "not":
                    CheckSchema(keyword.Value, $"{location}/{keyword.Name}");
                    break;
                case "oneOf":
                case "anyOf":
                case "allOf":
                    var index = 0;
                    foreach (var branch in keyword.Value.EnumerateArray())
                    {
                        CheckSchema(branch, $"{location}/{keyword.Name}/{index++}");
                    }

                    break;
                case "pattern":
                    PatternFor(keyword.Value.GetString()!);
                    break;
                case "$ref":
                    Resolve(keyword.Value.GetString()!);
                    break;
            }
        }
    }

    private void Validate(JsonElement schema, JsonElement instance, string path, List<SchemaViolation> violations)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            violations.Add(new(path, "is not allowed here"));
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            Validate(Resolve(reference.GetString()!), instance, path, violations);
        }

        if (schema.TryGetProperty("type", out var type) && !MatchesType(type, instance))
        {
            violations.Add(new(path, $"must be {DescribeType(type)}, not {Describe(instance)}"));

            // The remaining keywords of this schema are about a value of the declared type; checking them
            // against a value of another type would only add noise.
            return;
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, instance))
        {
            violations.Add(new(path, $"must be {constant.GetRawText()}"));
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(value => JsonElement.DeepEquals(value, instance)))
        {
            violations.Add(new(path, $"must be one of {string.Join(", ", allowed.EnumerateArray().Select(v => v.GetRawText()))}"));
        }

        switch (instance.ValueKind)
        {
            case JsonValueKind.Object:
                ValidateObject(schema, instance, path, violations);
                break;
            case JsonValueKind.Array:
                ValidateArray(schema, instance, path, violations);
                break;
            case JsonValueKind.String:
                ValidateString(schema, instance.GetString()!, path, violations);
                break;
            case JsonValueKind.Number:
                ValidateNumber(schema, instance.GetDouble(), path, violations);
                break;
        }

        ValidateCombinators(schema, instance, path, violations);
    }

    private void ValidateObject(JsonElement schema, JsonElement instance, string path, List<SchemaViolation> violations)
    {
        var count = 0;
        foreach (var _ in instance.EnumerateObject())
        {
            count++;
        }

        if (schema.TryGetProperty("minProperties", out var minProperties) && count < minProperties.GetInt32())
        {
            violations.Add(new(path, $"must have at least {minProperties.GetInt32()} propert{(minProperties.GetInt32() == 1 ? "y" : "ies")}"));
        }

        if (schema.TryGetProperty("maxProperties", out var maxProperties) && count > maxProperties.GetInt32())
        {
            violations.Add(new(path, $"must have at most {maxProperties.GetInt32()} properties"));
        }

        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray())
            {
                if (!instance.TryGetProperty(name.GetString()!, out _))
                {
                    violations.Add(new(path, $"is missing required property '{name.GetString()}'"));
                }
            }
        }

        var hasProperties = schema.TryGetProperty("properties", out var properties);
        var hasAdditional = schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var property in instance.EnumerateObject())
        {
            var childPath = Child(path, property.Name);
            if (hasProperties && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Validate(propertySchema, property.Value, childPath, violations);
            }
            else if (hasAdditional)
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    violations.Add(new(childPath, "is not a known property"));
                }
                else
                {
                    Validate(additional, property.Value, childPath, violations);
                }
            }
        }
    }

    private void ValidateArray(JsonElement schema, JsonElement instance, string path, List<SchemaViolation> violations)
    {
        var length = instance.GetArrayLength();
        if (schema.TryGetProperty("minItems", out var minItems) && length < minItems.GetInt32())
        {
            violations.Add(new(path, $"must have at least {minItems.GetInt32()} item{(minItems.GetInt32() == 1 ? string.Empty : "s")}"));
        }

        if (schema.TryGetProperty("maxItems", out var maxItems) && length > maxItems.GetInt32())
        {
            violations.Add(new(path, $"must have at most {maxItems.GetInt32()} items"));
        }

        if (schema.TryGetProperty("uniqueItems", out var unique) && unique.ValueKind == JsonValueKind.True)
        {
            var seen = new List<JsonElement>();
            var index = 0;
            foreach (var item in instance.EnumerateArray())
            {
                if (seen.Any(s => JsonElement.DeepEquals(s, item)))
                {
                    violations.Add(new(Index(path, index), $"repeats {item.GetRawText()}; items must be unique"));
                }

                seen.Add(item);
                index++;
            }
        }

        if (schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in instance.EnumerateArray())
            {
                Validate(items, item, Index(path, index++), violations);
            }
        }
    }

    private void ValidateString(JsonElement schema, string value, string path, List<SchemaViolation> violations)
    {
        // Lengths count code points, as JSON Schema says, not UTF-16 units.
        var length = value.EnumerateRunes().Count();
        if (schema.TryGetProperty("minLength", out var minLength) && length < minLength.GetInt32())
        {
            violations.Add(new(path, $"must be at least {minLength.GetInt32()} character{(minLength.GetInt32() == 1 ? string.Empty : "s")} long"));
        }

        if (schema.TryGetProperty("maxLength", out var maxLength) && length > maxLength.GetInt32())
        {
            violations.Add(new(path, $"must be at most {maxLength.GetInt32()} characters long"));
        }

        if (schema.TryGetProperty("pattern", out var pattern) && !PatternFor(pattern.GetString()!).IsMatch(value))
        {
            violations.Add(new(path, $"'{value}' does not match the pattern {pattern.GetString()}"));
        }
    }

    private static void ValidateNumber(JsonElement schema, double value, string path, List<SchemaViolation> violations)
    {
        if (schema.TryGetProperty("minimum", out var minimum) && value < minimum.GetDouble())
        {
            violations.Add(new(path, $"must be at least {minimum.GetRawText()}"));
        }

        if (schema.TryGetProperty("maximum", out var maximum) && value > maximum.GetDouble())
        {
            violations.Add(new(path, $"must be at most {maximum.GetRawText()}"));
        }
    }

    private void ValidateCombinators(JsonElement schema, JsonElement instance, string path, List<SchemaViolation> violations)
    {
        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var branch in allOf.EnumerateArray())
            {
                Validate(branch, instance, path, violations);
            }
        }

        if (schema.TryGetProperty("anyOf", out var anyOf))
        {
            var results = Branches(anyOf, instance, path);
            if (!results.Any(r => r.Count == 0))
            {
                ReportNoBranch(anyOf, results, instance, path, violations);
            }
        }

        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var results = Branches(oneOf, instance, path);
            var matching = results.Count(r => r.Count == 0);
            if (matching == 0)
            {
                ReportNoBranch(oneOf, results, instance, path, violations);
            }
            else if (matching > 1)
            {
                violations.Add(new(path, $"matches {matching} of the allowed forms; it must match exactly one"));
            }
        }

        if (schema.TryGetProperty("not", out var not))
        {
            var inner = new List<SchemaViolation>();
            Validate(not, instance, path, inner);
            if (inner.Count == 0)
            {
                violations.Add(new(path, "matches a form that is not allowed"));
            }
        }
    }

    private List<List<SchemaViolation>> Branches(JsonElement branches, JsonElement instance, string path)
    {
        var results = new List<List<SchemaViolation>>();
        foreach (var branch in branches.EnumerateArray())
        {
            var inner = new List<SchemaViolation>();
            Validate(branch, instance, path, inner);
            results.Add(inner);
        }

        return results;
    }

    private void ReportNoBranch(JsonElement branches, List<List<SchemaViolation>> results, JsonElement instance, string path, List<SchemaViolation> violations)
    {
        // When exactly one alternative accepts the value's type, its own complaints are the useful ones
        // ("'1.x' does not match the pattern ..."), rather than "matches none of the forms".
        var sameType = new List<int>();
        var index = 0;
        foreach (var branch in branches.EnumerateArray())
        {
            var resolved = branch.TryGetProperty("$ref", out var reference) ? Resolve(reference.GetString()!) : branch;
            if (!resolved.TryGetProperty("type", out var type) || MatchesType(type, instance))
            {
                sameType.Add(index);
            }

            index++;
        }

        if (sameType.Count == 1)
        {
            violations.AddRange(results[sameType[0]]);
            return;
        }

        var forms = new List<string>();
        foreach (var branch in branches.EnumerateArray())
        {
            var resolved = branch.TryGetProperty("$ref", out var reference) ? Resolve(reference.GetString()!) : branch;
            forms.Add(resolved.TryGetProperty("type", out var type) ? DescribeType(type) : "a value of another form");
        }

        violations.Add(new(path, $"must be {string.Join(" or ", forms.Distinct())}, not {Describe(instance)}"));
    }

    private JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith("#", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Only local references (#/...) are supported, not '{reference}'.");
        }

        var current = _root;
        foreach (var segment in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                throw new ArgumentException($"Reference '{reference}' does not resolve within the schema.");
            }
        }

        return current;
    }

    private Regex PatternFor(string pattern)
    {
        lock (_patterns)
        {
            if (!_patterns.TryGetValue(pattern, out var regex))
            {
                regex = new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
                _patterns[pattern] = regex;
            }

            return regex;
        }
    }

    private static bool MatchesType(JsonElement type, JsonElement instance)
    {
        if (type.ValueKind == JsonValueKind.Array)
        {
            return type.EnumerateArray().Any(t => MatchesType(t.GetString()!, instance));
        }

        return MatchesType(type.GetString()!, instance);
    }

    private static bool MatchesType(string type, JsonElement instance) => type switch
    {
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && IsInteger(instance),
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => instance.ValueKind == JsonValueKind.Null,
        _ => throw new ArgumentException($"Unknown JSON Schema type '{type}'."),
    };

    private static bool IsInteger(JsonElement number) =>
        number.TryGetInt64(out _) || (number.TryGetDouble(out var value) && Math.Floor(value) == value && !double.IsInfinity(value));

    private static string DescribeType(JsonElement type)
    {
        var names = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray() : [type.GetString()!];
        return string.Join(" or ", names.Select(Article));
    }

    private static string Article(string type) => type switch
    {
        "object" or "array" or "integer" => "an " + type,
        "null" => "null",
        _ => "a " + type,
    };

    private static string Describe(JsonElement instance) => instance.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{instance.GetString()}\"",
        JsonValueKind.Number => $"the number {instance.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {instance.GetRawText()}",
        _ => "null",
    };

    private static string Child(string path, string name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c == '$'))
            {
                var escaped = new StringBuilder(name.Length + 2);
                escaped.Append(path).Append("['").Append(name.Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
                return escaped.ToString();
            }
        }

        return path + "." + name;
    }

    private static string Index(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
}
