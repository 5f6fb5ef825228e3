using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Ferry.Plugins.Postgres.Internal.Mapping;

/// <summary>
/// Record ids from key values: a one-column key's id is the value's text form as PostgreSQL prints it
/// (<c>42</c>, <c>doc-7</c>, a uuid in lower case); a composite key's id is a JSON array of those texts in key
/// order (<c>["acme","42"]</c>), which is unambiguous whatever the values contain.
/// </summary>
internal static class CompositeId
{
    public static string Format(ReadOnlySpan<string> keyTexts)
    {
        if (keyTexts.Length == 1)
        {
            return keyTexts[0];
        }

        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var text in keyTexts)
            {
                writer.WriteStringValue(text);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The key texts of an id, or <c>null</c> when it is not an id of a key with that many columns.</summary>
    public static string[]? Parse(string id, int keyColumns)
    {
        if (keyColumns == 1)
        {
            return [id];
        }

        try
        {
            using var document = JsonDocument.Parse(id);
            if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() != keyColumns)
            {
                return null;
            }

            var parts = new string[keyColumns];
            var i = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.String)
                {
                    return null;
                }

                parts[i++] = element.GetString()!;
            }

            return parts;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
