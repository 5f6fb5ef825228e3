using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Chroma.Internal;

/// <summary>
/// JSON details of the Chroma API that matter for fidelity: a number with a fraction or exponent is a float and
/// one without is an integer (Chroma keeps the difference: it answers <c>1.0</c> for a float and <c>1</c> for an
/// integer), so floats are always written with a fraction or exponent; vector components are written as the exact
/// decimal of their float32 value (the shortest form that round-trips as a double), which any JSON parser, whether
/// it parses to float32 directly or to double first, turns back into the same float32 bits.
/// </summary>
internal static class ChromaJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true, Indented = false };

    public static ReadOnlyMemory<byte> Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenMemory;
    }

    /// <summary>Writes a float32 vector as a JSON array of exact decimals.</summary>
    public static void WriteVector(Utf8JsonWriter writer, ReadOnlySpan<float> vector)
    {
        Span<byte> digits = stackalloc byte[32];
        writer.WriteStartArray();
        foreach (var component in vector)
        {
            // Widening is exact; the double's shortest round-trip decimal therefore denotes the float32 value exactly.
            if (!((double)component).TryFormat(digits, out var written, "R", CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException("A float did not fit its formatting buffer.");
            }

            writer.WriteRawValue(digits[..written], skipInputValidation: true);
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Writes a finite double so that it reads back as a float, never as an integer: an integral value gets the
    /// exponent <c>E0</c> (<c>1E0</c>), which keeps the significand Chroma's parser sees as short as the shortest form.
    /// </summary>
    public static void WriteFloat(Utf8JsonWriter writer, double value)
    {
        Span<byte> digits = stackalloc byte[40];
        var written = FormatShortest(value, digits);
        if (digits[..written].IndexOfAny((byte)'.', (byte)'E', (byte)'e') < 0)
        {
            digits[written++] = (byte)'E';
            digits[written++] = (byte)'0';
        }

        writer.WriteRawValue(digits[..written], skipInputValidation: true);
    }

    /// <summary>
    /// Whether Chroma stores this double exactly as a metadata float. Its JSON parser (serde_json without exact float
    /// parsing) computes significand × 10^exponent in double arithmetic, which is exact only on the classic fast path:
    /// a significand of at most 2^53 and a decimal exponent within ±22 (one correctly rounded multiplication or division
    /// by an exactly representable power of ten). Other values (1.9000000000000001 comes back as 1.9, 1e-300 may move)
    /// and negative zero (it comes back as 0) are stored in Ferry's encoded form instead.
    /// </summary>
    public static bool IsExactInChroma(double value)
    {
        if (!double.IsFinite(value) || (value == 0 && double.IsNegative(value)))
        {
            return false;
        }

        Span<byte> text = stackalloc byte[40];
        var written = FormatShortest(value, text);
        ulong significand = 0;
        var exponent = 0;
        var fraction = false;
        var i = 0;
        for (; i < written; i++)
        {
            var c = text[i];
            if (c == (byte)'-')
            {
                continue;
            }

            if (c == (byte)'.')
            {
                fraction = true;
                continue;
            }

            if (c is (byte)'E' or (byte)'e')
            {
                break;
            }

            significand = (significand * 10) + (uint)(c - '0');
            if (significand > (1UL << 53))
            {
                return false;
            }

            if (fraction)
            {
                exponent--;
            }
        }

        if (i < written)
        {
            exponent += int.Parse(text[(i + 1)..written], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        return exponent is >= -22 and <= 22;
    }

    private static int FormatShortest(double value, Span<byte> destination) =>
        value.TryFormat(destination, out var written, "R", CultureInfo.InvariantCulture)
            ? written
            : throw new InvalidOperationException("A double did not fit its formatting buffer.");

    /// <summary>A JSON number token as Ferry metadata: integer when it has neither fraction nor exponent, float otherwise.</summary>
    public static MetadataValue ReadNumber(ref Utf8JsonReader reader)
    {
        var span = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        if (span.IndexOfAny((byte)'.', (byte)'E', (byte)'e') < 0 && reader.TryGetInt64(out var integer))
        {
            return MetadataValue.FromInteger(integer);
        }

        return MetadataValue.FromFloat(double.Parse(span, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    /// <summary>Reads any JSON value as metadata (objects and arrays recursively, numbers as by <see cref="ReadNumber"/>).</summary>
    public static MetadataValue ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return MetadataValue.FromString(reader.GetString());
            case JsonTokenType.Number:
                return ReadNumber(ref reader);
            case JsonTokenType.True:
                return MetadataValue.True;
            case JsonTokenType.False:
                return MetadataValue.False;
            case JsonTokenType.Null:
                return MetadataValue.Null;
            case JsonTokenType.StartArray:
                var items = new List<MetadataValue>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader));
                }

                return MetadataValue.FromArray(items);
            case JsonTokenType.StartObject:
                var entries = new List<KeyValuePair<string, MetadataValue>>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = reader.GetString()!;
                    reader.Read();
                    entries.Add(new(key, ReadValue(ref reader)));
                }

                return MetadataValue.FromObject(entries);
            default:
                throw new JsonException($"Unexpected JSON token {reader.TokenType}.");
        }
    }

    public static ChromaCollection ParseCollection(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var id = root.GetProperty("id").GetString() ?? throw new JsonException("Chroma collection without id.");
        var name = root.TryGetProperty("name", out var nameElement) ? nameElement.GetString() ?? string.Empty : string.Empty;
        int? dimension = root.TryGetProperty("dimension", out var dimensionElement) && dimensionElement.ValueKind == JsonValueKind.Number
            ? dimensionElement.GetInt32()
            : null;

        string? space = null;
        var spaceSource = "default";
        if (root.TryGetProperty("configuration_json", out var configuration) && configuration.ValueKind == JsonValueKind.Object)
        {
            foreach (var index in (ReadOnlySpan<string>)["hnsw", "spann"])
            {
                if (configuration.TryGetProperty(index, out var indexConfiguration)
                    && indexConfiguration.ValueKind == JsonValueKind.Object
                    && indexConfiguration.TryGetProperty("space", out var spaceElement)
                    && spaceElement.ValueKind == JsonValueKind.String)
                {
                    space = spaceElement.GetString();
                    spaceSource = $"configuration_json.{index}.space";
                    break;
                }
            }
        }

        if (space is null
            && root.TryGetProperty("metadata", out var metadata)
            && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("hnsw:space", out var legacy)
            && legacy.ValueKind == JsonValueKind.String)
        {
            space = legacy.GetString();
            spaceSource = "metadata.hnsw:space";
        }

        return new ChromaCollection(id, name, dimension, (space ?? ChromaSpace.Default).ToLowerInvariant(), spaceSource);
    }

    public static ChromaPreflight ParsePreflight(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var maxBatch = root.TryGetProperty("max_batch_size", out var max) && max.ValueKind == JsonValueKind.Number ? max.GetInt32() : 0;
        var base64 = root.TryGetProperty("supports_base64_encoding", out var b64) && b64.ValueKind == JsonValueKind.True;
        return new ChromaPreflight(maxBatch, base64);
    }

    public static long ParseCount(byte[] body)
    {
        var reader = new Utf8JsonReader(body);
        reader.Read();
        return reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : throw new JsonException("Chroma count is not a number.");
    }

    /// <summary>The <c>error</c> and <c>message</c> of Chroma's error body, when it is one.</summary>
    public static (string? Error, string? Message) ParseError(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return (error, message);
        }
        catch (JsonException)
        {
            return (null, body.Length == 0 ? null : Encoding.UTF8.GetString(body));
        }
    }
}
