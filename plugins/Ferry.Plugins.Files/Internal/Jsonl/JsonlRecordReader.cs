using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ferry.Sdk.Records;
using Ferry.Text.Json;
using Ferry.Text.Numbers;

namespace Ferry.Plugins.Files.Internal.Jsonl;

/// <summary>
/// Turns one JSON Lines line into a <see cref="Record"/>. The top-level object is walked by hand so that vector
/// arrays (most of a line's bytes) go straight to <see cref="JsonNumberArray"/> (exact, shortest-round-trip
/// float32 parsing) without a general tokenizer; every other value is read with <see cref="Utf8JsonReader"/>.
/// Known keys: the id, text and title fields, <c>record_type</c>, <c>collection</c>, the vector fields
/// (<c>vector</c>, <c>embedding</c>), <c>vectors</c>, <c>sparse</c>, <c>metadata</c>, <c>relationships</c>,
/// <c>source</c>; any other key becomes a metadata field. Metadata keeps its JSON types: a number with a decimal
/// point or exponent is a float (<c>1.0</c> stays float), one without is an integer (a decimal beyond 64 bits);
/// tagged objects carry the kinds JSON lacks (<c>$timestamp</c>, <c>$bytes</c>, <c>$decimal</c>, <c>$float</c>,
/// <c>$string</c>, <c>$object</c>).
/// </summary>
internal sealed class JsonlRecordReader
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    private readonly JsonlSourceSettings _settings;
    private readonly byte[] _idKey;
    private readonly byte[] _textKey;
    private readonly byte[] _titleKey;
    private readonly byte[][] _vectorKeys;
    private readonly PropertyNames _names = new();

    // How many metadata entries the last record had (a capacity hint; readers on other threads may race on it harmlessly).
    private int _metadataCapacity;

    public JsonlRecordReader(JsonlSourceSettings settings)
    {
        _settings = settings;
        _idKey = Encoding.UTF8.GetBytes(settings.IdField);
        _textKey = Encoding.UTF8.GetBytes(settings.TextField);
        _titleKey = Encoding.UTF8.GetBytes(settings.TitleField);
        _vectorKeys = settings.VectorFields.Select(Encoding.UTF8.GetBytes).ToArray();
    }

    /// <summary>Parses a line (without its line break).</summary>
    /// <exception cref="JsonlFormatException">The line is not a record; the message says where and why.</exception>
    public Record Parse(ReadOnlySpan<byte> line, string? idForMessages = null)
    {
        // The record is filled as the line is read (its id is set at the end), so its vectors and metadata go
        // straight into its own dictionaries instead of through copies.
        string? id = null, recordType = null;
        var record = new Record(string.Empty);

        var i = Skip(line, 0);
        if (i >= line.Length || line[i] != (byte)'{')
        {
            throw new JsonlFormatException(i >= line.Length ? "the line is empty" : $"expected a JSON object, found '{(char)line[i]}' at column {i + 1}");
        }

        i = Skip(line, i + 1);
        if (i < line.Length && line[i] == (byte)'}')
        {
            i++;
        }
        else
        {
            while (true)
            {
                if (i >= line.Length || line[i] != (byte)'"')
                {
                    throw new JsonlFormatException($"expected a property name at column {i + 1}{Ending(line, i)}");
                }

                var (keyStart, keyEnd, escaped) = ScanString(line, i);
                var keyBytes = line[keyStart..keyEnd];
                string? keyText = escaped ? DecodeString(line[i..(keyEnd + 1)]) : null;
                i = Skip(line, keyEnd + 1);
                if (i >= line.Length || line[i] != (byte)':')
                {
                    throw new JsonlFormatException($"expected ':' after a property name at column {i + 1}{Ending(line, i)}");
                }

                i = Skip(line, i + 1);
                if (i >= line.Length)
                {
                    throw new JsonlFormatException("the line ends where a value should be (truncated?)");
                }

                var value = line[i..];
                int consumed;
                var key = keyText is null ? keyBytes : Encoding.UTF8.GetBytes(keyText);
                if (key.SequenceEqual(_idKey))
                {
                    id = ReadId(value, out consumed);
                }
                else if (key.SequenceEqual(_textKey))
                {
                    record.Text = ReadOptionalString(value, _settings.TextField, out consumed);
                }
                else if (key.SequenceEqual(_titleKey))
                {
                    record.Title = ReadOptionalString(value, _settings.TitleField, out consumed);
                }
                else if (IsVectorKey(key))
                {
                    var vector = ReadVector(value, _names.Get(key), out consumed);
                    if (vector is not null)
                    {
                        record.Vectors[Record.DefaultVectorName] = vector;
                    }
                }
                else if (key.SequenceEqual("metadata"u8) && value.StartsWith("null"u8))
                {
                    consumed = 4;
                }
                else if (key.SequenceEqual("metadata"u8) && value[0] == (byte)'{')
                {
                    ReadMetadataObject(value, record.Metadata, out consumed);
                }
                else if (key.SequenceEqual("vectors"u8) && value[0] == (byte)'{')
                {
                    consumed = ReadNamedVectors(value, record.Vectors);
                }
                else if (key.SequenceEqual("record_type"u8))
                {
                    recordType = ReadOptionalString(value, "record_type", out consumed);
                }
                else if (key.SequenceEqual("collection"u8))
                {
                    record.Collection = ReadOptionalString(value, "collection", out consumed);
                }
                else if (key.SequenceEqual("sparse"u8) && value[0] == (byte)'{')
                {
                    record.Sparse.Clear();
                    foreach (var (name, values) in ReadSparse(value, out consumed))
                    {
                        record.Sparse[name] = values;
                    }
                }
                else if (key.SequenceEqual("relationships"u8) && value[0] == (byte)'[')
                {
                    record.Relationships.Clear();
                    record.Relationships.AddRange(ReadRelationships(value, out consumed));
                }
                else if (key.SequenceEqual("source"u8) && value[0] == (byte)'{')
                {
                    record.Source = ReadSource(value, out consumed);
                }
                else
                {
                    var name = keyText ?? _names.Get(keyBytes);
                    record.Metadata[name] = ReadMetadataValue(value, name, out consumed);
                }

                i = Skip(line, i + consumed);
                if (i < line.Length && line[i] == (byte)',')
                {
                    i = Skip(line, i + 1);
                    continue;
                }

                if (i < line.Length && line[i] == (byte)'}')
                {
                    i++;
                    break;
                }

                throw new JsonlFormatException($"expected ',' or '}}' at column {i + 1}{Ending(line, i)}");
            }
        }

        i = Skip(line, i);
        if (i < line.Length)
        {
            throw new JsonlFormatException($"unexpected text after the record at column {i + 1} (one JSON object per line)");
        }

        if (id is null)
        {
            throw new JsonlFormatException($"the record has no '{_settings.IdField}'", _settings.IdField);
        }

        record.Id = id;
        if (recordType is not null)
        {
            record.RecordType = recordType;
        }

        return record;
    }

    /// <summary>Finds the record id of a line cheaply (for messages about lines that do not parse); <c>null</c> when not found.</summary>
    public string? TryFindId(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals(_idKey);
                reader.Read();
                if (isId)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : reader.TokenType == JsonTokenType.Number ? Encoding.UTF8.GetString(reader.ValueSpan) : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // The line is broken; the id was not found before the break.
        }

        return null;
    }

    private bool IsVectorKey(ReadOnlySpan<byte> key)
    {
        foreach (var candidate in _vectorKeys)
        {
            if (key.SequenceEqual(candidate))
            {
                return true;
            }
        }

        return false;
    }

    private string ReadId(ReadOnlySpan<byte> value, out int consumed)
    {
        var reader = Reader(value, _settings.IdField);
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                consumed = (int)reader.BytesConsumed;
                return reader.GetString()!;
            case JsonTokenType.Number:
                consumed = (int)reader.BytesConsumed;
                return Encoding.UTF8.GetString(reader.ValueSpan);
            default:
                throw new JsonlFormatException($"'{_settings.IdField}' must be a string or a number, not {Describe(reader.TokenType)}", _settings.IdField);
        }
    }

    private static string? ReadOptionalString(ReadOnlySpan<byte> value, string field, out int consumed)
    {
        var reader = Reader(value, field);
        consumed = (int)reader.BytesConsumed;
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw new JsonlFormatException($"'{field}' must be a string or null, not {Describe(reader.TokenType)}", field),
        };
    }

    private static float[]? ReadVector(ReadOnlySpan<byte> value, string field, out int consumed)
    {
        if (value[0] == (byte)'n' && value.StartsWith("null"u8))
        {
            consumed = 4;
            return null;
        }

        if (value[0] == (byte)'{')
        {
            var reader = Reader(value, field);
            var floats = ReadRawFloats(ref reader, field);
            consumed = (int)reader.BytesConsumed;
            return floats;
        }

        try
        {
            return JsonNumberArray.ParseSingles(value, out consumed);
        }
        catch (Utf8FormatException e)
        {
            throw new JsonlFormatException($"'{field}' is not an array of numbers: {e.Message}", field, e);
        }
    }

    /// <summary>
    /// Reads <c>{"$f32": base64}</c> (the raw little-endian bytes of a float32 array holding a NaN payload) with the
    /// reader on its start; leaves the reader on the closing brace.
    /// </summary>
    private static float[] ReadRawFloats(ref Utf8JsonReader reader, string field)
    {
        const string Expected = "must be an array of numbers or {\"" + JsonlRecordWriter.RawFloatsTag + "\": base64 of float32 values}";
        try
        {
            if (reader.TokenType != JsonTokenType.StartObject || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName
                || !reader.ValueTextEquals(JsonlRecordWriter.RawFloatsTag) || !reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                throw new JsonlFormatException($"'{field}' {Expected}", field);
            }

            var bytes = reader.GetBytesFromBase64();
            if (!reader.Read() || reader.TokenType != JsonTokenType.EndObject || bytes.Length % sizeof(float) != 0)
            {
                throw new JsonlFormatException($"'{field}' {Expected}", field);
            }

            return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new JsonlFormatException($"'{field}' {Expected}: {e.Message}", field, e);
        }
    }

    private static int ReadNamedVectors(ReadOnlySpan<byte> value, Dictionary<string, float[]> vectors)
    {
        var i = Skip(value, 1);
        if (i < value.Length && value[i] == (byte)'}')
        {
            return i + 1;
        }

        while (true)
        {
            if (i >= value.Length || value[i] != (byte)'"')
            {
                throw new JsonlFormatException("'vectors' must map names to arrays of numbers", "vectors");
            }

            var (start, end, escaped) = ScanString(value, i);
            var name = escaped ? DecodeString(value[i..(end + 1)]) : Encoding.UTF8.GetString(value[start..end]);
            i = Skip(value, end + 1);
            if (i >= value.Length || value[i] != (byte)':')
            {
                throw new JsonlFormatException("'vectors' must map names to arrays of numbers", "vectors");
            }

            i = Skip(value, i + 1);
            var vector = ReadVector(value[i..], "vectors." + name, out var consumed);
            if (vector is not null)
            {
                vectors[name] = vector;
            }

            i = Skip(value, i + consumed);
            if (i < value.Length && value[i] == (byte)',')
            {
                i = Skip(value, i + 1);
                continue;
            }

            if (i < value.Length && value[i] == (byte)'}')
            {
                return i + 1;
            }

            throw new JsonlFormatException("'vectors' is not a well-formed object", "vectors");
        }
    }

    private void ReadMetadataObject(ReadOnlySpan<byte> value, Dictionary<string, MetadataValue> metadata, out int consumed)
    {
        var reader = Reader(value, "metadata");

        // Sized like the last record's metadata, so lines of one shape fill it without growing it step by step.
        metadata.EnsureCapacity(_metadataCapacity);
        try
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueIsEscaped ? reader.GetString()! : _names.Get(reader.ValueSpan);
                reader.Read();
                metadata[name] = ReadValue(ref reader, name);
            }

            _metadataCapacity = metadata.Count;
        }
        catch (JsonException e)
        {
            throw new JsonlFormatException($"'metadata' is not well-formed JSON: {e.Message}", "metadata", e);
        }

        consumed = (int)reader.BytesConsumed;
    }

    private MetadataValue ReadMetadataValue(ReadOnlySpan<byte> value, string name, out int consumed)
    {
        var reader = Reader(value, name);
        try
        {
            var result = ReadValue(ref reader, name);
            consumed = (int)reader.BytesConsumed;
            return result;
        }
        catch (JsonException e)
        {
            throw new JsonlFormatException($"'{name}' is not well-formed JSON: {e.Message}", name, e);
        }
    }

    private MetadataValue ReadValue(ref Utf8JsonReader reader, string path)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return ReadString(ref reader, path);
            case JsonTokenType.Number:
                return ReadNumber(ref reader);
            case JsonTokenType.True:
                return MetadataValue.True;
            case JsonTokenType.False:
                return MetadataValue.False;
            case JsonTokenType.Null:
                return MetadataValue.Null;
            case JsonTokenType.StartArray:
                var items = new List<MetadataValue>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, path));
                }

                return MetadataValue.FromArray(items);
            case JsonTokenType.StartObject:
                return ReadObject(ref reader, path, allowTag: true);
            default:
                throw new JsonlFormatException($"unexpected {Describe(reader.TokenType)} in '{path}'", path);
        }
    }

    private MetadataValue ReadObject(ref Utf8JsonReader reader, string path, bool allowTag)
    {
        var entries = new List<KeyValuePair<string, MetadataValue>>();
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndObject)
        {
            return MetadataValue.FromObject(entries);
        }

        if (allowTag && reader.ValueSpan.Length > 1 && reader.ValueSpan[0] == (byte)'$')
        {
            var saved = reader;
            var tag = reader.GetString()!;
            reader.Read();
            if (TryReadTagged(ref reader, tag, path, out var tagged) && reader.Read() && reader.TokenType == JsonTokenType.EndObject)
            {
                return tagged;
            }

            // An ordinary object whose first key starts with '$'.
            reader = saved;
        }

        do
        {
            var name = reader.GetString()!;
            reader.Read();
            entries.Add(new(name, ReadValue(ref reader, path + "." + name)));
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName);

        return MetadataValue.FromObject(entries);
    }

    private bool TryReadTagged(ref Utf8JsonReader reader, string tag, string path, out MetadataValue value)
    {
        value = MetadataValue.Null;
        if (tag == "$object")
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            value = ReadObject(ref reader, path, allowTag: false);
            return true;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        var text = reader.GetString()!;
        switch (tag)
        {
            case "$timestamp":
                value = MetadataValue.FromTimestamp(ParseTimestamp(text, path));
                return true;
            case "$bytes":
                try
                {
                    value = MetadataValue.FromBytes(Convert.FromBase64String(text));
                }
                catch (FormatException e)
                {
                    throw new JsonlFormatException($"'{path}': '$bytes' is not base64 ({e.Message})", path, e);
                }

                return true;
            case "$decimal":
                value = MetadataText.TryParseDecimal(text, out var number)
                    ? MetadataValue.FromDecimal(number)
                    : throw new JsonlFormatException($"'{path}': '$decimal' value '{text}' is not a decimal number", path);
                return true;
            case "$float":
                value = text switch
                {
                    "NaN" => MetadataValue.FromFloat(double.NaN),
                    "Infinity" => MetadataValue.FromFloat(double.PositiveInfinity),
                    "-Infinity" => MetadataValue.FromFloat(double.NegativeInfinity),
                    _ => MetadataText.TryParseFloatBits(text, out var d) || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out d)
                        ? MetadataValue.FromFloat(d)
                        : throw new JsonlFormatException($"'{path}': '$float' value '{text}' is not a number", path),
                };
                return true;
            case "$string":
                value = MetadataValue.FromString(text);
                return true;
            default:
                return false;
        }
    }

    private MetadataValue ReadString(ref Utf8JsonReader reader, string path)
    {
        var text = reader.GetString()!;
        switch (_settings.Timestamps)
        {
            case TimestampMode.Auto when Iso8601Shape.Matches(text)
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var timestamp):
                return MetadataValue.FromTimestamp(timestamp);
            case TimestampMode.Fields when _settings.TimestampFields.Contains(path):
                return MetadataValue.FromTimestamp(ParseTimestamp(text, path));
            default:
                return MetadataValue.FromString(text);
        }
    }

    private static DateTimeOffset ParseTimestamp(string text, string path) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind | DateTimeStyles.AssumeUniversal, out var timestamp)
            ? timestamp
            : throw new JsonlFormatException($"'{path}' is not an ISO-8601 timestamp: '{text}'", path);

    private static MetadataValue ReadNumber(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        if (raw.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0)
        {
            if (Utf8Parser.TryParse(raw, out long integer, out var used) && used == raw.Length)
            {
                return MetadataValue.FromInteger(integer);
            }

            if (Utf8Parser.TryParse(raw, out decimal big, out used) && used == raw.Length)
            {
                return MetadataValue.FromDecimal(big);
            }
        }

        return Utf8Number.TryParseDouble(raw, out var value, out var consumed) && consumed == raw.Length
            ? MetadataValue.FromFloat(value)
            : MetadataValue.FromFloat(reader.GetDouble());
    }

    private static Dictionary<string, SparseVector> ReadSparse(ReadOnlySpan<byte> value, out int consumed)
    {
        var result = new Dictionary<string, SparseVector>(StringComparer.Ordinal);
        var reader = Reader(value, "sparse");
        try
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new JsonlFormatException($"'sparse.{name}' must be an object with indices and values", "sparse." + name);
                }

                var indices = new List<uint>();
                var values = new List<float>();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var part = reader.GetString();
                    reader.Read();
                    if (part == "values" && reader.TokenType == JsonTokenType.StartObject)
                    {
                        values.AddRange(ReadRawFloats(ref reader, $"sparse.{name}.values"));
                        continue;
                    }

                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw new JsonlFormatException($"'sparse.{name}.{part}' must be an array", "sparse." + name);
                    }

                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (part == "indices")
                        {
                            indices.Add(reader.GetUInt32());
                        }
                        else if (part == "values")
                        {
                            values.Add(reader.TokenType == JsonTokenType.String ? float.Parse(reader.GetString()!, CultureInfo.InvariantCulture) : reader.GetSingle());
                        }
                        else
                        {
                            throw new JsonlFormatException($"'sparse.{name}' has an unknown part '{part}' (indices, values)", "sparse." + name);
                        }
                    }
                }

                try
                {
                    result[name] = new SparseVector(indices.ToArray(), values.ToArray());
                }
                catch (ArgumentException e)
                {
                    throw new JsonlFormatException($"'sparse.{name}': {e.Message}", "sparse." + name, e);
                }
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new JsonlFormatException($"'sparse' is not well-formed: {e.Message}", "sparse", e);
        }

        consumed = (int)reader.BytesConsumed;
        return result;
    }

    private static List<Relationship> ReadRelationships(ReadOnlySpan<byte> value, out int consumed)
    {
        var result = new List<Relationship>();
        var reader = Reader(value, "relationships");
        try
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                string? kind = null, target = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString();
                    reader.Read();
                    switch (name)
                    {
                        case "kind": kind = reader.GetString(); break;
                        case "target": target = reader.GetString(); break;
                        default: reader.Skip(); break;
                    }
                }

                if (kind is null || target is null)
                {
                    throw new JsonlFormatException("each relationship needs a kind and a target", "relationships");
                }

                result.Add(new Relationship(kind, target));
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new JsonlFormatException($"'relationships' is not well-formed: {e.Message}", "relationships", e);
        }

        consumed = (int)reader.BytesConsumed;
        return result;
    }

    private static RecordSource ReadSource(ReadOnlySpan<byte> value, out int consumed)
    {
        string? system = null, location = null, originalId = null;
        var reader = Reader(value, "source");
        try
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "system": system = reader.GetString(); break;
                    case "location": location = reader.GetString(); break;
                    case "original_id": originalId = reader.GetString(); break;
                    default: reader.Skip(); break;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new JsonlFormatException($"'source' is not well-formed: {e.Message}", "source", e);
        }

        consumed = (int)reader.BytesConsumed;
        return new RecordSource(system ?? "unknown", location, originalId);
    }

    /// <summary>A reader positioned on the value at the start of <paramref name="value"/>.</summary>
    private static Utf8JsonReader Reader(ReadOnlySpan<byte> value, string? field = null)
    {
        var reader = new Utf8JsonReader(value, ReaderOptions);
        try
        {
            if (!reader.Read())
            {
                throw new JsonlFormatException("the line ends where a value should be (truncated?)", field);
            }
        }
        catch (JsonException e)
        {
            throw new JsonlFormatException(field is null ? $"not well-formed JSON: {e.Message}" : $"'{field}' is not well-formed JSON: {e.Message}", field, e);
        }

        return reader;
    }

    /// <summary>Finds a string's content: returns (content start, index of the closing quote, whether it has escapes).</summary>
    private static (int Start, int End, bool Escaped) ScanString(ReadOnlySpan<byte> line, int quote)
    {
        var start = quote + 1;
        var escaped = false;
        var i = start;
        while (true)
        {
            var next = line[i..].IndexOfAny((byte)'"', (byte)'\\');
            if (next < 0)
            {
                throw new JsonlFormatException($"a string starting at column {quote + 1} is not closed (truncated line?)");
            }

            i += next;
            if (line[i] == (byte)'"')
            {
                return (start, i, escaped);
            }

            escaped = true;
            i += 2;
            if (i > line.Length)
            {
                throw new JsonlFormatException($"a string starting at column {quote + 1} is not closed (truncated line?)");
            }
        }
    }

    private static string DecodeString(ReadOnlySpan<byte> quoted)
    {
        var reader = Reader(quoted);
        return reader.GetString()!;
    }

    private static int Skip(ReadOnlySpan<byte> line, int i)
    {
        while (i < line.Length && (line[i] == (byte)' ' || line[i] == (byte)'\t' || line[i] == (byte)'\r' || line[i] == (byte)'\n'))
        {
            i++;
        }

        return i;
    }

    private static string Ending(ReadOnlySpan<byte> line, int i) => i >= line.Length ? " (the line ends there: truncated?)" : $", found '{(char)line[i]}'";

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.String => "a string",
        _ => token.ToString(),
    };
}
