using System.Buffers;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace Ferry.Plugins.DynamoDb.Internal;

/// <summary>
/// DynamoDB's JSON form of attribute values (<c>{"S": "…"}</c>, <c>{"N": "…"}</c>, <c>{"B": base64}</c>, …): the resume
/// token is a LastEvaluatedKey in this form, kept exactly (numbers as their text, binary as base64), and failure
/// reports show the raw item in it.
/// </summary>
internal static class DynamoJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Dictionary<string, AttributeValue> item)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            WriteMap(writer, item);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The item as DynamoDB JSON, cut at 4000 characters (for failure reports).</summary>
    public static string Describe(Dictionary<string, AttributeValue> item)
    {
        var text = Write(item);
        return text.Length <= 4000 ? text : string.Concat(text.AsSpan(0, 4000), "…");
    }

    public static Dictionary<string, AttributeValue> ReadMap(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ReadMap(document.RootElement);
    }

    private static Dictionary<string, AttributeValue> ReadMap(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("expected a JSON object of attributes");
        }

        var map = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            map[property.Name] = ReadValue(property.Value);
        }

        return map;
    }

    private static AttributeValue ReadValue(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("an attribute value must be an object like {\"S\": \"…\"}");
        }

        using var properties = element.EnumerateObject();
        if (!properties.MoveNext())
        {
            throw new FormatException("an attribute value needs a type");
        }

        var property = properties.Current;
        var value = property.Value;
        return property.Name switch
        {
            "S" => new AttributeValue { S = value.GetString() },
            "N" => new AttributeValue { N = value.GetString() },
            "B" => new AttributeValue { B = new MemoryStream(value.GetBytesFromBase64()) },
            "BOOL" => new AttributeValue { BOOL = value.GetBoolean() },
            "NULL" => new AttributeValue { NULL = value.GetBoolean() },
            "SS" => new AttributeValue { SS = [.. value.EnumerateArray().Select(v => v.GetString()!)] },
            "NS" => new AttributeValue { NS = [.. value.EnumerateArray().Select(v => v.GetString()!)] },
            "BS" => new AttributeValue { BS = [.. value.EnumerateArray().Select(v => new MemoryStream(v.GetBytesFromBase64()))] },
            "L" => new AttributeValue { L = [.. value.EnumerateArray().Select(ReadValue)] },
            "M" => new AttributeValue { M = ReadMap(value) },
            _ => throw new FormatException($"unknown attribute type '{property.Name}'"),
        };
    }

    private static void WriteMap(Utf8JsonWriter writer, Dictionary<string, AttributeValue> map)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in map)
        {
            writer.WritePropertyName(name);
            WriteValue(writer, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, AttributeValue value)
    {
        writer.WriteStartObject();
        if (value.S is not null)
        {
            writer.WriteString("S", value.S);
        }
        else if (value.N is not null)
        {
            writer.WriteString("N", value.N);
        }
        else if (value.B is not null)
        {
            writer.WriteBase64String("B", value.B.ToArray());
        }
        else if (value.BOOL is { } flag)
        {
            writer.WriteBoolean("BOOL", flag);
        }
        else if (value.NULL == true)
        {
            writer.WriteBoolean("NULL", true);
        }
        else if (value.SS is not null)
        {
            writer.WriteStartArray("SS");
            value.SS.ForEach(writer.WriteStringValue);
            writer.WriteEndArray();
        }
        else if (value.NS is not null)
        {
            writer.WriteStartArray("NS");
            value.NS.ForEach(writer.WriteStringValue);
            writer.WriteEndArray();
        }
        else if (value.BS is not null)
        {
            writer.WriteStartArray("BS");
            foreach (var item in value.BS)
            {
                writer.WriteBase64StringValue(item.ToArray());
            }

            writer.WriteEndArray();
        }
        else if (value.L is not null || value.IsLSet)
        {
            writer.WriteStartArray("L");
            foreach (var item in value.L ?? [])
            {
                WriteValue(writer, item);
            }

            writer.WriteEndArray();
        }
        else if (value.M is not null || value.IsMSet)
        {
            writer.WritePropertyName("M");
            WriteMap(writer, value.M ?? []);
        }

        writer.WriteEndObject();
    }
}
