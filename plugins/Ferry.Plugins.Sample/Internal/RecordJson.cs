using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Sample.Internal;

/// <summary>
/// The JSON form of one record. Vectors are stored as base64 of their little-endian float32 bytes and every metadata
/// value carries its kind, so a record reads back bit for bit and type for type.
/// </summary>
internal static class RecordJson
{
    public static byte[] Serialize(Record record, bool indent)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indent }))
        {
            writer.WriteStartObject();
            writer.WriteString("id", record.Id);
            WriteOptional(writer, "text", record.Text);
            WriteOptional(writer, "title", record.Title);
            writer.WriteString("recordType", record.RecordType);
            WriteOptional(writer, "collection", record.Collection);
            writer.WriteStartObject("vectors");
            foreach (var (name, vector) in record.Vectors)
            {
                writer.WriteBase64String(name, MemoryMarshal.AsBytes(vector.AsSpan()));
            }

            writer.WriteEndObject();
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
                writer.WriteBase64String("values", MemoryMarshal.AsBytes(sparse.Values));
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteStartObject("metadata");
            foreach (var (key, value) in record.Metadata)
            {
                writer.WritePropertyName(key);
                WriteValue(writer, value);
            }

            writer.WriteEndObject();
            writer.WriteStartArray("relationships");
            foreach (var relationship in record.Relationships)
            {
                writer.WriteStartObject();
                writer.WriteString("kind", relationship.Kind);
                writer.WriteString("target", relationship.TargetId);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (record.Source is { } source)
            {
                writer.WriteStartObject("source");
                writer.WriteString("system", source.System);
                WriteOptional(writer, "location", source.Location);
                WriteOptional(writer, "originalId", source.OriginalId);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static Record Deserialize(byte[] json, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var record = new Record(root.GetProperty("id").GetString()!)
            {
                Text = OptionalString(root, "text"),
                Title = OptionalString(root, "title"),
                RecordType = root.GetProperty("recordType").GetString()!,
                Collection = OptionalString(root, "collection"),
            };
            foreach (var vector in root.GetProperty("vectors").EnumerateObject())
            {
                record.Vectors[vector.Name] = MemoryMarshal.Cast<byte, float>(vector.Value.GetBytesFromBase64()).ToArray();
            }

            foreach (var sparse in root.GetProperty("sparse").EnumerateObject())
            {
                var indices = sparse.Value.GetProperty("indices").EnumerateArray().Select(i => i.GetUInt32()).ToArray();
                var values = MemoryMarshal.Cast<byte, float>(sparse.Value.GetProperty("values").GetBytesFromBase64());
                record.Sparse[sparse.Name] = new SparseVector(indices, values);
            }

            foreach (var entry in root.GetProperty("metadata").EnumerateObject())
            {
                record.Metadata[entry.Name] = ReadValue(entry.Value);
            }

            foreach (var relationship in root.GetProperty("relationships").EnumerateArray())
            {
                record.Relationships.Add(new Relationship(relationship.GetProperty("kind").GetString()!, relationship.GetProperty("target").GetString()!));
            }

            if (root.TryGetProperty("source", out var source))
            {
                record.Source = new RecordSource(source.GetProperty("system").GetString()!, OptionalString(source, "location"), OptionalString(source, "originalId"));
            }

            return record;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ConnectorException($"{path} is not a record written by the jsondir sink: {ex.Message}", ex);
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, MetadataValue value)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", value.Kind.ToString().ToLowerInvariant());
        switch (value.Kind)
        {
            case MetadataKind.Null:
                break;
            case MetadataKind.Bool:
                writer.WriteBoolean("value", value.AsBool());
                break;
            case MetadataKind.Integer:
                writer.WriteNumber("value", value.AsInteger());
                break;
            case MetadataKind.Float:
                // The bits, so NaN payloads, infinities and -0 survive (JSON numbers cannot hold them all).
                writer.WriteString("value", BitConverter.DoubleToInt64Bits(value.AsFloat()).ToString("X16", CultureInfo.InvariantCulture));
                break;
            case MetadataKind.Decimal:
                writer.WriteString("value", value.AsDecimal().ToString(CultureInfo.InvariantCulture));
                break;
            case MetadataKind.String:
                writer.WriteString("value", value.AsString());
                break;
            case MetadataKind.Timestamp:
                writer.WriteString("value", value.AsTimestamp().ToString("O", CultureInfo.InvariantCulture));
                break;
            case MetadataKind.Bytes:
                writer.WriteBase64String("value", value.AsBytes().Span);
                break;
            case MetadataKind.Array:
                writer.WriteStartArray("value");
                foreach (var item in value.AsArray())
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            case MetadataKind.Object:
                writer.WriteStartObject("value");
                foreach (var (key, item) in value.AsObject())
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item);
                }

                writer.WriteEndObject();
                break;
            default:
                throw new ArgumentException($"Metadata kind {value.Kind} is not supported by the jsondir sink.");
        }

        writer.WriteEndObject();
    }

    private static MetadataValue ReadValue(JsonElement element)
    {
        var kind = Enum.Parse<MetadataKind>(element.GetProperty("kind").GetString()!, ignoreCase: true);
        if (kind == MetadataKind.Null)
        {
            return MetadataValue.Null;
        }

        var value = element.GetProperty("value");
        return kind switch
        {
            MetadataKind.Bool => MetadataValue.FromBool(value.GetBoolean()),
            MetadataKind.Integer => MetadataValue.FromInteger(value.GetInt64()),
            MetadataKind.Float => MetadataValue.FromFloat(BitConverter.Int64BitsToDouble(long.Parse(value.GetString()!, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture))),
            MetadataKind.Decimal => MetadataValue.FromDecimal(decimal.Parse(value.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture)),
            MetadataKind.String => MetadataValue.FromString(value.GetString()!),
            MetadataKind.Timestamp => MetadataValue.FromTimestamp(DateTimeOffset.ParseExact(value.GetString()!, "O", CultureInfo.InvariantCulture, DateTimeStyles.None)),
            MetadataKind.Bytes => MetadataValue.FromBytes(value.GetBytesFromBase64()),
            MetadataKind.Array => MetadataValue.FromArray(value.EnumerateArray().Select(ReadValue).ToArray()),
            MetadataKind.Object => MetadataValue.FromObject(value.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, ReadValue(p.Value))).ToArray()),
            _ => throw new FormatException($"Unknown metadata kind '{kind}'."),
        };
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
