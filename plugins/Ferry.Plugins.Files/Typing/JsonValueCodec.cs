using System.Text;
using System.Text.Json;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Files.Typing;

/// <summary>
/// Typed metadata values in JSON (docs/formats.md, "JSON value encoding"). Plain JSON wherever it is unambiguous:
/// an integer is a number without fraction or exponent, a float always has one (<c>1.0</c>), strings, booleans,
/// null, arrays and objects are themselves. The kinds JSON lacks are one-key objects: <c>{"$d":"12.30"}</c> decimal
/// (scale kept), <c>{"$t":"2024-05-01T10:00:00.1234567+02:00"}</c> timestamp (offset kept),
/// <c>{"$b":"AAEC"}</c> bytes (base64), <c>{"$f":"0x7FF8000000000001"}</c> a float whose bits decimal text cannot
/// carry (NaN with its payload, infinities). An object key starting with <c>$</c> gets one more <c>$</c>.
/// </summary>
internal static class JsonValueCodec
{
    public const string FloatTag = "$f";
    public const string DecimalTag = "$d";
    public const string TimestampTag = "$t";
    public const string BytesTag = "$b";

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
            case MetadataKind.Float:
                var d = value.AsFloat();
                if (FloatText.NeedsBits(d))
                {
                    writer.WriteStartObject();
                    writer.WriteString(FloatTag, FloatText.Bits(d));
                    writer.WriteEndObject();
                }
                else
                {
                    Span<byte> text = stackalloc byte[40];
                    writer.WriteRawValue(text[..FloatText.Format(d, text)], skipInputValidation: true);
                }

                break;
            case MetadataKind.Decimal:
                writer.WriteStartObject();
                writer.WriteString(DecimalTag, FloatText.FormatDecimal(value.AsDecimal()));
                writer.WriteEndObject();
                break;
            case MetadataKind.String:
                writer.WriteStringValue(value.AsString());
                break;
            case MetadataKind.Timestamp:
                writer.WriteStartObject();
                writer.WriteString(TimestampTag, FloatText.FormatTimestamp(value.AsTimestamp()));
                writer.WriteEndObject();
                break;
            case MetadataKind.Bytes:
                writer.WriteStartObject();
                writer.WriteBase64String(BytesTag, value.AsBytes().Span);
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
                writer.WriteStartObject();
                foreach (var (key, item) in value.AsObject())
                {
                    writer.WritePropertyName(EscapeKey(key));
                    Write(writer, item);
                }

                writer.WriteEndObject();
                break;
        }
    }

    /// <summary>Reads the value at the reader's current token (which must be a value's first token) and leaves the reader on its last token.</summary>
    public static MetadataValue Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return MetadataValue.Null;
            case JsonTokenType.True:
                return MetadataValue.True;
            case JsonTokenType.False:
                return MetadataValue.False;
            case JsonTokenType.String:
                return MetadataValue.FromString(reader.GetString());
            case JsonTokenType.Number:
                return ReadNumber(ref reader);
            case JsonTokenType.StartArray:
                var items = new List<MetadataValue>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(Read(ref reader));
                }

                return MetadataValue.FromArray(items);
            case JsonTokenType.StartObject:
                return ReadObject(ref reader);
            default:
                throw new JsonException($"Unexpected JSON token {reader.TokenType} where a value was expected.");
        }
    }

    /// <summary>The number at the reader: integer when written without fraction or exponent (decimal or float when it does not fit 64 bits).</summary>
    public static MetadataValue ReadNumber(ref Utf8JsonReader reader)
    {
        var span = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan;
        if (span.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0)
        {
            if (reader.TryGetInt64(out var integer))
            {
                return MetadataValue.FromInteger(integer);
            }

            if (reader.TryGetDecimal(out var big))
            {
                return MetadataValue.FromDecimal(big);
            }
        }

        return MetadataValue.FromFloat(reader.GetDouble());
    }

    public static string EscapeKey(string key) => key.StartsWith('$') ? "$" + key : key;

    public static string UnescapeKey(string key) => key.StartsWith("$$", StringComparison.Ordinal) ? key[1..] : key;

    private static MetadataValue ReadObject(ref Utf8JsonReader reader)
    {
        var entries = new List<KeyValuePair<string, MetadataValue>>();
        var first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var rawKey = reader.GetString()!;
            reader.Read();
            if (first && rawKey.Length == 2 && rawKey[0] == '$' && reader.TokenType == JsonTokenType.String)
            {
                var text = reader.GetString()!;
                var tagged = Tagged(rawKey, text);
                if (tagged is not null)
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.EndObject)
                    {
                        throw new JsonException($"A tagged value {{\"{rawKey}\": …}} must have exactly one member.");
                    }

                    return tagged;
                }
            }

            first = false;
            entries.Add(KeyValuePair.Create(UnescapeKey(rawKey), Read(ref reader)));
        }

        return MetadataValue.FromObject(entries);
    }

    private static MetadataValue? Tagged(string tag, string text) => tag switch
    {
        FloatTag => FloatText.TryParseBits(text, out var bits) ? MetadataValue.FromFloat(bits)
            : FloatText.TryParse(text, out var parsed) ? MetadataValue.FromFloat(parsed)
            : throw new JsonException($"\"{FloatTag}\" holds '{text}', which is not a float or 0x + 16 hex digits."),
        DecimalTag => FloatText.TryParseDecimal(text, out var dec) ? MetadataValue.FromDecimal(dec)
            : throw new JsonException($"\"{DecimalTag}\" holds '{text}', which is not a decimal number."),
        TimestampTag => FloatText.TryParseTimestamp(text, out var ts) ? MetadataValue.FromTimestamp(ts)
            : throw new JsonException($"\"{TimestampTag}\" holds '{text}', which is not an ISO 8601 timestamp."),
        BytesTag => MetadataValue.FromBytes(DecodeBase64(text)),
        _ => null,
    };

    private static byte[] DecodeBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException ex)
        {
            throw new JsonException($"\"{BytesTag}\" does not hold base64: {ex.Message}", ex);
        }
    }

    /// <summary>Encodes a value as compact JSON text (for CSV cells and Arrow's catch-all column).</summary>
    public static string ToJson(MetadataValue value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Decodes <see cref="ToJson(MetadataValue)"/>.</summary>
    public static MetadataValue FromJson(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read())
        {
            throw new JsonException("Empty JSON text.");
        }

        var value = Read(ref reader);
        if (reader.Read())
        {
            throw new JsonException("Unexpected text after the JSON value.");
        }

        return value;
    }

    /// <summary>Decodes <see cref="ToJson(MetadataValue)"/> from a string.</summary>
    public static MetadataValue FromJson(string text) => FromJson(Encoding.UTF8.GetBytes(text));
}
