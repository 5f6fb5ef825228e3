using System.Buffers;
using System.Text.Json;
using Ferry.Sdk.Records;
using Ferry.Text.Json;

namespace Ferry.Plugins.Files.Internal.Jsonl;

/// <summary>
/// Writes a record as one line of Ferry's JSON record shape: <c>id</c>, <c>title</c>, <c>text</c>,
/// <c>record_type</c> (when not a document), <c>collection</c>, <c>vector</c> (the default vector),
/// <c>vectors</c> (other named ones), <c>sparse</c>, <c>metadata</c>, <c>relationships</c>, <c>source</c>.
/// Nothing is lost: integers are written without a decimal point and floats always with one (or an exponent),
/// float32 components in shortest round-trip form (non-finite ones as the strings "NaN", "Infinity",
/// "-Infinity"; an array holding a NaN other than .NET's default NaN as <c>{"$f32": base64}</c> of its
/// little-endian bytes, so NaN payloads survive), and kinds JSON lacks as one-key tagged objects.
/// </summary>
internal sealed class JsonlRecordWriter
{
    /// <summary>The tag of a float32 array written as its raw bytes.</summary>
    public const string RawFloatsTag = "$f32";

    /// <summary>The bits of <see cref="float.NaN"/>: the NaN that the string "NaN" reads back as.</summary>
    private static readonly int DefaultSingleNaNBits = BitConverter.SingleToInt32Bits(float.NaN);

    /// <summary>The bits of <see cref="double.NaN"/>: the NaN that <c>{"$float": "NaN"}</c> reads back as.</summary>
    private static readonly long DefaultDoubleNaNBits = BitConverter.DoubleToInt64Bits(double.NaN);

    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private readonly ArrayBufferWriter<byte> _scratch = new(4096);
    private readonly Utf8JsonWriter _writer;

    public JsonlRecordWriter()
    {
        _writer = new Utf8JsonWriter(_scratch, Options);
    }

    /// <summary>Appends the record and a line feed to <paramref name="output"/>.</summary>
    public void WriteLine(Record record, IBufferWriter<byte> output)
    {
        _scratch.ResetWrittenCount();
        _writer.Reset(_scratch);
        Write(record);
        _writer.Flush();
        var span = output.GetSpan(_scratch.WrittenCount + 1);
        _scratch.WrittenSpan.CopyTo(span);
        span[_scratch.WrittenCount] = (byte)'\n';
        output.Advance(_scratch.WrittenCount + 1);
    }

    private void Write(Record record)
    {
        var w = _writer;
        w.WriteStartObject();
        w.WriteString("id"u8, record.Id);
        if (record.Title is not null)
        {
            w.WriteString("title"u8, record.Title);
        }

        if (record.Text is not null)
        {
            w.WriteString("text"u8, record.Text);
        }

        if (!string.Equals(record.RecordType, RecordTypes.Document, StringComparison.Ordinal))
        {
            w.WriteString("record_type"u8, record.RecordType);
        }

        if (record.Collection is not null)
        {
            w.WriteString("collection"u8, record.Collection);
        }

        var named = 0;
        foreach (var (name, vector) in record.Vectors)
        {
            if (string.Equals(name, Record.DefaultVectorName, StringComparison.Ordinal))
            {
                w.WritePropertyName("vector"u8);
                WriteFloats(vector);
            }
            else
            {
                named++;
            }
        }

        if (named > 0)
        {
            w.WriteStartObject("vectors"u8);
            foreach (var (name, vector) in record.Vectors)
            {
                if (!string.Equals(name, Record.DefaultVectorName, StringComparison.Ordinal))
                {
                    w.WritePropertyName(name);
                    WriteFloats(vector);
                }
            }

            w.WriteEndObject();
        }

        if (record.Sparse.Count > 0)
        {
            w.WriteStartObject("sparse"u8);
            foreach (var (name, sparse) in record.Sparse)
            {
                w.WriteStartObject(name);
                w.WriteStartArray("indices"u8);
                foreach (var index in sparse.Indices)
                {
                    w.WriteNumberValue(index);
                }

                w.WriteEndArray();
                w.WritePropertyName("values"u8);
                WriteFloats(sparse.Values);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        if (record.Metadata.Count > 0)
        {
            w.WriteStartObject("metadata"u8);
            foreach (var (key, value) in record.Metadata)
            {
                w.WritePropertyName(key);
                WriteValue(value);
            }

            w.WriteEndObject();
        }

        if (record.Relationships.Count > 0)
        {
            w.WriteStartArray("relationships"u8);
            foreach (var relationship in record.Relationships)
            {
                w.WriteStartObject();
                w.WriteString("kind"u8, relationship.Kind);
                w.WriteString("target"u8, relationship.TargetId);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (record.Source is { } source)
        {
            w.WriteStartObject("source"u8);
            w.WriteString("system"u8, source.System);
            if (source.Location is not null)
            {
                w.WriteString("location"u8, source.Location);
            }

            if (source.OriginalId is not null)
            {
                w.WriteString("original_id"u8, source.OriginalId);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private void WriteFloats(ReadOnlySpan<float> values)
    {
        if (HasNaNPayload(values))
        {
            // "NaN" would read back as the default NaN: the raw bytes keep the payload (and the sign).
            _writer.WriteStartObject();
            _writer.WriteBase64String(RawFloatsTag, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
            _writer.WriteEndObject();
            return;
        }

        var rented = ArrayPool<byte>.Shared.Rent(JsonNumberArray.GetMaxByteCount(values.Length));
        try
        {
            JsonNumberArray.TryWriteSingles(values, rented, out var written, NonFiniteNumberHandling.QuotedLiteral);
            _writer.WriteRawValue(rented.AsSpan(0, written), skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool HasNaNPayload(ReadOnlySpan<float> values)
    {
        foreach (var value in values)
        {
            if (float.IsNaN(value) && BitConverter.SingleToInt32Bits(value) != DefaultSingleNaNBits)
            {
                return true;
            }
        }

        return false;
    }

    private void WriteValue(MetadataValue value)
    {
        var w = _writer;
        switch (value.Kind)
        {
            case MetadataKind.Null:
                w.WriteNullValue();
                break;
            case MetadataKind.Bool:
                w.WriteBooleanValue(value.AsBool());
                break;
            case MetadataKind.Integer:
                w.WriteNumberValue(value.AsInteger());
                break;
            case MetadataKind.Float:
                var number = value.AsFloat();
                if (double.IsFinite(number))
                {
                    // Always with a fraction or exponent: "1" would read back as an integer, 1.0 stays a float.
                    Span<byte> text = stackalloc byte[MetadataText.MaxFloatLength];
                    MetadataText.TryFormatFloat(number, text, out var length);
                    w.WriteRawValue(text[..length], skipInputValidation: true);
                }
                else if (double.IsNaN(number))
                {
                    // Any NaN but the default one keeps its bits (payload and sign) as 0x and 16 hex digits.
                    Tagged("$float"u8, BitConverter.DoubleToInt64Bits(number) == DefaultDoubleNaNBits ? "NaN" : MetadataText.FormatFloatBits(number));
                }
                else
                {
                    Tagged("$float"u8, number > 0 ? "Infinity" : "-Infinity");
                }

                break;
            case MetadataKind.Decimal:
                // FormatDecimal keeps the sign of a negative zero ("-0.00"), which decimal.ToString drops.
                Tagged("$decimal"u8, MetadataText.FormatDecimal(value.AsDecimal()));
                break;
            case MetadataKind.String:
                var s = value.AsString();
                if (Iso8601Shape.Matches(s))
                {
                    Tagged("$string"u8, s);
                }
                else
                {
                    w.WriteStringValue(s);
                }

                break;
            case MetadataKind.Timestamp:
                Tagged("$timestamp"u8, MetadataText.FormatTimestamp(value.AsTimestamp()));
                break;
            case MetadataKind.Bytes:
                w.WriteStartObject();
                w.WriteBase64String("$bytes"u8, value.AsBytes().Span);
                w.WriteEndObject();
                break;
            case MetadataKind.Array:
                w.WriteStartArray();
                foreach (var item in value.AsArray())
                {
                    WriteValue(item);
                }

                w.WriteEndArray();
                break;
            case MetadataKind.Object:
                var entries = value.AsObject();
                var wrap = false;
                if (entries.Count == 1)
                {
                    foreach (var key in entries.Keys)
                    {
                        wrap = key.StartsWith('$');
                    }
                }

                if (wrap)
                {
                    w.WriteStartObject();
                    w.WritePropertyName("$object"u8);
                }

                w.WriteStartObject();
                foreach (var (key, item) in entries)
                {
                    w.WritePropertyName(key);
                    WriteValue(item);
                }

                w.WriteEndObject();
                if (wrap)
                {
                    w.WriteEndObject();
                }

                break;
        }
    }

    private void Tagged(ReadOnlySpan<byte> tag, string value)
    {
        _writer.WriteStartObject();
        _writer.WriteString(tag, value);
        _writer.WriteEndObject();
    }
}
