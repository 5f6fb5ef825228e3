using System.Globalization;
using System.Text.Json;
using Ferry.Sdk.Records;

namespace Ferry.Core.DeadLetter;

/// <summary>
/// Writes a <see cref="Record"/> in Ferry's JSON record shape (the one the JSON Lines connector reads and
/// writes, documented in docs/migration.md): every metadata kind survives (integers without a decimal point,
/// floats always with one, tagged objects for timestamps, bytes, decimals and non-finite floats) and float32
/// vectors are written in shortest round-trip form, so reading them back is bit-exact.
/// </summary>
public static class RecordJsonWriter
{
    /// <summary>Writes the record as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, Record record)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(record);
        writer.WriteStartObject();
        writer.WriteString("id", record.Id);
        if (record.Title is not null)
        {
            writer.WriteString("title", record.Title);
        }

        if (record.Text is not null)
        {
            writer.WriteString("text", record.Text);
        }

        if (!string.Equals(record.RecordType, RecordTypes.Document, StringComparison.Ordinal))
        {
            writer.WriteString("record_type", record.RecordType);
        }

        if (record.Collection is not null)
        {
            writer.WriteString("collection", record.Collection);
        }

        if (record.Vector is { } vector)
        {
            writer.WritePropertyName("vector");
            WriteVector(writer, vector);
        }

        if (record.Vectors.Count > (record.Vector is null ? 0 : 1))
        {
            writer.WriteStartObject("vectors");
            foreach (var (name, values) in record.Vectors)
            {
                if (!string.Equals(name, Record.DefaultVectorName, StringComparison.Ordinal))
                {
                    writer.WritePropertyName(name);
                    WriteVector(writer, values);
                }
            }

            writer.WriteEndObject();
        }

        if (record.Sparse.Count > 0)
        {
            writer.WriteStartObject("sparse");
            foreach (var (name, sparse) in record.Sparse)
            {
                writer.WriteStartObject(name);
                writer.WriteStartArray("indices");
                foreach (var index in sparse.Indices)
                {
                    writer.WriteNumberValue(index);
                }

                writer.WriteEndArray();
                writer.WritePropertyName("values");
                WriteVector(writer, sparse.Values);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        if (record.Metadata.Count > 0)
        {
            writer.WriteStartObject("metadata");
            foreach (var (key, value) in record.Metadata)
            {
                writer.WritePropertyName(key);
                WriteValue(writer, value);
            }

            writer.WriteEndObject();
        }

        if (record.Relationships.Count > 0)
        {
            writer.WriteStartArray("relationships");
            foreach (var relationship in record.Relationships)
            {
                writer.WriteStartObject();
                writer.WriteString("kind", relationship.Kind);
                writer.WriteString("target", relationship.TargetId);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (record.Source is { } source)
        {
            writer.WriteStartObject("source");
            writer.WriteString("system", source.System);
            if (source.Location is not null)
            {
                writer.WriteString("location", source.Location);
            }

            if (source.OriginalId is not null)
            {
                writer.WriteString("original_id", source.OriginalId);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes one typed metadata value.</summary>
    public static void WriteValue(Utf8JsonWriter writer, MetadataValue value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
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
                var number = value.AsFloat();
                if (double.IsFinite(number))
                {
                    writer.WriteRawValue(MetadataText.FormatFloat(number), skipInputValidation: true);
                }
                else
                {
                    WriteTagged(writer, "$float", double.IsNaN(number) ? "NaN" : number > 0 ? "Infinity" : "-Infinity");
                }

                break;
            case MetadataKind.Decimal:
                WriteTagged(writer, "$decimal", value.AsDecimal().ToString(CultureInfo.InvariantCulture));
                break;
            case MetadataKind.String:
                var text = value.AsString();
                if (MetadataText.LooksLikeTimestamp(text))
                {
                    // Readers that detect ISO-8601 strings would turn this into a timestamp: say it is a string.
                    WriteTagged(writer, "$string", text);
                }
                else
                {
                    writer.WriteStringValue(text);
                }

                break;
            case MetadataKind.Timestamp:
                WriteTagged(writer, "$timestamp", MetadataText.FormatTimestamp(value.AsTimestamp()));
                break;
            case MetadataKind.Bytes:
                writer.WriteStartObject();
                writer.WriteBase64String("$bytes", value.AsBytes().Span);
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
                var entries = value.AsObject();
                var wrap = entries.Count == 1 && entries.Keys.First().StartsWith('$');
                if (wrap)
                {
                    // A one-key object whose key starts with '$' would read back as a tagged value.
                    writer.WriteStartObject();
                    writer.WritePropertyName("$object");
                }

                writer.WriteStartObject();
                foreach (var (key, item) in entries)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item);
                }

                writer.WriteEndObject();
                if (wrap)
                {
                    writer.WriteEndObject();
                }

                break;
        }
    }

    /// <summary>Writes a float32 array; non-finite components are written as the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>.</summary>
    public static void WriteVector(Utf8JsonWriter writer, ReadOnlySpan<float> values)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        Span<byte> buffer = stackalloc byte[32];
        foreach (var value in values)
        {
            if (float.IsFinite(value))
            {
                value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
                writer.WriteRawValue(buffer[..written], skipInputValidation: true);
            }
            else
            {
                writer.WriteStringValue(float.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteTagged(Utf8JsonWriter writer, string tag, string value)
    {
        writer.WriteStartObject();
        writer.WriteString(tag, value);
        writer.WriteEndObject();
    }

    /// <summary>The record as a compact JSON string (for messages and dead letters).</summary>
    public static string ToJson(Record record)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, record);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
