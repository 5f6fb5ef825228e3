using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Postgres.Internal.Mapping;

/// <summary>
/// The encoding of the <c>metadata jsonb</c> column of tables the sink creates: plain JSON where JSON and jsonb
/// keep a value exactly, a tagged object <c>{"$ferry": kind, "v": text}</c> where they would not, so that every
/// metadata kind survives Ferry → PostgreSQL → Ferry bit for bit:
/// <list type="bullet">
/// <item>null, bool, string, integer: plain (jsonb stores numbers as numeric, integers exactly);</item>
/// <item>float: a plain number that always shows a fraction (<c>1.0</c>, <c>0.25</c>), because jsonb keeps a
/// number's digits and scale; tagged <c>float</c> for NaN, ±Infinity, -0 and values whose shortest form needs
/// an exponent (jsonb would print them without one, and the fraction would be lost);</item>
/// <item>decimal, timestamp (ISO 8601 with offset and 100 ns ticks), bytes (base64): tagged;</item>
/// <item>strings jsonb refuses (NUL, unpaired surrogates): tagged <c>utf16</c> (base64 of UTF-16LE);</item>
/// <item>arrays and objects: nested; an object that itself has a <c>$ferry</c> key is wrapped in a tagged <c>object</c>.</item>
/// </list>
/// </summary>
internal static class TaggedJson
{
    public const string TagKey = "$ferry";
    private const string ValueKey = "v";

    /// <summary>Writes the metadata entries as one JSON object.</summary>
    public static string EncodeObject(IEnumerable<KeyValuePair<string, MetadataValue>> entries)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in entries)
            {
                CheckKey(key);
                writer.WritePropertyName(key);
                Write(writer, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads an object written by <see cref="EncodeObject"/>.</summary>
    public static IReadOnlyList<KeyValuePair<string, MetadataValue>> DecodeObject(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The metadata column does not hold a JSON object.");
        }

        var entries = new List<KeyValuePair<string, MetadataValue>>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            entries.Add(new(property.Name, Read(property.Value)));
        }

        return entries;
    }

    /// <summary>Writes a float in the form <see cref="Read"/> gives back bit for bit.</summary>
    public static void WriteFloat(Utf8JsonWriter writer, double value)
    {
        if (!double.IsFinite(value) || (value == 0 && double.IsNegative(value)))
        {
            WriteTagged(writer, "float", double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "Infinity" : double.IsNegativeInfinity(value) ? "-Infinity" : "-0");
            return;
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E', StringComparison.Ordinal))
        {
            WriteTagged(writer, "float", text);
            return;
        }

        writer.WriteRawValue(text.Contains('.', StringComparison.Ordinal) ? text : text + ".0", skipInputValidation: true);
    }

    private static void Write(Utf8JsonWriter writer, MetadataValue value)
    {
        switch (value.Kind)
        {
            case MetadataKind.Null:
                writer.WriteNullValue();
                break;
            case MetadataKind.Bool:
                writer.WriteBooleanValue(value.AsBool());
                break;
            case MetadataKind.Integer:
                writer.WriteNumberValue(value.AsInteger());
                break;
            case MetadataKind.Float:
                WriteFloat(writer, value.AsFloat());
                break;
            case MetadataKind.Decimal:
                WriteTagged(writer, "decimal", value.AsDecimal().ToString(CultureInfo.InvariantCulture));
                break;
            case MetadataKind.String:
                var text = value.AsString();
                if (TextSafety.IsStorable(text))
                {
                    writer.WriteStringValue(text);
                }
                else
                {
                    WriteTagged(writer, "utf16", Convert.ToBase64String(MemoryMarshal.AsBytes(text.AsSpan())));
                }

                break;
            case MetadataKind.Timestamp:
                WriteTagged(writer, "timestamp", value.AsTimestamp().ToString("O", CultureInfo.InvariantCulture));
                break;
            case MetadataKind.Bytes:
                WriteTagged(writer, "bytes", Convert.ToBase64String(value.AsBytes().Span));
                break;
            case MetadataKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.AsArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case MetadataKind.Object:
                var entries = value.AsObject();
                var wrap = entries.ContainsKey(TagKey);
                if (wrap)
                {
                    writer.WriteStartObject();
                    writer.WriteString(TagKey, "object");
                    writer.WritePropertyName(ValueKey);
                }

                writer.WriteStartObject();
                foreach (var (key, item) in entries)
                {
                    CheckKey(key);
                    writer.WritePropertyName(key);
                    Write(writer, item);
                }

                writer.WriteEndObject();
                if (wrap)
                {
                    writer.WriteEndObject();
                }

                break;
            default:
                throw new InvalidOperationException($"Unknown metadata kind {value.Kind}.");
        }
    }

    private static MetadataValue Read(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                return JsonValues.Number(element.GetRawText());
            case JsonValueKind.Array:
                var items = new List<MetadataValue>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    items.Add(Read(item));
                }

                return MetadataValue.FromArray(items);
            case JsonValueKind.Object:
                if (element.TryGetProperty(TagKey, out var tag) && tag.ValueKind == JsonValueKind.String && element.TryGetProperty(ValueKey, out var inner))
                {
                    return ReadTagged(tag.GetString()!, inner);
                }

                var entries = new List<KeyValuePair<string, MetadataValue>>();
                foreach (var property in element.EnumerateObject())
                {
                    entries.Add(new(property.Name, Read(property.Value)));
                }

                return MetadataValue.FromObject(entries);
            default:
                return JsonValues.Convert(element);
        }
    }

    private static MetadataValue ReadTagged(string tag, JsonElement value)
    {
        if (tag == "object")
        {
            var entries = new List<KeyValuePair<string, MetadataValue>>();
            foreach (var property in value.EnumerateObject())
            {
                entries.Add(new(property.Name, Read(property.Value)));
            }

            return MetadataValue.FromObject(entries);
        }

        var text = value.GetString() ?? throw new FormatException($"Tagged value '{tag}' has no text.");
        return tag switch
        {
            "float" => MetadataValue.FromFloat(text switch
            {
                "NaN" => double.NaN,
                "Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                "-0" => -0.0,
                _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
            }),
            "decimal" => MetadataValue.FromDecimal(decimal.Parse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture)),
            "timestamp" => MetadataValue.FromTimestamp(DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None)),
            "bytes" => MetadataValue.FromBytes(Convert.FromBase64String(text)),
            "utf16" => MetadataValue.FromString(new string(MemoryMarshal.Cast<byte, char>(Convert.FromBase64String(text)))),
            _ => throw new FormatException($"Unknown tagged value kind '{tag}'."),
        };
    }

    private static void WriteTagged(Utf8JsonWriter writer, string tag, string text)
    {
        writer.WriteStartObject();
        writer.WriteString(TagKey, tag);
        writer.WriteString(ValueKey, text);
        writer.WriteEndObject();
    }

    private static void CheckKey(string key)
    {
        if (!TextSafety.IsStorable(key))
        {
            throw new FormatException("A metadata key contains a NUL character or an unpaired surrogate, which jsonb cannot store.");
        }
    }
}
