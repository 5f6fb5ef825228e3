using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ferry.Plugins.Postgres.Internal.Mapping;
using Ferry.Plugins.Postgres.Internal.Vectors;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Postgres.Internal.Writing;

/// <summary>
/// Checks each record against the table before anything is sent, so that a bad record fails alone with its id
/// and the reason (a vector of the wrong dimension, a NaN or infinity pgvector refuses, a component float16
/// cannot hold, a NUL character in text) instead of failing its whole batch; and decides, value by value, whether
/// a metadata value goes to its typed column (only when that column stores it exactly) or to the tagged jsonb.
/// </summary>
internal sealed class RowEncoder
{
    /// <summary>pgvector refuses sparse vectors with more non-zero entries than this.</summary>
    public const int MaxSparseNonZero = 16000;

    private readonly TableLayout _layout;
    private readonly Dictionary<string, int> _fieldIndex = new(StringComparer.Ordinal);
    private readonly HashSet<string> _vectorNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sparseNames = new(StringComparer.Ordinal);

    public RowEncoder(TableLayout layout)
    {
        _layout = layout;
        for (var i = 0; i < layout.Fields.Count; i++)
        {
            _fieldIndex[layout.Fields[i].Name] = i;
        }

        foreach (var vector in layout.Vectors)
        {
            _vectorNames.Add(vector.Name);
        }

        foreach (var sparse in layout.Sparse)
        {
            _sparseNames.Add(sparse.Name);
        }
    }

    /// <summary>Encodes a record, or returns the reason it cannot be stored.</summary>
    public (EncodedRow? Row, RecordFailure? Failure) Encode(Record record)
    {
        if (!TextSafety.IsStorable(record.Id))
        {
            return Fail(record, "id", "the id contains a NUL character or an unpaired surrogate, which PostgreSQL text cannot store");
        }

        if (record.Text is { } text && !TextSafety.IsStorable(text))
        {
            return Fail(record, "text", "the text contains a NUL character or an unpaired surrogate, which PostgreSQL text cannot store");
        }

        if (record.Title is { } title && !TextSafety.IsStorable(title))
        {
            return Fail(record, "title", "the title contains a NUL character or an unpaired surrogate, which PostgreSQL text cannot store");
        }

        if (!TextSafety.IsStorable(record.RecordType) || (record.Collection is { } collection && !TextSafety.IsStorable(collection)))
        {
            return Fail(record, "record_type", "the record type or collection contains a NUL character or an unpaired surrogate");
        }

        foreach (var vector in _layout.Vectors)
        {
            if (record.Vectors.TryGetValue(vector.Name, out var values) && CheckVector(vector, values) is { } problem)
            {
                return Fail(record, vector.Name, problem);
            }
        }

        foreach (var name in record.Vectors.Keys)
        {
            if (!_vectorNames.Contains(name))
            {
                return Fail(record, name, $"the record has a vector '{name}' the table has no column for (its schema did not declare it)");
            }
        }

        foreach (var sparse in _layout.Sparse)
        {
            if (record.Sparse.TryGetValue(sparse.Name, out var values) && CheckSparse(sparse, values) is { } problem)
            {
                return Fail(record, sparse.Name, problem);
            }
        }

        foreach (var name in record.Sparse.Keys)
        {
            if (!_sparseNames.Contains(name))
            {
                return Fail(record, name, $"the record has a sparse vector '{name}' the table has no column for (its schema did not declare it)");
            }
        }

        var typed = new MetadataValue?[_layout.Fields.Count];
        List<KeyValuePair<string, MetadataValue>>? overflow = null;
        foreach (var (key, value) in record.Metadata)
        {
            if (_fieldIndex.TryGetValue(key, out var index) && FitsColumn(_layout.Fields[index], value))
            {
                typed[index] = value;
            }
            else
            {
                (overflow ??= []).Add(new(key, value));
            }
        }

        string? overflowJson = null;
        if (overflow is not null)
        {
            try
            {
                overflowJson = TaggedJson.EncodeObject(overflow);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
            {
                return Fail(record, "metadata", ex.Message);
            }
        }

        foreach (var relationship in record.Relationships)
        {
            if (!TextSafety.IsStorable(relationship.Kind) || !TextSafety.IsStorable(relationship.TargetId))
            {
                return Fail(record, "relationships", "a relationship contains a NUL character or an unpaired surrogate");
            }
        }

        if (record.Source is { } source && (!TextSafety.IsStorable(source.System) || !IsStorable(source.Location) || !IsStorable(source.OriginalId)))
        {
            return Fail(record, "source", "the provenance contains a NUL character or an unpaired surrogate");
        }

        return (new EncodedRow(record, typed, overflowJson, RelationshipsJson(record), SourceJson(record)), null);
    }

    /// <summary>Whether the typed column stores the value exactly (else it goes to the tagged jsonb).</summary>
    public static bool FitsColumn(LayoutField field, MetadataValue value)
    {
        if (value.Kind != field.Kind)
        {
            return false;
        }

        if (value.Kind != MetadataKind.Array)
        {
            return FitsScalar(value);
        }

        foreach (var item in value.AsArray())
        {
            if (!item.IsNull && (item.Kind != field.ItemKind || !FitsScalar(item)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool FitsScalar(MetadataValue value) => value.Kind switch
    {
        MetadataKind.String => TextSafety.IsStorable(value.AsString()),

        // timestamptz keeps the instant in microseconds, not the offset: other offsets and finer ticks go to jsonb;
        // so does 0001-01-01, which Npgsql would send as -infinity.
        MetadataKind.Timestamp => value.AsTimestamp().Offset == TimeSpan.Zero && value.AsTimestamp().UtcTicks % 10 == 0
            && value.AsTimestamp().UtcTicks != DateTime.MinValue.Ticks,
        _ => true,
    };

    private static string? CheckVector(LayoutVector vector, float[] values)
    {
        if (values.Length != vector.Dimension)
        {
            return $"vector '{vector.Name}' has {values.Length} dimensions, the table's column has {vector.Dimension}";
        }

        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            switch (vector.Storage)
            {
                case VectorStorage.Vector when !float.IsFinite(value):
                    return $"vector '{vector.Name}' component {i} is {value.ToString(CultureInfo.InvariantCulture)}; pgvector stores only finite values";
                case VectorStorage.Halfvec when !HalfPrecision.IsExact(value):
                    return $"vector '{vector.Name}' component {i} ({value.ToString("R", CultureInfo.InvariantCulture)}) is not exactly representable in halfvec (float16); use vector_type=vector";
            }
        }

        return null;
    }

    private static string? CheckSparse(LayoutSparse sparse, SparseVector values)
    {
        if (sparse.Storage == SparseStorage.Sparsevec && values.Count > MaxSparseNonZero)
        {
            return $"sparse vector '{sparse.Name}' has {values.Count} non-zero entries; pgvector's sparsevec holds at most {MaxSparseNonZero}";
        }

        if (values.Count > 0 && values.Indices[^1] >= (uint)sparse.Dimension)
        {
            return $"sparse vector '{sparse.Name}' has index {values.Indices[^1]}, beyond the column's dimension {sparse.Dimension}";
        }

        if (sparse.Storage == SparseStorage.Sparsevec)
        {
            var items = values.Values;
            for (var i = 0; i < items.Length; i++)
            {
                if (!float.IsFinite(items[i]) || items[i] == 0)
                {
                    return $"sparse vector '{sparse.Name}' value at index {values.Indices[i]} is {items[i].ToString(CultureInfo.InvariantCulture)}; sparsevec stores only finite non-zero values";
                }
            }
        }

        return null;
    }

    private static bool IsStorable(string? text) => text is null || TextSafety.IsStorable(text);

    private static string? RelationshipsJson(Record record)
    {
        if (record.Relationships.Count == 0)
        {
            return null;
        }

        return Json(writer =>
        {
            writer.WriteStartArray();
            foreach (var relationship in record.Relationships)
            {
                writer.WriteStartObject();
                writer.WriteString("kind", relationship.Kind);
                writer.WriteString("target", relationship.TargetId);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    private static string? SourceJson(Record record)
    {
        if (record.Source is not { } source)
        {
            return null;
        }

        return Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("system", source.System);
            writer.WriteString("location", source.Location);
            writer.WriteString("original_id", source.OriginalId);
            writer.WriteEndObject();
        });
    }

    private static string Json(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            body(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static (EncodedRow?, RecordFailure?) Fail(Record record, string field, string message) =>
        (null, new RecordFailure(record.Id, message) { Field = field, Record = record });
}
