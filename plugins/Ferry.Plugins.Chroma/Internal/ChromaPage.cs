using System.Globalization;
using System.Text.Json;
using Ferry.Sdk.Records;
using Ferry.Text.Json;

namespace Ferry.Plugins.Chroma.Internal;

/// <summary>
/// A parsed <c>GetResponse</c>: column-wise arrays of equal length. A row whose embedding Chroma cannot render
/// (it prints non-finite components as <c>null</c>) keeps a <c>null</c> embedding and the reason, so that the source
/// reports that one record and reads the others.
/// </summary>
internal sealed class ChromaPage
{
    public List<string> Ids { get; } = [];

    public List<float[]?> Embeddings { get; } = [];

    public List<string?> EmbeddingErrors { get; } = [];

    public List<string?> Documents { get; } = [];

    public List<Dictionary<string, MetadataValue>?> Metadatas { get; } = [];

    public int Count => Ids.Count;

    public static ChromaPage Parse(ReadOnlySpan<byte> body)
    {
        var page = new ChromaPage();
        var reader = new Utf8JsonReader(body);
        Expect(ref reader, JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("ids"u8))
            {
                reader.Read();
                ReadIds(ref reader, page.Ids);
            }
            else if (reader.ValueTextEquals("embeddings"u8))
            {
                reader.Read();
                ReadEmbeddings(ref reader, ref body, page);
            }
            else if (reader.ValueTextEquals("documents"u8))
            {
                reader.Read();
                ReadDocuments(ref reader, page.Documents);
            }
            else if (reader.ValueTextEquals("metadatas"u8))
            {
                reader.Read();
                ReadMetadatas(ref reader, page.Metadatas);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        Pad(page.Embeddings, page.Count);
        Pad(page.EmbeddingErrors, page.Count);
        Pad(page.Documents, page.Count);
        Pad(page.Metadatas, page.Count);
        return page;
    }

    private static void Pad<T>(List<T?> list, int count)
    {
        while (list.Count < count)
        {
            list.Add(default);
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new JsonException($"Chroma response: expected {type}, got {reader.TokenType}.");
        }
    }

    private static void ReadDocuments(ref Utf8JsonReader reader, List<string?> target)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            target.Add(reader.TokenType == JsonTokenType.Null ? null : reader.GetString());
        }
    }

    private static void ReadIds(ref Utf8JsonReader reader, List<string> target)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            target.Add(reader.GetString() ?? throw new JsonException("Chroma response: null id."));
        }
    }

    private static void ReadEmbeddings(ref Utf8JsonReader reader, ref ReadOnlySpan<byte> body, ChromaPage page)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        var components = new List<float>(1024);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                page.Embeddings.Add(null);
                page.EmbeddingErrors.Add("the record has no embedding");
                continue;
            }

            if (reader.TokenType == JsonTokenType.String)
            {
                // Newer servers may answer base64 (little-endian float32) when asked; accept it either way.
                var decoded = DecodeBase64(reader.GetString()!);
                page.Embeddings.Add(decoded);
                page.EmbeddingErrors.Add(decoded is null ? "the embedding is not valid base64 float32 data" : null);
                continue;
            }

            // Fast path: the whole array through Ferry.Text's exact float32 parser (which hands back a reader over
            // the rest of the body). It refuses null, which is how Chroma renders a non-finite component; such a row
            // is read again below, token by token, to name the component.
            var saved = reader;
            try
            {
                var vector = reader.ReadSingleArray(ref body);
                page.Embeddings.Add(vector);
                page.EmbeddingErrors.Add(null);
                continue;
            }
            catch (Utf8FormatException)
            {
                reader = saved;
            }

            components.Clear();
            string? error = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.Number)
                {
                    // float.Parse rounds the decimal straight to the nearest float32 (no double rounding).
                    var span = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan;
                    var value = float.Parse(span, NumberStyles.Float, CultureInfo.InvariantCulture);
                    if (!float.IsFinite(value) && error is null)
                    {
                        error = $"embedding component {components.Count} is not finite";
                    }

                    components.Add(value);
                }
                else
                {
                    // Chroma renders NaN and infinite components as null: the stored vector is not usable.
                    error ??= $"embedding component {components.Count} is null (NaN or infinite in Chroma)";
                    components.Add(float.NaN);
                }
            }

            page.Embeddings.Add(error is null ? [.. components] : null);
            page.EmbeddingErrors.Add(error);
        }
    }

    private static float[]? DecodeBase64(string text)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }

        if (bytes.Length % sizeof(float) != 0)
        {
            return null;
        }

        var vector = new float[bytes.Length / sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
        }

        return vector;
    }

    private static void ReadMetadatas(ref Utf8JsonReader reader, List<Dictionary<string, MetadataValue>?> target)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                target.Add(null);
                continue;
            }

            var metadata = new Dictionary<string, MetadataValue>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var key = reader.GetString()!;
                reader.Read();
                metadata[key] = ChromaJson.ReadValue(ref reader);
            }

            target.Add(metadata);
        }
    }
}
