using System.Buffers;
using System.Text;
using System.Text.Json;
using Ferry.Sdk.Errors;

namespace Ferry.Plugins.Postgres.Internal.Reading;

/// <summary>
/// Positions in the key order, serialized exactly: a key is kept as the text forms PostgreSQL printed for its
/// columns and is compared on the server after a cast back to the column types, so nothing is rounded or
/// reformatted on the way. Resume tokens are <c>{"v":1,"after":[…]}</c>; partition descriptors are
/// <c>{"v":1,"key":[columns],"after":[…]|null,"through":[…]|null}</c>, a half-open key range (after, through]
/// that fully describes the slice, so a resumed run reads the same ranges whatever parallelism it asks for.
/// </summary>
internal static class KeyPosition
{
    private const int Version = 1;

    public static string FormatToken(string[] key)
    {
        return Write(writer =>
        {
            writer.WriteNumber("v", Version);
            WriteKey(writer, "after", key.AsSpan());
        });
    }

    public static string[] ParseToken(string token, int keyColumns)
    {
        try
        {
            using var document = JsonDocument.Parse(token);
            var root = document.RootElement;
            CheckVersion(root);
            return ReadKey(root.GetProperty("after"), keyColumns) ?? throw new FormatException("the token has no position");
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ConnectorConfigurationException($"The resume token '{token}' is not a PostgreSQL key position of this table: {ex.Message}", ex);
        }
    }

    public static string FormatRange(IReadOnlyList<string> keyColumns, string[]? after, string[]? through)
    {
        return Write(writer =>
        {
            writer.WriteNumber("v", Version);
            writer.WriteStartArray("key");
            foreach (var column in keyColumns)
            {
                writer.WriteStringValue(column);
            }

            writer.WriteEndArray();
            WriteKey(writer, "after", after);
            WriteKey(writer, "through", through);
        });
    }

    public static (string[]? After, string[]? Through) ParseRange(string descriptor, IReadOnlyList<string> keyColumns)
    {
        try
        {
            using var document = JsonDocument.Parse(descriptor);
            var root = document.RootElement;
            CheckVersion(root);
            var columns = root.GetProperty("key");
            var same = columns.GetArrayLength() == keyColumns.Count;
            var i = 0;
            foreach (var column in columns.EnumerateArray())
            {
                same &= i < keyColumns.Count && column.GetString() == keyColumns[i];
                i++;
            }

            if (!same)
            {
                throw new FormatException($"it splits the table by ({string.Join(", ", columns.EnumerateArray().Select(c => c.GetString()))}), but the key is now ({string.Join(", ", keyColumns)})");
            }

            return (ReadKey(root.GetProperty("after"), keyColumns.Count), ReadKey(root.GetProperty("through"), keyColumns.Count));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ConnectorConfigurationException($"The partition '{descriptor}' is not a key range of this table: {ex.Message}", ex);
        }
    }

    private static void CheckVersion(JsonElement root)
    {
        if (root.GetProperty("v").GetInt32() != Version)
        {
            throw new FormatException("unknown version");
        }
    }

    private static void WriteKey(Utf8JsonWriter writer, string name, ReadOnlySpan<string> key)
    {
        writer.WriteStartArray(name);
        foreach (var part in key)
        {
            writer.WriteStringValue(part);
        }

        writer.WriteEndArray();
    }

    private static void WriteKey(Utf8JsonWriter writer, string name, string[]? key)
    {
        if (key is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            WriteKey(writer, name, key.AsSpan());
        }
    }

    private static string[]? ReadKey(JsonElement element, int keyColumns)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.GetArrayLength() != keyColumns)
        {
            throw new FormatException($"it has {element.GetArrayLength()} key parts, the key has {keyColumns}");
        }

        var parts = new string[keyColumns];
        var i = 0;
        foreach (var part in element.EnumerateArray())
        {
            parts[i++] = part.GetString() ?? throw new FormatException("a key part is null");
        }

        return parts;
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
