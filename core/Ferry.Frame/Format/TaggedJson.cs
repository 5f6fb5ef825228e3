using System.Runtime.CompilerServices;
using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Ferry.Sdk.Records;

namespace Ferry.Frame.Format;

/// <summary>
/// The <c>tagged-json</c> encoding of a metadata value (format.md, section 2.2): JSON in which every value keeps its
/// kind. Integers are plain JSON integers; floats, decimals, timestamps and bytes are one-member objects tagged
/// <c>$f</c>, <c>$d</c>, <c>$t</c>, <c>$b</c>; user object keys that start with <c>$</c> get one more <c>$</c>.
/// </summary>
internal static class TaggedJson
{
    private const string FloatTag = "$f";
    private const string DecimalTag = "$d";
    private const string TimestampTag = "$t";
    private const string BytesTag = "$b";
    private const long NegativeZeroBits = unchecked((long)0x8000000000000000UL);

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keep non-ASCII text readable in the column; the value is data, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    /// <summary>Encodes the value as UTF-8 JSON into the buffer writer.</summary>
    /// <exception cref="ArgumentException">A string holds invalid UTF-16 (a lone surrogate).</exception>
    public static void Write(MetadataValue value, IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        WriteValue(writer, value);
        writer.Flush();
    }

    public static byte[] Encode(MetadataValue value)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        Write(value, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static MetadataValue Decode(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            if (!reader.Read())
            {
                throw new FrameFormatException("A tagged-json metadata value is empty.");
            }

            var value = ReadValue(ref reader);
            if (reader.Read())
            {
                throw new FrameFormatException("A tagged-json metadata value has trailing content.");
            }

            return value;
        }
        catch (JsonException ex)
        {
            throw new FrameFormatException("A tagged-json metadata value is not valid JSON: " + ex.Message, ex);
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, MetadataValue value)
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
                writer.WriteStartObject();
                writer.WriteString(DecimalTag, FormatDecimal(value.AsDecimal()));
                writer.WriteEndObject();
                break;
            case MetadataKind.String:
                writer.WriteStringValue(value.AsString());
                break;
            case MetadataKind.Timestamp:
                writer.WriteStartObject();
                writer.WriteString(TimestampTag, value.AsTimestamp().ToString("O", CultureInfo.InvariantCulture));
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
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            case MetadataKind.Object:
                writer.WriteStartObject();
                foreach (var (key, item) in value.AsObject())
                {
                    writer.WritePropertyName(key.StartsWith('$') ? "$" + key : key);
                    WriteValue(writer, item);
                }

                writer.WriteEndObject();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value), value.Kind, "Unknown metadata kind.");
        }
    }

    private static void WriteFloat(Utf8JsonWriter writer, double value)
    {
        writer.WriteStartObject();
        var bits = BitConverter.DoubleToInt64Bits(value);
        if (double.IsFinite(value) && bits != NegativeZeroBits)
        {
            // Utf8JsonWriter writes the shortest text that parses back to the same double.
            writer.WriteNumber(FloatTag, value);
        }
        else
        {
            writer.WriteString(FloatTag, "0x" + bits.ToString("X16", CultureInfo.InvariantCulture));
        }

        writer.WriteEndObject();
    }

    private static string FormatDecimal(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);

        // decimal.ToString drops the sign of a negative zero; decimal.Parse keeps it, so write it back in.
        if (value == 0m && (decimal.GetBits(value)[3] & int.MinValue) != 0)
        {
            text = "-" + text;
        }

        return text;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static MetadataValue ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return MetadataValue.Null;
            case JsonTokenType.True:
                return MetadataValue.True;
            case JsonTokenType.False:
                return MetadataValue.False;
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var integer)
                    ? MetadataValue.FromInteger(integer)
                    : throw new FrameFormatException("A tagged-json number is not a 64-bit integer (floats are tagged $f).");
            case JsonTokenType.String:
                return MetadataValue.FromString(reader.GetString());
            case JsonTokenType.StartArray:
                var items = new List<MetadataValue>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader));
                }

                return MetadataValue.FromArray(items);
            case JsonTokenType.StartObject:
                return ReadObject(ref reader);
            default:
                throw new FrameFormatException($"Unexpected {reader.TokenType} in a tagged-json metadata value.");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static MetadataValue ReadObject(ref Utf8JsonReader reader)
    {
        var entries = new List<KeyValuePair<string, MetadataValue>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            if (!reader.Read())
            {
                throw new FrameFormatException("A tagged-json object ends early.");
            }

            if (key.Length > 0 && key[0] == '$' && (key.Length == 1 || key[1] != '$'))
            {
                if (entries.Count != 0)
                {
                    throw new FrameFormatException($"Tag '{key}' in a tagged-json object that has other members.");
                }

                var tagged = ReadTagged(key, ref reader);
                if (!reader.Read() || reader.TokenType != JsonTokenType.EndObject)
                {
                    throw new FrameFormatException($"Tag '{key}' in a tagged-json object that has other members.");
                }

                return tagged;
            }

            entries.Add(new(key.Length > 0 && key[0] == '$' ? key[1..] : key, ReadValue(ref reader)));
        }

        return MetadataValue.FromObject(entries);
    }

    private static MetadataValue ReadTagged(string tag, ref Utf8JsonReader reader)
    {
        switch (tag)
        {
            case FloatTag:
                if (reader.TokenType == JsonTokenType.Number)
                {
                    return MetadataValue.FromFloat(reader.GetDouble());
                }

                var bitsText = reader.GetString() ?? string.Empty;
                if (bitsText.StartsWith("0x", StringComparison.Ordinal)
                    && ulong.TryParse(bitsText.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bits))
                {
                    return MetadataValue.FromFloat(BitConverter.Int64BitsToDouble(unchecked((long)bits)));
                }

                throw new FrameFormatException($"Bad $f value '{bitsText}' in a tagged-json metadata value.");
            case DecimalTag:
                var decimalText = reader.GetString() ?? string.Empty;
                return decimal.TryParse(decimalText, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
                    ? MetadataValue.FromDecimal(number)
                    : throw new FrameFormatException($"Bad $d value '{decimalText}' in a tagged-json metadata value.");
            case TimestampTag:
                var timeText = reader.GetString() ?? string.Empty;
                return DateTimeOffset.TryParseExact(timeText, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
                    ? MetadataValue.FromTimestamp(time)
                    : throw new FrameFormatException($"Bad $t value '{timeText}' in a tagged-json metadata value.");
            case BytesTag:
                return MetadataValue.FromBytes(reader.GetBytesFromBase64());
            default:
                throw new FrameFormatException($"Unknown tag '{tag}' in a tagged-json metadata value.");
        }
    }
}
