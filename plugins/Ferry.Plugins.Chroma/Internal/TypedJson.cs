using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Chroma.Internal;

/// <summary>
/// The reversible text form of a metadata array or object that Ferry stores in a Chroma string (docs/from-chroma.md,
/// "rich types"). It is plain JSON where JSON can say the kind: strings, booleans, null, integers (no fraction or
/// exponent) and finite floats (always with a fraction or exponent). Every other value is a tagged object
/// <c>{"$ferry": KIND, "value": TEXT}</c> with KIND decimal, timestamp, bytes or float (non-finite), and an object
/// that itself has a <c>$ferry</c> key is wrapped as <c>{"$ferry": "object", "value": {…}}</c>, so decoding is exact.
/// </summary>
internal static class TypedJson
{
    public const string TagKey = "$ferry";

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(MetadataValue value)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Parses the text back; throws <see cref="FormatException"/> when it is not a valid encoding.</summary>
    public static MetadataValue Deserialize(string text)
    {
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text));
            if (!reader.Read())
            {
                throw new FormatException("empty text");
            }

            var value = Read(ref reader);
            if (reader.Read())
            {
                throw new FormatException("text after the value");
            }

            return value;
        }
        catch (JsonException ex)
        {
            throw new FormatException($"not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>The canonical text of a scalar kind JSON cannot carry (see <see cref="ParseScalar"/>).</summary>
    public static string FormatScalar(MetadataValue value) => value.Kind switch
    {
        MetadataKind.Decimal => value.AsDecimal().ToString(CultureInfo.InvariantCulture),
        MetadataKind.Timestamp => value.AsTimestamp().ToString("O", CultureInfo.InvariantCulture),
        MetadataKind.Bytes => Convert.ToBase64String(value.AsBytes().Span),
        MetadataKind.Float => value.AsFloat().ToString("R", CultureInfo.InvariantCulture),
        MetadataKind.Null => string.Empty,
        _ => throw new ArgumentException($"{value.Kind} has no scalar text form.", nameof(value)),
    };

    /// <summary>Parses the canonical text of a scalar kind; throws <see cref="FormatException"/> on bad text.</summary>
    public static MetadataValue ParseScalar(MetadataKind kind, string text)
    {
        switch (kind)
        {
            case MetadataKind.Decimal:
                return decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number)
                    ? MetadataValue.FromDecimal(number)
                    : throw new FormatException($"'{text}' is not a decimal number");
            case MetadataKind.Timestamp:
                // Ferry writes the round-trip form ("O"); other ISO 8601 forms (e.g. "…Z" from another tool) read too.
                return DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
                    || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant)
                    ? MetadataValue.FromTimestamp(instant)
                    : throw new FormatException($"'{text}' is not an ISO 8601 timestamp");
            case MetadataKind.Bytes:
                try
                {
                    return MetadataValue.FromBytes(Convert.FromBase64String(text));
                }
                catch (FormatException)
                {
                    throw new FormatException($"'{Shorten(text)}' is not base64");
                }

            case MetadataKind.Float:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
                    ? MetadataValue.FromFloat(real)
                    : throw new FormatException($"'{text}' is not a floating-point number");
            case MetadataKind.String:
                return MetadataValue.FromString(text);
            case MetadataKind.Null:
                return text.Length == 0 ? MetadataValue.Null : throw new FormatException($"a null is stored as an empty string, got '{Shorten(text)}'");
            default:
                throw new FormatException($"{kind} has no scalar text form");
        }
    }

    public static void Write(Utf8JsonWriter writer, MetadataValue value)
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
            case MetadataKind.String:
                writer.WriteStringValue(value.AsString());
                break;
            case MetadataKind.Float when double.IsFinite(value.AsFloat()):
                ChromaJson.WriteFloat(writer, value.AsFloat());
                break;
            case MetadataKind.Float:
            case MetadataKind.Decimal:
            case MetadataKind.Timestamp:
            case MetadataKind.Bytes:
                writer.WriteStartObject();
                writer.WriteString(TagKey, KindNames.Name(value.Kind));
                writer.WriteString("value", FormatScalar(value));
                writer.WriteEndObject();
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
                    writer.WriteString(TagKey, KindNames.Name(MetadataKind.Object));
                    writer.WritePropertyName("value");
                }

                writer.WriteStartObject();
                foreach (var (key, item) in entries)
                {
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
                throw new ArgumentOutOfRangeException(nameof(value), value.Kind, "Unknown metadata kind.");
        }
    }

    private static MetadataValue Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray:
                var items = new List<MetadataValue>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(Read(ref reader));
                }

                return MetadataValue.FromArray(items);
            case JsonTokenType.StartObject:
                if (!reader.Read())
                {
                    throw new FormatException("unterminated object");
                }

                // The writer puts the tag first, so a tagged value is recognised by its first key.
                return reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(TagKey)
                    ? ReadTagged(ref reader)
                    : MetadataValue.FromObject(ReadEntries(ref reader, wrapped: false));
            default:
                return ChromaJson.ReadValue(ref reader);
        }
    }

    /// <summary>
    /// Reads the entries of an object whose first property name is the current token, up to its end. Only a wrapped
    /// object (<paramref name="wrapped"/>) may have a plain <c>$ferry</c> key; anywhere else it is malformed.
    /// </summary>
    private static List<KeyValuePair<string, MetadataValue>> ReadEntries(ref Utf8JsonReader reader, bool wrapped)
    {
        var entries = new List<KeyValuePair<string, MetadataValue>>();
        while (reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            if (key == TagKey && !wrapped)
            {
                throw new FormatException($"'{TagKey}' may only be the first key of a tagged value");
            }

            reader.Read();
            entries.Add(new(key, Read(ref reader)));
            reader.Read();
        }

        return entries;
    }

    /// <summary>Reads <c>"$ferry": KIND, "value": …}</c>, the current token being the tag's property name.</summary>
    private static MetadataValue ReadTagged(ref Utf8JsonReader reader)
    {
        reader.Read();
        var kindName = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new FormatException("a tag must be a string");
        var kind = KindNames.Parse(kindName) ?? throw new FormatException($"unknown kind '{kindName}'");
        if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("value"u8))
        {
            throw new FormatException($"a tagged value needs '{TagKey}' followed by 'value'");
        }

        reader.Read();
        MetadataValue value;
        if (kind == MetadataKind.Object)
        {
            // A wrapped object: its own keys (one of them "$ferry") are plain keys.
            if (reader.TokenType != JsonTokenType.StartObject || !reader.Read())
            {
                throw new FormatException("a wrapped object must hold an object");
            }

            value = MetadataValue.FromObject(ReadEntries(ref reader, wrapped: true));
        }
        else if (kind is MetadataKind.Decimal or MetadataKind.Timestamp or MetadataKind.Bytes or MetadataKind.Float && reader.TokenType == JsonTokenType.String)
        {
            value = ParseScalar(kind, reader.GetString()!);
        }
        else
        {
            throw new FormatException($"a tagged {kindName} must hold its text form");
        }

        if (!reader.Read() || reader.TokenType != JsonTokenType.EndObject)
        {
            throw new FormatException("a tagged value has exactly two keys");
        }

        return value;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
