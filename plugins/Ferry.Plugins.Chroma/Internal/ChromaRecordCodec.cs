using System.Buffers;
using System.Text;
using System.Text.Json;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Chroma.Internal;

/// <summary>
/// Ferry records ↔ Chroma rows. Chroma metadata holds strings, 64-bit integers, doubles and booleans; those travel
/// as they are (an integer stays an integer, a float stays a float), except doubles Chroma's parser would not store
/// exactly (see <see cref="ChromaJson.IsExactInChroma"/>). Every other value (null, such a float, decimal, timestamp,
/// bytes, array, object) and every sparse vector is, with <c>rich_types=encode</c>,
/// stored as a string under its own key (see <see cref="TypedJson"/>) and its kind is recorded in the reserved
/// string key <c>_ferry_types</c> (a JSON object key → kind); the source reads that key and restores the values, so
/// Chroma → Ferry → Chroma → Ferry is lossless. Frame-model fields Chroma has no place for (record type, collection,
/// relationships) go into the reserved key <c>_ferry_record</c> when they are not the defaults. The title is the
/// string under <c>title_key</c> (default <c>title</c>). Document text is Chroma's document.
/// </summary>
internal sealed class ChromaRecordCodec
{
    /// <summary>The reserved metadata key listing the kinds of encoded values.</summary>
    public const string TypesKey = "_ferry_types";

    /// <summary>The reserved metadata key holding record type, collection and relationships.</summary>
    public const string RecordKey = "_ferry_record";

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ChromaSettings _settings;

    public ChromaRecordCodec(ChromaSettings settings)
    {
        _settings = settings;
    }

    /// <summary>Turns row <paramref name="index"/> of a page into a record, or into a failure naming the record and field.</summary>
    public (Record? Record, RecordFailure? Failure) Decode(ChromaPage page, int index, int? expectedDimension)
    {
        var id = page.Ids[index];
        var embedding = page.Embeddings[index];
        if (embedding is null)
        {
            return (null, new RecordFailure(id, $"Chroma record '{id}': {page.EmbeddingErrors[index] ?? "the record has no embedding"}.") { Field = "embedding" });
        }

        if (expectedDimension is { } dimension && embedding.Length != dimension)
        {
            return (null, new RecordFailure(id, $"Chroma record '{id}': the embedding has {embedding.Length} components, the collection {dimension}.") { Field = "embedding" });
        }

        var record = new Record(id)
        {
            Text = page.Documents[index],
            Source = new RecordSource("chroma", _settings.Location, id),
        };
        record.Vectors[Record.DefaultVectorName] = embedding;
        if (page.Metadatas[index] is { } metadata)
        {
            var failure = DecodeMetadata(id, metadata, record);
            if (failure is not null)
            {
                return (null, failure with { Record = record });
            }
        }

        return (record, null);
    }

    /// <summary>Turns a record into a Chroma row, or a failure (no vector, wrong dimension, non-finite component, a value Chroma cannot hold).</summary>
    public (ChromaRow? Row, RecordFailure? Failure) Encode(Record record, string vectorName, int? dimension)
    {
        var id = record.Id;
        if (id.Length == 0)
        {
            return (null, new RecordFailure(id, "Chroma refuses empty ids.") { Field = "id", Record = record });
        }

        if (!record.Vectors.TryGetValue(vectorName, out var vector))
        {
            return (null, new RecordFailure(id, $"The record has no vector '{vectorName}'; Chroma needs an embedding for every record.") { Field = vectorName, Record = record });
        }

        if (dimension is { } expected && vector.Length != expected)
        {
            return (null, new RecordFailure(id, $"Vector '{vectorName}' has {vector.Length} components, the collection {expected}.") { Field = vectorName, Record = record });
        }

        for (var i = 0; i < vector.Length; i++)
        {
            if (!float.IsFinite(vector[i]))
            {
                return (null, new RecordFailure(id, $"Vector '{vectorName}' component {i} is {vector[i]}; Chroma stores only finite numbers.") { Field = vectorName, Record = record });
            }
        }

        var metadata = new Dictionary<string, MetadataValue>(record.Metadata.Count + 2, StringComparer.Ordinal);
        var types = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in record.Metadata)
        {
            if (key is TypesKey or RecordKey || key.StartsWith("chroma:", StringComparison.Ordinal))
            {
                return (null, new RecordFailure(id, $"Metadata key '{key}' is reserved ({(key.StartsWith("chroma:", StringComparison.Ordinal) ? "by Chroma" : "by Ferry's Chroma encoding")}).") { Field = key, Record = record });
            }

            if (IsNative(value))
            {
                metadata[key] = value;
                continue;
            }

            if (_settings.RichTypes == RichTypeMode.Error)
            {
                return (null, new RecordFailure(id, $"Metadata '{key}' is {Describe(value)}, which Chroma cannot store (rich_types=error; use rich_types=encode to store it reversibly).") { Field = key, Record = record });
            }

            metadata[key] = MetadataValue.FromString(EncodeRich(value));
            types.Add(new(key, KindNames.Name(value.Kind)));
        }

        if (record.Title is { } title && _settings.TitleKey.Length > 0)
        {
            if (metadata.TryGetValue(_settings.TitleKey, out var existing) && !(existing.Kind == MetadataKind.String && existing.AsString() == title))
            {
                return (null, new RecordFailure(id, $"The title and metadata '{_settings.TitleKey}' differ; set title_key to another key.") { Field = _settings.TitleKey, Record = record });
            }

            metadata[_settings.TitleKey] = MetadataValue.FromString(title);
        }
        else if (_settings.TitleKey.Length > 0 && metadata.TryGetValue(_settings.TitleKey, out var plain) && plain.Kind == MetadataKind.String)
        {
            // A metadata string under the title key that is not the title: mark it, or the source would read it as the title.
            types.Add(new(_settings.TitleKey, KindNames.Name(MetadataKind.String)));
        }

        foreach (var (name, sparse) in record.Sparse)
        {
            if (metadata.ContainsKey(name))
            {
                return (null, new RecordFailure(id, $"Sparse vector '{name}' has the name of a metadata key.") { Field = name, Record = record });
            }

            if (_settings.RichTypes == RichTypeMode.Error)
            {
                return (null, new RecordFailure(id, $"Sparse vector '{name}' cannot be stored in this Chroma version (rich_types=error).") { Field = name, Record = record });
            }

            metadata[name] = MetadataValue.FromString(EncodeSparse(sparse));
            types.Add(new(name, KindNames.Sparse));
        }

        if (types.Count > 0)
        {
            metadata[TypesKey] = MetadataValue.FromString(WriteObject(types));
        }

        if (EncodeRecordFields(record) is { } recordFields)
        {
            metadata[RecordKey] = MetadataValue.FromString(recordFields);
        }

        return (new ChromaRow(id, vector, record.Text, metadata.Count == 0 ? null : metadata, record), null);
    }

    private static bool IsNative(MetadataValue value) => value.Kind switch
    {
        MetadataKind.String or MetadataKind.Integer or MetadataKind.Bool => true,
        MetadataKind.Float => ChromaJson.IsExactInChroma(value.AsFloat()),
        _ => false,
    };

    private static string Describe(MetadataValue value) =>
        value.Kind == MetadataKind.Float ? $"the float {value}, which Chroma would not store exactly" : $"a {KindNames.Name(value.Kind)}";

    private static string EncodeRich(MetadataValue value) =>
        value.Kind is MetadataKind.Array or MetadataKind.Object ? TypedJson.Serialize(value) : TypedJson.FormatScalar(value);

    private static string EncodeSparse(SparseVector sparse)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (sparse.Count * 24));
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("indices");
            foreach (var index in sparse.Indices)
            {
                writer.WriteNumberValue(index);
            }

            writer.WriteEndArray();
            writer.WritePropertyName("values");
            ChromaJson.WriteVector(writer, sparse.Values);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string? EncodeRecordFields(Record record)
    {
        if (record.RecordType == RecordTypes.Document && record.Collection is null && record.Relationships.Count == 0)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (record.RecordType != RecordTypes.Document)
            {
                writer.WriteString("record_type", record.RecordType);
            }

            if (record.Collection is not null)
            {
                writer.WriteString("collection", record.Collection);
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

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string WriteObject(List<KeyValuePair<string, string>> entries)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in entries)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private RecordFailure? DecodeMetadata(string id, Dictionary<string, MetadataValue> metadata, Record record)
    {
        Dictionary<string, string>? types = null;
        if (metadata.Remove(TypesKey, out var typesValue))
        {
            try
            {
                types = ParseTypes(typesValue);
            }
            catch (FormatException ex)
            {
                return new RecordFailure(id, $"Chroma record '{id}': metadata '{TypesKey}' is not readable: {ex.Message}.") { Field = TypesKey, Raw = typesValue.ToString() };
            }
        }

        if (metadata.Remove(RecordKey, out var recordValue))
        {
            try
            {
                DecodeRecordFields(recordValue, record);
            }
            catch (FormatException ex)
            {
                return new RecordFailure(id, $"Chroma record '{id}': metadata '{RecordKey}' is not readable: {ex.Message}.") { Field = RecordKey, Raw = recordValue.ToString() };
            }
        }

        if (types is not null)
        {
            foreach (var (key, kindName) in types)
            {
                if (!metadata.Remove(key, out var stored))
                {
                    // The key was listed but the value is gone (e.g. a later update removed it): nothing to restore.
                    continue;
                }

                if (stored.Kind != MetadataKind.String)
                {
                    return new RecordFailure(id, $"Chroma record '{id}': metadata '{key}' is listed in {TypesKey} as {kindName} but holds a {KindNames.Name(stored.Kind)}, not its text form.") { Field = key, Raw = stored.ToString() };
                }

                try
                {
                    if (kindName == KindNames.Sparse)
                    {
                        record.Sparse[key] = DecodeSparse(stored.AsString());
                        continue;
                    }

                    var kind = KindNames.Parse(kindName) ?? throw new FormatException($"unknown kind '{kindName}'");
                    var value = kind is MetadataKind.Array or MetadataKind.Object
                        ? TypedJson.Deserialize(stored.AsString())
                        : TypedJson.ParseScalar(kind, stored.AsString());
                    if (value.Kind != kind)
                    {
                        throw new FormatException($"the text holds a {KindNames.Name(value.Kind)}");
                    }

                    record.Metadata[key] = value;
                }
                catch (FormatException ex)
                {
                    return new RecordFailure(id, $"Chroma record '{id}': metadata '{key}' (encoded {kindName}) cannot be decoded: {ex.Message}.") { Field = key, Raw = stored.AsString() };
                }
            }
        }

        if (_settings.TitleKey.Length > 0 && metadata.TryGetValue(_settings.TitleKey, out var title) && title.Kind == MetadataKind.String)
        {
            record.Title = title.AsString();
            metadata.Remove(_settings.TitleKey);
        }

        foreach (var (key, value) in metadata)
        {
            record.Metadata[key] = value;
        }

        return null;
    }

    private static Dictionary<string, string> ParseTypes(MetadataValue value)
    {
        if (value.Kind != MetadataKind.String)
        {
            throw new FormatException($"it holds a {KindNames.Name(value.Kind)}, not a JSON object");
        }

        try
        {
            using var document = JsonDocument.Parse(value.AsString());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("it is not a JSON object");
            }

            var types = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    throw new FormatException($"the kind of '{property.Name}' is not a string");
                }

                types[property.Name] = property.Value.GetString()!;
            }

            return types;
        }
        catch (JsonException ex)
        {
            throw new FormatException($"not valid JSON ({ex.Message})", ex);
        }
    }

    private static void DecodeRecordFields(MetadataValue value, Record record)
    {
        if (value.Kind != MetadataKind.String)
        {
            throw new FormatException("it is not a string");
        }

        try
        {
            using var document = JsonDocument.Parse(value.AsString());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("it is not a JSON object");
            }

            if (root.TryGetProperty("record_type", out var type))
            {
                record.RecordType = type.GetString() ?? throw new FormatException("record_type is null");
            }

            if (root.TryGetProperty("collection", out var collection))
            {
                record.Collection = collection.GetString();
            }

            if (root.TryGetProperty("relationships", out var relationships))
            {
                foreach (var relationship in relationships.EnumerateArray())
                {
                    record.Relationships.Add(new Relationship(
                        relationship.GetProperty("kind").GetString() ?? throw new FormatException("a relationship kind is null"),
                        relationship.GetProperty("target").GetString() ?? throw new FormatException("a relationship target is null")));
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new FormatException(ex.Message, ex);
        }
    }

    private static SparseVector DecodeSparse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var indices = new List<uint>();
            var values = new List<float>();
            foreach (var index in root.GetProperty("indices").EnumerateArray())
            {
                indices.Add(index.GetUInt32());
            }

            foreach (var component in root.GetProperty("values").EnumerateArray())
            {
                values.Add(float.Parse(component.GetRawText(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture));
            }

            return new SparseVector(indices.ToArray(), values.ToArray());
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or ArgumentException or FormatException)
        {
            throw new FormatException($"not a sparse vector ({ex.Message})", ex);
        }
    }
}
