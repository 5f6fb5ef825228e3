using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Ferry.Files.Streams;
using Ferry.Sdk.Errors;

namespace Ferry.Files.Splitting;

/// <summary>
/// The manifest of a split output (<c>out.manifest.json</c>, docs/formats.md "Splitting"): the record format, the
/// wrappers, and the completed parts in order with their record counts, sizes and SHA-256. While a sink writes,
/// <see cref="Complete"/> is false and <see cref="Open"/> describes the part in progress; a source reads only
/// completed parts. The same structure is the journal of an unsplit file in progress.
/// </summary>
public sealed record PartManifest
{
    /// <summary>The value of the <c>format</c> member.</summary>
    public const string FormatName = "ferry-parts";

    /// <summary>The manifest version this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The connector name of the parts' format (<c>json</c>, <c>csv</c>, …).</summary>
    public required string RecordFormat { get; init; }

    /// <summary>The compression of every part: <c>none</c>, <c>gzip</c> or <c>brotli</c>.</summary>
    public string Compression { get; init; } = "none";

    /// <summary>Whether the parts are encrypted.</summary>
    public bool Encrypted { get; init; }

    /// <summary>The key id the parts were encrypted with, when they are.</summary>
    public string? KeyId { get; init; }

    /// <summary>Whether the writer finished: every record is in <see cref="Parts"/>.</summary>
    public bool Complete { get; init; }

    /// <summary>The completed parts, in order.</summary>
    public IReadOnlyList<PartEntry> Parts { get; init; } = [];

    /// <summary>The part being written, while <see cref="Complete"/> is false.</summary>
    public OpenPart? Open { get; init; }

    /// <summary>The records in all completed parts.</summary>
    public long Records
    {
        get
        {
            long total = 0;
            foreach (var part in Parts)
            {
                total += part.Records;
            }

            return total;
        }
    }

    /// <summary>Reads a manifest; a damaged one gives a <see cref="ConnectorException"/> naming the file.</summary>
    public static PartManifest Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException ex)
        {
            throw new ConnectorConfigurationException($"Manifest {path} does not exist.", ex);
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.GetString() != FormatName)
            {
                throw new ConnectorException($"{path} is not a Ferry parts manifest (its \"format\" is not \"{FormatName}\").");
            }

            var version = root.GetProperty("version").GetInt32();
            if (version != CurrentVersion)
            {
                throw new ConnectorException($"{path} is a parts manifest of version {version}; this Ferry reads version {CurrentVersion}.");
            }

            var parts = new List<PartEntry>();
            foreach (var part in root.GetProperty("parts").EnumerateArray())
            {
                parts.Add(new PartEntry(
                    part.GetProperty("name").GetString()!,
                    part.GetProperty("records").GetInt64(),
                    part.GetProperty("bytes").GetInt64(),
                    part.GetProperty("sha256").GetString()!));
            }

            OpenPart? open = null;
            if (root.TryGetProperty("open_part", out var openPart) && openPart.ValueKind == JsonValueKind.Object)
            {
                open = new OpenPart(openPart.GetProperty("name").GetString()!, openPart.GetProperty("records").GetInt64(), openPart.GetProperty("bytes").GetInt64());
            }

            return new PartManifest
            {
                RecordFormat = root.GetProperty("record_format").GetString()!,
                Compression = root.TryGetProperty("compression", out var c) ? c.GetString() ?? "none" : "none",
                Encrypted = root.TryGetProperty("encrypted", out var e) && e.GetBoolean(),
                KeyId = root.TryGetProperty("key_id", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null,
                Complete = root.GetProperty("complete").GetBoolean(),
                Parts = parts,
                Open = open,
            };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ConnectorException($"Manifest {path} is damaged: {ex.Message}", ex);
        }
    }

    /// <summary>Writes the manifest atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllBytes(path, ToJson());

    /// <summary>The manifest as indented UTF-8 JSON.</summary>
    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", FormatName);
            writer.WriteNumber("version", CurrentVersion);
            writer.WriteString("record_format", RecordFormat);
            writer.WriteString("compression", Compression);
            writer.WriteBoolean("encrypted", Encrypted);
            if (KeyId is not null)
            {
                writer.WriteString("key_id", KeyId);
            }

            writer.WriteBoolean("complete", Complete);
            writer.WriteNumber("records", Records);
            long bytes = 0;
            foreach (var part in Parts)
            {
                bytes += part.Bytes;
            }

            writer.WriteNumber("bytes", bytes);
            writer.WriteStartArray("parts");
            foreach (var part in Parts)
            {
                writer.WriteStartObject();
                writer.WriteString("name", part.Name);
                writer.WriteNumber("records", part.Records);
                writer.WriteNumber("bytes", part.Bytes);
                writer.WriteString("sha256", part.Sha256);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (Open is not null)
            {
                writer.WriteStartObject("open_part");
                writer.WriteString("name", Open.Name);
                writer.WriteNumber("records", Open.Records);
                writer.WriteNumber("bytes", Open.Bytes);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The compression name used in manifests for a kind.</summary>
    public static string CompressionName(Compression.CompressionKind kind) => kind switch
    {
        Files.Compression.CompressionKind.Gzip => "gzip",
        Files.Compression.CompressionKind.Brotli => "brotli",
        _ => "none",
    };

    /// <summary>The compression kind of a manifest's compression name.</summary>
    public static Compression.CompressionKind ParseCompression(string name) => name.ToLowerInvariant() switch
    {
        "gzip" => Files.Compression.CompressionKind.Gzip,
        "brotli" => Files.Compression.CompressionKind.Brotli,
        "none" => Files.Compression.CompressionKind.None,
        _ => throw new ConnectorException(string.Create(CultureInfo.InvariantCulture, $"Unknown compression '{name}' in a parts manifest.")),
    };
}
