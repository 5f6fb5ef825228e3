using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ferry.Sdk.Records;

/// <summary>
/// Ferry's JSON for typed metadata values: every value keeps its kind and every bit. Null, booleans, strings, arrays
/// and objects are themselves; integers are JSON integers; the kinds JSON lacks are objects with one member, tagged
/// <c>$d</c> decimal (<c>{"$d": "12.3400"}</c>, scale and the sign of -0 kept), <c>$t</c> timestamp
/// (<c>{"$t": "2024-05-01T10:00:00.1234567+02:00"}</c>, 100 ns ticks and offset), <c>$b</c> bytes (base64) and
/// <c>$f</c> float (its bits as <c>"0x"</c> and 16 hex digits where decimal text cannot carry them). An object key
/// that starts with <c>$</c> is written with one more <c>$</c> (<c>$x</c> → <c>$$x</c>), so it never looks like a
/// tag. How other floats are written, and how strictly text is read, is the <see cref="MetadataJsonDialect"/>.
/// </summary>
/// <remarks>
/// The text forms are those of <see cref="MetadataText"/>. Malformed text throws <see cref="JsonException"/>. A string
/// (or object key) that is not valid UTF-16, i.e. has a lone surrogate, cannot be JSON text: System.Text.Json writes
/// U+FFFD in its place, so a caller that must keep such strings exactly checks for them first.
/// </remarks>
public static partial class MetadataJson
{
    private const string FloatTag = "$f";
    private const string DecimalTag = "$d";
    private const string TimestampTag = "$t";
    private const string BytesTag = "$b";
    private const long NegativeZeroBits = unchecked((long)0x8000000000000000UL);

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keeps non-ASCII text readable; the JSON is data, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // Plain text may come from other tools (comments allowed); tagged text is written by Ferry, and may nest deeper.
    private static readonly JsonReaderOptions PlainReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip };
    private static readonly JsonReaderOptions TaggedReaderOptions = new() { MaxDepth = 256 };

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Writes <paramref name="value"/> as one JSON value.</summary>
    /// <param name="writer">The writer; the value is written where a value may stand (top level, array item, after a property name).</param>
    /// <param name="value">The value.</param>
    /// <param name="dialect">How floats are written.</param>
    public static void Write(Utf8JsonWriter writer, MetadataValue value, MetadataJsonDialect dialect = MetadataJsonDialect.Plain)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        WriteValue(writer, value, dialect == MetadataJsonDialect.Tagged);
    }

    /// <summary>Writes <paramref name="value"/> as compact UTF-8 JSON into <paramref name="output"/>.</summary>
    public static void Serialize(MetadataValue value, IBufferWriter<byte> output, MetadataJsonDialect dialect = MetadataJsonDialect.Plain)
    {
        ArgumentNullException.ThrowIfNull(output);

        // One writer per thread, reset onto each output: a columnar sink serializes a value per row.
        var writer = t_writer;
        t_writer = null;
        if (writer is null)
        {
            writer = new Utf8JsonWriter(output, WriterOptions);
        }
        else
        {
            writer.Reset(output);
        }

        try
        {
            Write(writer, value, dialect);
            writer.Flush();
        }
        finally
        {
            writer.Reset(Stream.Null);
            t_writer = writer;
        }
    }

    /// <summary>The value as compact JSON text.</summary>
    public static string Serialize(MetadataValue value, MetadataJsonDialect dialect = MetadataJsonDialect.Plain)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        Serialize(value, buffer, dialect);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads one value from UTF-8 JSON that holds that value and nothing else.</summary>
    /// <exception cref="JsonException">The text is empty, not JSON, not of the dialect, or has text after the value.</exception>
    public static MetadataValue Deserialize(ReadOnlySpan<byte> utf8Json, MetadataJsonDialect dialect = MetadataJsonDialect.Plain)
    {
        var reader = new Utf8JsonReader(utf8Json, dialect == MetadataJsonDialect.Tagged ? TaggedReaderOptions : PlainReaderOptions);
        if (!reader.Read())
        {
            throw new JsonException("Empty JSON text.");
        }

        var value = Read(ref reader, dialect);
        if (reader.Read())
        {
            throw new JsonException("Unexpected text after the JSON value.");
        }

        return value;
    }

    /// <summary>Reads one value from JSON text that holds that value and nothing else.</summary>
    /// <exception cref="JsonException">The text is empty, not JSON, not of the dialect, or has text after the value.</exception>
    public static MetadataValue Deserialize(string json, MetadataJsonDialect dialect = MetadataJsonDialect.Plain)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Deserialize(Encoding.UTF8.GetBytes(json), dialect);
    }

    /// <summary>
    /// Reads the value whose first token is the reader's current token, and leaves the reader on the value's last
    /// token (so a caller walking a larger document carries on with <see cref="Utf8JsonReader.Read"/>).
    /// </summary>
    /// <exception cref="JsonException">The JSON is malformed or not of the dialect.</exception>
    public static MetadataValue Read(ref Utf8JsonReader reader, MetadataJsonDialect dialect = MetadataJsonDialect.Plain)
    {
        var tagged = dialect == MetadataJsonDialect.Tagged;
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
                if (!tagged)
                {
                    return ReadPlainNumber(ref reader);
                }

                return reader.TryGetInt64(out var integer)
                    ? MetadataValue.FromInteger(integer)
                    : throw new JsonException($"A number that is not a 64-bit integer (floats are tagged {FloatTag}).");
            case JsonTokenType.StartArray:
                var items = new List<MetadataValue>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(Read(ref reader, dialect));
                }

                return MetadataValue.FromArray(items);
            case JsonTokenType.StartObject:
                return tagged ? ReadTaggedObject(ref reader) : ReadPlainObject(ref reader);
            default:
                throw new JsonException($"Unexpected JSON token {reader.TokenType} where a value was expected.");
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, MetadataValue value, bool tagged)
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
                WriteFloat(writer, value.AsFloat(), tagged);
                break;
            case MetadataKind.Decimal:
                writer.WriteStartObject();
                writer.WriteString(DecimalTag, MetadataText.FormatDecimal(value.AsDecimal()));
                writer.WriteEndObject();
                break;
            case MetadataKind.String:
                writer.WriteStringValue(value.AsString());
                break;
            case MetadataKind.Timestamp:
                writer.WriteStartObject();
                writer.WriteString(TimestampTag, MetadataText.FormatTimestamp(value.AsTimestamp()));
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
                    WriteValue(writer, item, tagged);
                }

                writer.WriteEndArray();
                break;
            case MetadataKind.Object:
                writer.WriteStartObject();
                foreach (var (key, item) in value.AsObject())
                {
                    writer.WritePropertyName(key.StartsWith('$') ? "$" + key : key);
                    WriteValue(writer, item, tagged);
                }

                writer.WriteEndObject();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value), value.Kind, "Unknown metadata kind.");
        }
    }

    private static void WriteFloat(Utf8JsonWriter writer, double value, bool tagged)
    {
        if (tagged)
        {
            writer.WriteStartObject();
            if (double.IsFinite(value) && BitConverter.DoubleToInt64Bits(value) != NegativeZeroBits)
            {
                // Utf8JsonWriter writes the shortest text that parses back to the same double.
                writer.WriteNumber(FloatTag, value);
            }
            else
            {
                writer.WriteString(FloatTag, MetadataText.FormatFloatBits(value));
            }

            writer.WriteEndObject();
        }
        else if (double.IsFinite(value))
        {
            Span<byte> text = stackalloc byte[MetadataText.MaxFloatLength];
            MetadataText.TryFormatFloat(value, text, out var written);
            writer.WriteRawValue(text[..written], skipInputValidation: true);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteString(FloatTag, MetadataText.FormatFloatBits(value));
            writer.WriteEndObject();
        }
    }
}
