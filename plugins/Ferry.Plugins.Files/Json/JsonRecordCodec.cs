using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Ferry.Plugins.Files.Typing;
using Ferry.Sdk.Records;
using Ferry.Text.Json;
using Ferry.Text.Numbers;

namespace Ferry.Plugins.Files.Json;

/// <summary>
/// One record as a JSON object (docs/formats.md, "JSON"): <c>id</c>, <c>record_type</c> (when not document),
/// <c>collection</c>, <c>title</c>, <c>text</c>, <c>vectors</c> (name → array of float32 in shortest round-trip form,
/// or <c>{"$f32": base64}</c> when a component is NaN or infinite), <c>sparse</c>, <c>metadata</c> (typed values,
/// <see cref="MetadataJson"/>), <c>relationships</c>, <c>source</c>. Reading also accepts the shapes other tools
/// write: <c>_id</c>, numeric ids, <c>embedding</c>/<c>vector</c> arrays, <c>content</c>/<c>page_content</c> text, and
/// unknown top-level members as metadata.
/// </summary>
internal static class JsonRecordCodec
{
    public const string RawVectorTag = "$f32";

    public static void Write(Utf8JsonWriter writer, Record record, bool includeId = true)
    {
        writer.WriteStartObject();
        if (includeId)
        {
            writer.WriteString("id", record.Id);
        }

        if (!string.Equals(record.RecordType, RecordTypes.Document, StringComparison.Ordinal))
        {
            writer.WriteString("record_type", record.RecordType);
        }

        WriteOptional(writer, "collection", record.Collection);
        WriteOptional(writer, "title", record.Title);
        WriteOptional(writer, "text", record.Text);
        if (record.Vectors.Count > 0)
        {
            writer.WriteStartObject("vectors");
            foreach (var (name, vector) in record.Vectors)
            {
                writer.WritePropertyName(name);
                WriteFloats(writer, vector);
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
                WriteFloats(writer, sparse.Values);
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
                MetadataJson.Write(writer, value);
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
            WriteOptional(writer, "location", source.Location);
            WriteOptional(writer, "original_id", source.OriginalId);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Merges the fields of <paramref name="extra"/> (a record read from a catch-all JSON column without its id) into
    /// <paramref name="record"/>: what a columnar layout could not put into a column of its own.
    /// </summary>
    public static void Merge(Record record, Record extra)
    {
        if (extra.Collection is not null)
        {
            record.Collection = extra.Collection;
        }

        if (!string.Equals(extra.RecordType, RecordTypes.Document, StringComparison.Ordinal))
        {
            record.RecordType = extra.RecordType;
        }

        record.Text ??= extra.Text;
        record.Title ??= extra.Title;
        foreach (var (name, vector) in extra.Vectors)
        {
            record.Vectors[name] = vector;
        }

        foreach (var (name, sparse) in extra.Sparse)
        {
            record.Sparse[name] = sparse;
        }

        foreach (var (key, value) in extra.Metadata)
        {
            record.Metadata[key] = value;
        }

        record.Relationships.AddRange(extra.Relationships);
        record.Source ??= extra.Source;
    }

    /// <summary>Reads a catch-all JSON object (a record without id) and merges it into <paramref name="record"/>.</summary>
    public static void MergeJson(Record record, ReadOnlySpan<byte> json, TypeSchema types)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        Merge(record, Read(ref reader, ref json, types, requireId: false));
    }

    /// <summary>A float32 array: JSON numbers, or the raw little-endian bytes in base64 when a component is not finite.</summary>
    public static void WriteFloats(Utf8JsonWriter writer, ReadOnlySpan<float> values)
    {
        foreach (var value in values)
        {
            if (!float.IsFinite(value))
            {
                writer.WriteStartObject();
                writer.WriteBase64String(RawVectorTag, MemoryMarshal.AsBytes(values));
                writer.WriteEndObject();
                return;
            }
        }

        var size = JsonNumberArray.GetMaxByteCount(values.Length);
        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            JsonNumberArray.TryWriteSingles(values, rented, out var written);
            writer.WriteRawValue(rented.AsSpan(0, written), skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Reads a record from the object at the reader (positioned on its StartObject); throws
    /// <see cref="FormatException"/> for a wrong shape. <paramref name="json"/> is the contiguous buffer the reader
    /// reads: vectors are parsed straight from it by the fast number-array parser, which then hands the reader on
    /// (so the reader may be replaced by one over the rest of <paramref name="json"/>).
    /// </summary>
    public static Record Read(ref Utf8JsonReader reader, ref ReadOnlySpan<byte> json, TypeSchema types, bool requireId = true)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatException($"a record must be a JSON object, found {Describe(reader.TokenType)}");
        }

        string? id = null, text = null, title = null, recordType = null, collection = null, alternateText = null;
        float[]? looseVector = null;
        RecordSource? source = null;
        var record = new Record(string.Empty);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "id" or "_id":
                    id = reader.TokenType switch
                    {
                        JsonTokenType.String => reader.GetString(),
                        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                        _ => throw new FormatException($"'{name}' must be a string or a number, found {Describe(reader.TokenType)}"),
                    };
                    break;
                case "text":
                    text = ReadString(ref reader, name);
                    break;
                case "content" or "page_content" or "document":
                    alternateText = ReadString(ref reader, name);
                    break;
                case "title":
                    title = ReadString(ref reader, name);
                    break;
                case "record_type":
                    recordType = ReadString(ref reader, name);
                    break;
                case "collection":
                    collection = ReadString(ref reader, name);
                    break;
                case "vectors":
                    ExpectObject(ref reader, name);
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        var vectorName = reader.GetString()!;
                        reader.Read();
                        record.Vectors[vectorName] = ReadFloats(ref reader, ref json, "vectors." + vectorName);
                    }

                    break;
                case "vector" or "embedding" when reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject:
                    looseVector = ReadFloats(ref reader, ref json, name);
                    break;
                case "sparse":
                    ExpectObject(ref reader, name);
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        var sparseName = reader.GetString()!;
                        reader.Read();
                        record.Sparse[sparseName] = ReadSparse(ref reader, ref json, "sparse." + sparseName);
                    }

                    break;
                case "metadata" when reader.TokenType == JsonTokenType.StartObject:
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        var key = reader.GetString()!;
                        reader.Read();
                        record.Metadata[key] = Coerce(types, key, MetadataJson.Read(ref reader));
                    }

                    break;
                case "relationships":
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw new FormatException($"'relationships' must be an array, found {Describe(reader.TokenType)}");
                    }

                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        ExpectObject(ref reader, "relationships[]");
                        string? kind = null, target = null;
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                        {
                            var member = reader.GetString();
                            reader.Read();
                            if (member == "kind")
                            {
                                kind = ReadString(ref reader, "relationships[].kind");
                            }
                            else if (member == "target")
                            {
                                target = ReadString(ref reader, "relationships[].target");
                            }
                            else
                            {
                                reader.Skip();
                            }
                        }

                        record.Relationships.Add(new Relationship(
                            kind ?? throw new FormatException("a relationship needs a 'kind'"),
                            target ?? throw new FormatException("a relationship needs a 'target'")));
                    }

                    break;
                case "source" when reader.TokenType == JsonTokenType.StartObject:
                    string? system = null, location = null, originalId = null;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        var member = reader.GetString();
                        reader.Read();
                        switch (member)
                        {
                            case "system": system = ReadString(ref reader, "source.system"); break;
                            case "location": location = ReadString(ref reader, "source.location"); break;
                            case "original_id": originalId = ReadString(ref reader, "source.original_id"); break;
                            default: reader.Skip(); break;
                        }
                    }

                    source = new RecordSource(system ?? throw new FormatException("'source' needs a 'system'"), location, originalId);
                    break;
                default:
                    record.Metadata[name] = Coerce(types, name, MetadataJson.Read(ref reader));
                    break;
            }
        }

        record.Id = id ?? (requireId ? throw new FormatException("the record has no 'id'") : string.Empty);
        record.Text = text ?? alternateText;
        record.Title = title;
        record.RecordType = recordType ?? RecordTypes.Document;
        record.Collection = collection;
        record.Source = source;
        if (looseVector is not null)
        {
            record.Vectors.TryAdd(Record.DefaultVectorName, looseVector);
        }

        return record;
    }

    public static float[] ReadFloats(ref Utf8JsonReader reader, ref ReadOnlySpan<byte> json, string field)
    {
        if (reader.TokenType == JsonTokenType.StartArray && !reader.HasValueSequence)
        {
            try
            {
                return reader.ReadSingleArray(ref json);
            }
            catch (Utf8FormatException ex)
            {
                throw new FormatException($"'{field}' is not an array of numbers: {ex.Message}", ex);
            }
        }

        if (reader.TokenType == JsonTokenType.StartObject)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.PropertyName || reader.GetString() != RawVectorTag)
            {
                throw new FormatException($"'{field}' must be an array of numbers or {{\"{RawVectorTag}\": base64}}");
            }

            reader.Read();
            var bytes = reader.GetBytesFromBase64();
            reader.Read();
            if (reader.TokenType != JsonTokenType.EndObject || bytes.Length % 4 != 0)
            {
                throw new FormatException($"'{field}': {{\"{RawVectorTag}\": …}} must hold the base64 of whole float32 values and nothing else");
            }

            return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new FormatException($"'{field}' must be an array of numbers, found {Describe(reader.TokenType)}");
        }

        var buffer = ArrayPool<float>.Shared.Rent(1024);
        var count = 0;
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                float value;
                if (reader.TokenType == JsonTokenType.Number)
                {
                    if (!Utf8Number.TryParseSingle(reader.ValueSpan, out value, out var used) || used != reader.ValueSpan.Length)
                    {
                        throw new FormatException($"'{field}'[{count}] is not a number");
                    }
                }
                else if (reader.TokenType == JsonTokenType.String && MetadataText.TryParseFloat(reader.GetString(), out var special))
                {
                    value = (float)special;
                }
                else
                {
                    throw new FormatException($"'{field}'[{count}] must be a number, found {Describe(reader.TokenType)}");
                }

                if (count == buffer.Length)
                {
                    var bigger = ArrayPool<float>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, count).CopyTo(bigger);
                    ArrayPool<float>.Shared.Return(buffer);
                    buffer = bigger;
                }

                buffer[count++] = value;
            }

            return buffer.AsSpan(0, count).ToArray();
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    private static SparseVector ReadSparse(ref Utf8JsonReader reader, ref ReadOnlySpan<byte> json, string field)
    {
        ExpectObject(ref reader, field);
        uint[]? indices = null;
        float[]? values = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var member = reader.GetString();
            reader.Read();
            if (member == "indices")
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new FormatException($"'{field}.indices' must be an array");
                }

                var list = new List<uint>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    list.Add(reader.TokenType == JsonTokenType.Number && reader.TryGetUInt32(out var index)
                        ? index
                        : throw new FormatException($"'{field}.indices' must hold unsigned 32-bit integers"));
                }

                indices = list.ToArray();
            }
            else if (member == "values")
            {
                values = ReadFloats(ref reader, ref json, field + ".values");
            }
            else
            {
                reader.Skip();
            }
        }

        try
        {
            return new SparseVector(indices ?? [], values ?? []);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"'{field}': {ex.Message}", ex);
        }
    }

    private static MetadataValue Coerce(TypeSchema types, string key, MetadataValue value) =>
        types.IsEmpty ? value : types.Coerce(key, value);

    private static string? ReadString(ref Utf8JsonReader reader, string field) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw new FormatException($"'{field}' must be a string, found {Describe(reader.TokenType)}"),
    };

    private static void ExpectObject(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatException($"'{field}' must be an object, found {Describe(reader.TokenType)}");
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
