using System.Buffers;
using System.Text.Json;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Chroma.Internal;

/// <summary>Builds the body of <c>POST …/upsert</c> (<c>UpsertCollectionRecordsPayload</c>): column-wise arrays of equal length.</summary>
internal static class ChromaUpsertWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true, Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ReadOnlyMemory<byte> Write(IReadOnlyList<ChromaRow> rows, int start, int count)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(1024, count * 4096));
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("ids");
            for (var i = start; i < start + count; i++)
            {
                writer.WriteStringValue(rows[i].Id);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("embeddings");
            for (var i = start; i < start + count; i++)
            {
                ChromaJson.WriteVector(writer, rows[i].Embedding);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("documents");
            for (var i = start; i < start + count; i++)
            {
                if (rows[i].Document is { } document)
                {
                    writer.WriteStringValue(document);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }

            writer.WriteEndArray();
            writer.WriteStartArray("metadatas");
            for (var i = start; i < start + count; i++)
            {
                WriteMetadata(writer, rows[i].Metadata);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    private static void WriteMetadata(Utf8JsonWriter writer, Dictionary<string, MetadataValue>? metadata)
    {
        if (metadata is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        foreach (var (key, value) in metadata)
        {
            writer.WritePropertyName(key);
            switch (value.Kind)
            {
                case MetadataKind.String:
                    writer.WriteStringValue(value.AsString());
                    break;
                case MetadataKind.Integer:
                    writer.WriteNumberValue(value.AsInteger());
                    break;
                case MetadataKind.Bool:
                    writer.WriteBooleanValue(value.AsBool());
                    break;
                case MetadataKind.Float:
                    ChromaJson.WriteFloat(writer, value.AsFloat());
                    break;
                default:
                    throw new InvalidOperationException($"Metadata '{key}' of kind {value.Kind} reached the Chroma writer unencoded.");
            }
        }

        writer.WriteEndObject();
    }
}
