using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Ferry.Sdk.Records;

/// <content>Reading: the lenient plain dialect and the strict tagged one.</content>
public static partial class MetadataJson
{
    /// <summary>An integer when written without fraction or exponent (a decimal when it does not fit 64 bits), else a float.</summary>
    private static MetadataValue ReadPlainNumber(ref Utf8JsonReader reader)
    {
        var span = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
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

    private static MetadataValue ReadPlainObject(ref Utf8JsonReader reader)
    {
        var entries = new List<KeyValuePair<string, MetadataValue>>();
        var first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (first && key.Length == 2 && key[0] == '$' && reader.TokenType == JsonTokenType.String)
            {
                var tagged = ReadPlainTag(key, reader.GetString()!);
                if (tagged is not null)
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.EndObject)
                    {
                        throw new JsonException($"A tagged value {{\"{key}\": …}} must have exactly one member.");
                    }

                    return tagged;
                }
            }

            first = false;
            entries.Add(KeyValuePair.Create(key.StartsWith("$$", StringComparison.Ordinal) ? key[1..] : key, Read(ref reader)));
        }

        return MetadataValue.FromObject(entries);
    }

    /// <summary>The value of a tagged object in the plain dialect; null when <paramref name="tag"/> is not a tag (an ordinary key).</summary>
    private static MetadataValue? ReadPlainTag(string tag, string text) => tag switch
    {
        FloatTag => MetadataText.TryParseFloatBits(text, out var bits) ? MetadataValue.FromFloat(bits)
            : MetadataText.TryParseFloat(text, out var parsed) ? MetadataValue.FromFloat(parsed)
            : throw new JsonException($"\"{FloatTag}\" holds '{text}', which is not a float or 0x + 16 hex digits."),
        DecimalTag => MetadataText.TryParseDecimal(text, out var number) ? MetadataValue.FromDecimal(number)
            : throw new JsonException($"\"{DecimalTag}\" holds '{text}', which is not a decimal number."),
        TimestampTag => MetadataText.TryParseTimestamp(text, out var time) ? MetadataValue.FromTimestamp(time)
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

    private static MetadataValue ReadTaggedObject(ref Utf8JsonReader reader)
    {
        var entries = new List<KeyValuePair<string, MetadataValue>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            if (!reader.Read())
            {
                throw new JsonException("An object ends early.");
            }

            // Every '$' key is a tag, unless escaped as '$$'.
            if (key.Length > 0 && key[0] == '$' && (key.Length == 1 || key[1] != '$'))
            {
                if (entries.Count != 0)
                {
                    throw new JsonException($"Tag '{key}' in an object that has other members.");
                }

                var value = ReadStrictTag(key, ref reader);
                if (!reader.Read() || reader.TokenType != JsonTokenType.EndObject)
                {
                    throw new JsonException($"Tag '{key}' in an object that has other members.");
                }

                return value;
            }

            entries.Add(new(key.Length > 0 && key[0] == '$' ? key[1..] : key, Read(ref reader, MetadataJsonDialect.Tagged)));
        }

        return MetadataValue.FromObject(entries);
    }

    /// <summary>The value of a tag in the tagged dialect: exactly the forms its writer produces.</summary>
    private static MetadataValue ReadStrictTag(string tag, ref Utf8JsonReader reader)
    {
        if (tag == FloatTag && reader.TokenType == JsonTokenType.Number)
        {
            return MetadataValue.FromFloat(reader.GetDouble());
        }

        if (tag is not (FloatTag or DecimalTag or TimestampTag or BytesTag))
        {
            throw new JsonException($"Unknown tag '{tag}'.");
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Tag '{tag}' holds {reader.TokenType}, not a string.");
        }

        if (tag == BytesTag)
        {
            return reader.TryGetBytesFromBase64(out var bytes)
                ? MetadataValue.FromBytes(bytes)
                : throw new JsonException($"\"{BytesTag}\" does not hold base64.");
        }

        var text = reader.GetString()!;
        switch (tag)
        {
            case FloatTag:
                return text.StartsWith("0x", StringComparison.Ordinal)
                    && ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bits)
                    ? MetadataValue.FromFloat(BitConverter.Int64BitsToDouble(unchecked((long)bits)))
                    : throw new JsonException($"Bad {FloatTag} value '{text}'.");
            case DecimalTag:
                return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
                    ? MetadataValue.FromDecimal(number)
                    : throw new JsonException($"Bad {DecimalTag} value '{text}'.");
            default:
                return DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
                    ? MetadataValue.FromTimestamp(time)
                    : throw new JsonException($"Bad {TimestampTag} value '{text}'.");
        }
    }
}
