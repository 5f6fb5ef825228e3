using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using Ferry.Plugins.Files.Typing;
using Ferry.Sdk.Records;
using Ferry.Text.Numbers;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Ferry.Plugins.Files.Yaml;

/// <summary>
/// One record as a YAML mapping (docs/formats.md, "YAML"), with the same members as the JSON layout: <c>id</c>,
/// <c>record_type</c>, <c>collection</c>, <c>title</c>, <c>text</c>, <c>vectors</c> (flow sequences of float32 in
/// shortest round-trip form, or <c>!f32 base64</c> when a component is not finite), <c>sparse</c>, <c>metadata</c>
/// (typed by <see cref="YamlScalars"/>), <c>relationships</c>, <c>source</c>. Also the front matter of Markdown.
/// </summary>
internal static class YamlRecordCodec
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "id", "record_type", "collection", "title", "text", "vectors", "sparse", "metadata", "relationships", "source",
    };

    /// <summary>Emits the record's members into an open mapping (the caller emits MappingStart/End).</summary>
    public static void EmitMembers(IEmitter emitter, Record record, bool includeText = true, bool includeVectors = true)
    {
        Key(emitter, "id");
        YamlScalars.EmitString(emitter, record.Id);
        if (!string.Equals(record.RecordType, RecordTypes.Document, StringComparison.Ordinal))
        {
            Key(emitter, "record_type");
            YamlScalars.EmitString(emitter, record.RecordType);
        }

        Optional(emitter, "collection", record.Collection);
        Optional(emitter, "title", record.Title);
        if (includeText)
        {
            Optional(emitter, "text", record.Text);
        }

        if (includeVectors && record.Vectors.Count > 0)
        {
            Key(emitter, "vectors");
            emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block));
            foreach (var (name, vector) in record.Vectors)
            {
                YamlScalars.EmitString(emitter, name);
                EmitFloats(emitter, vector);
            }

            emitter.Emit(new MappingEnd());
        }

        if (includeVectors && record.Sparse.Count > 0)
        {
            Key(emitter, "sparse");
            emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block));
            foreach (var (name, sparse) in record.Sparse)
            {
                YamlScalars.EmitString(emitter, name);
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block));
                Key(emitter, "indices");
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Flow));
                foreach (var index in sparse.Indices)
                {
                    YamlScalars.Plain(emitter, index.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                emitter.Emit(new SequenceEnd());
                Key(emitter, "values");
                EmitFloats(emitter, sparse.Values);
                emitter.Emit(new MappingEnd());
            }

            emitter.Emit(new MappingEnd());
        }

        if (record.Metadata.Count > 0)
        {
            Key(emitter, "metadata");
            emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block));
            foreach (var (key, value) in record.Metadata)
            {
                YamlScalars.EmitString(emitter, key);
                YamlScalars.Emit(emitter, value);
            }

            emitter.Emit(new MappingEnd());
        }

        if (record.Relationships.Count > 0)
        {
            Key(emitter, "relationships");
            emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block));
            foreach (var relationship in record.Relationships)
            {
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Flow));
                Key(emitter, "kind");
                YamlScalars.EmitString(emitter, relationship.Kind);
                Key(emitter, "target");
                YamlScalars.EmitString(emitter, relationship.TargetId);
                emitter.Emit(new MappingEnd());
            }

            emitter.Emit(new SequenceEnd());
        }

        if (record.Source is { } source)
        {
            Key(emitter, "source");
            emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block));
            Key(emitter, "system");
            YamlScalars.EmitString(emitter, source.System);
            Optional(emitter, "location", source.Location);
            Optional(emitter, "original_id", source.OriginalId);
            emitter.Emit(new MappingEnd());
        }
    }

    public static void EmitFloats(IEmitter emitter, ReadOnlySpan<float> values)
    {
        foreach (var value in values)
        {
            if (!float.IsFinite(value))
            {
                YamlScalars.Tagged(emitter, YamlTags.RawFloat32, Convert.ToBase64String(MemoryMarshal.AsBytes(values)));
                return;
            }
        }

        emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Flow));
        Span<byte> utf8 = stackalloc byte[40];
        Span<char> chars = stackalloc char[42];
        foreach (var value in values)
        {
            Utf8Number.TryFormatSingle(value, utf8, out var written);
            var n = 0;
            foreach (var b in utf8[..written])
            {
                chars[n++] = (char)b;
            }

            if (chars[..n].IndexOfAny('.', 'E', 'e') < 0)
            {
                chars[n++] = '.';
                chars[n++] = '0';
            }

            YamlScalars.Plain(emitter, new string(chars[..n]));
        }

        emitter.Emit(new SequenceEnd());
    }

    /// <summary>
    /// Converts a mapping to a record; unknown top-level keys become metadata (as front matter of other tools has
    /// them), and <paramref name="defaultId"/> is used when there is no id.
    /// </summary>
    public static Record ToRecord(YamlMappingNode mapping, TypeSchema types, string? defaultId = null)
    {
        var record = new Record(string.Empty);
        string? id = null;
        float[]? looseVector = null;
        foreach (var (keyNode, value) in mapping.Entries)
        {
            var key = keyNode is YamlScalarNode k ? k.Text : throw new FormatException($"line {keyNode.Start.Line}: a record's keys must be scalars");
            switch (key)
            {
                case "id" or "_id":
                    id = ScalarText(value, key);
                    break;
                case "text":
                    record.Text = NullableString(value, key);
                    break;
                case "title":
                    record.Title = NullableString(value, key);
                    break;
                case "collection":
                    record.Collection = NullableString(value, key);
                    break;
                case "record_type":
                    record.RecordType = NullableString(value, key) ?? RecordTypes.Document;
                    break;
                case "vectors":
                    foreach (var (name, vector) in Mapping(value, key).Entries)
                    {
                        record.Vectors[ScalarText(name, key)] = ReadFloats(vector, "vectors");
                    }

                    break;
                case "vector" or "embedding" when value is YamlSequenceNode or YamlScalarNode { Scalar.Tag.Value: YamlTags.RawFloat32 }:
                    looseVector = ReadFloats(value, key);
                    break;
                case "sparse":
                    foreach (var (name, sparse) in Mapping(value, key).Entries)
                    {
                        record.Sparse[ScalarText(name, key)] = ReadSparse(Mapping(sparse, "sparse"));
                    }

                    break;
                case "metadata" when value is YamlMappingNode metadata:
                    foreach (var (metaKey, metaValue) in metadata.Entries)
                    {
                        var name = ScalarText(metaKey, "metadata");
                        record.Metadata[name] = Coerce(types, name, ToValue(metaValue));
                    }

                    break;
                case "relationships":
                    if (value is not YamlSequenceNode relationships)
                    {
                        throw new FormatException($"line {value.Start.Line}: 'relationships' must be a sequence");
                    }

                    foreach (var item in relationships.Items)
                    {
                        var entry = Mapping(item, "relationships");
                        record.Relationships.Add(new Relationship(Member(entry, "kind") ?? throw new FormatException("a relationship needs a kind"), Member(entry, "target") ?? throw new FormatException("a relationship needs a target")));
                    }

                    break;
                case "source" when value is YamlMappingNode source:
                    record.Source = new RecordSource(Member(source, "system") ?? throw new FormatException("'source' needs a system"), Member(source, "location"), Member(source, "original_id"));
                    break;
                default:
                    record.Metadata[key] = Coerce(types, key, ToValue(value));
                    break;
            }
        }

        record.Id = id ?? defaultId ?? throw new FormatException($"line {mapping.Start.Line}: the record has no id");
        if (looseVector is not null)
        {
            record.Vectors.TryAdd(Record.DefaultVectorName, looseVector);
        }

        return record;
    }

    public static bool IsReserved(string key) => Reserved.Contains(key);

    public static MetadataValue ToValue(YamlNode node) => node switch
    {
        YamlScalarNode scalar => YamlScalars.Resolve(scalar.Scalar),
        YamlSequenceNode sequence => MetadataValue.FromArray(sequence.Items.Select(ToValue).ToArray()),
        YamlMappingNode mapping => MetadataValue.FromObject(mapping.Entries.Select(e => KeyValuePair.Create(ScalarText(e.Key, "object"), ToValue(e.Value))).ToArray()),
        _ => throw new FormatException("unexpected YAML node"),
    };

    private static float[] ReadFloats(YamlNode node, string field)
    {
        if (node is YamlScalarNode scalar && scalar.Scalar.Tag.Value == YamlTags.RawFloat32)
        {
            var bytes = global::System.Convert.FromBase64String(scalar.Text);
            return bytes.Length % 4 == 0
                ? MemoryMarshal.Cast<byte, float>(bytes).ToArray()
                : throw new FormatException($"line {node.Start.Line}: {YamlTags.RawFloat32} must hold whole float32 values");
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw new FormatException($"line {node.Start.Line}: '{field}' must be a sequence of numbers");
        }

        var values = new float[sequence.Items.Count];
        var utf8 = ArrayPool<byte>.Shared.Rent(64);
        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                var text = sequence.Items[i] is YamlScalarNode item ? item.Text : throw new FormatException($"line {sequence.Items[i].Start.Line}: '{field}'[{i}] is not a number");
                if (text.Length > 60)
                {
                    throw new FormatException($"line {sequence.Items[i].Start.Line}: '{field}'[{i}] is not a number");
                }

                var length = Encoding.UTF8.GetBytes(text, utf8);
                if (Utf8Number.TryParseSingle(utf8.AsSpan(0, length), out var value, out var used) && used == length)
                {
                    values[i] = value;
                }
                else if (YamlScalars.ParseFloat(text) is { } special)
                {
                    values[i] = (float)special;
                }
                else
                {
                    throw new FormatException($"line {sequence.Items[i].Start.Line}: '{field}'[{i}] = '{text}' is not a number");
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }

        return values;
    }

    private static SparseVector ReadSparse(YamlMappingNode mapping)
    {
        uint[] indices = [];
        float[] values = [];
        foreach (var (key, value) in mapping.Entries)
        {
            switch (ScalarText(key, "sparse"))
            {
                case "indices":
                    indices = value is YamlSequenceNode list
                        ? list.Items.Select(i => uint.Parse(ScalarText(i, "indices"), System.Globalization.CultureInfo.InvariantCulture)).ToArray()
                        : throw new FormatException($"line {value.Start.Line}: 'indices' must be a sequence");
                    break;
                case "values":
                    values = ReadFloats(value, "values");
                    break;
            }
        }

        try
        {
            return new SparseVector(indices, values);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"line {mapping.Start.Line}: {ex.Message}", ex);
        }
    }

    private static MetadataValue Coerce(TypeSchema types, string key, MetadataValue value) => types.IsEmpty ? value : types.Coerce(key, value);

    private static string? Member(YamlMappingNode mapping, string name)
    {
        foreach (var (key, value) in mapping.Entries)
        {
            if (key is YamlScalarNode k && k.Text == name)
            {
                return NullableString(value, name);
            }
        }

        return null;
    }

    private static YamlMappingNode Mapping(YamlNode node, string field) =>
        node as YamlMappingNode ?? throw new FormatException($"line {node.Start.Line}: '{field}' must be a mapping");

    private static string ScalarText(YamlNode node, string field) =>
        node is YamlScalarNode scalar ? scalar.Text : throw new FormatException($"line {node.Start.Line}: '{field}' must be a scalar");

    private static string? NullableString(YamlNode node, string field)
    {
        var scalar = node as YamlScalarNode ?? throw new FormatException($"line {node.Start.Line}: '{field}' must be a scalar");
        return YamlScalars.Resolve(scalar.Scalar).IsNull && scalar.Scalar.Style == ScalarStyle.Plain ? null : scalar.Text;
    }

    private static void Key(IEmitter emitter, string key) => YamlScalars.Plain(emitter, key);

    private static void Optional(IEmitter emitter, string key, string? value)
    {
        if (value is not null)
        {
            Key(emitter, key);
            YamlScalars.EmitString(emitter, value);
        }
    }
}
