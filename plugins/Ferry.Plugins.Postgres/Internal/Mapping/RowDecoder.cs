using System.Runtime.InteropServices;
using System.Text.Json;
using Ferry.Plugins.Postgres.Internal.Catalog;
using Ferry.Plugins.Postgres.Internal.Vectors;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Npgsql;

namespace Ferry.Plugins.Postgres.Internal.Mapping;

/// <summary>
/// Turns the current row of a <see cref="ReadPlan"/> query into a record, or into a failure naming the row's
/// id and the column at fault (a dimension that does not match, a value no metadata kind holds exactly). NULL
/// in a column of another table is an explicit null; in a Ferry table a NULL typed column means "absent" and
/// explicit nulls live in the metadata jsonb column.
/// </summary>
internal sealed class RowDecoder
{
    private readonly ReadPlan _plan;
    private readonly string[] _keyTexts;

    public RowDecoder(ReadPlan plan)
    {
        _plan = plan;
        _keyTexts = new string[plan.Key.Count];
    }

    /// <summary>The key texts of the row last decoded (the resume position).</summary>
    public ReadOnlySpan<string> KeyTexts => _keyTexts;

    /// <summary>Decodes the current row; exactly one of the results is non-null.</summary>
    public (Record? Record, RecordFailure? Failure) Decode(NpgsqlDataReader reader)
    {
        for (var i = 0; i < _keyTexts.Length; i++)
        {
            _keyTexts[i] = reader.GetString(_plan.KeyOrdinal + i);
        }

        var id = CompositeId.Format(_keyTexts);
        string? field = null;
        try
        {
            var record = new Record(id);
            if (_plan.Text is { } text && !reader.IsDBNull(text.Ordinal))
            {
                field = text.Column.Name;
                record.Text = reader.GetString(text.Ordinal);
            }

            if (_plan.Title is { } title && !reader.IsDBNull(title.Ordinal))
            {
                field = title.Column.Name;
                record.Title = reader.GetString(title.Ordinal);
            }

            foreach (var vector in _plan.Vectors)
            {
                field = vector.Column.Name;
                if (!reader.IsDBNull(vector.Ordinal))
                {
                    record.Vectors[vector.Name] = ReadDense(reader, vector);
                }
            }

            foreach (var sparse in _plan.Sparse)
            {
                field = sparse.Column.Name;
                if (!reader.IsDBNull(sparse.Ordinal))
                {
                    record.Sparse[sparse.Name] = ReadSparse(reader, sparse);
                }
            }

            var layout = _plan.Layout is not null;
            foreach (var column in _plan.Metadata)
            {
                field = column.Column.Name;
                if (reader.IsDBNull(column.Ordinal))
                {
                    if (!layout)
                    {
                        record.Metadata[column.Name] = MetadataValue.Null;
                    }
                }
                else
                {
                    record.Metadata[column.Name] = ValueReader.Read(reader, column.Ordinal, column.Column);
                }
            }

            if (layout)
            {
                ReadFerryColumns(reader, record, ref field);
            }
            else
            {
                field = null;
                record.Source = new RecordSource("postgres", _plan.Table.DisplayName, id);
            }

            foreach (var relationship in _plan.Relationships)
            {
                field = relationship.Constraint;
                if (TargetId(reader, relationship) is { } target)
                {
                    record.Relationships.Add(new Relationship(relationship.Kind, target));
                }
            }

            return (record, null);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or InvalidDataException or JsonException or OverflowException or ArgumentException)
        {
            return (null, new RecordFailure(id, $"Row of {_plan.Table.DisplayName}: {ex.Message}") { Field = field });
        }
    }

    private static float[] ReadDense(NpgsqlDataReader reader, ReadVector vector)
    {
        var values = vector.Column.Kind switch
        {
            PgValueKind.Vector => reader.GetFieldValue<PgVector>(vector.Ordinal).Values,
            PgValueKind.HalfVector => reader.GetFieldValue<PgHalfVector>(vector.Ordinal).Values,
            _ => reader.GetFieldValue<PgRealArray>(vector.Ordinal).Values,
        };
        if (vector.Dimension > 0 && values.Length != vector.Dimension)
        {
            throw new FormatException($"vector '{vector.Column.Name}' has {values.Length} dimensions, expected {vector.Dimension}");
        }

        return values;
    }

    private static SparseVector ReadSparse(NpgsqlDataReader reader, ReadSparse sparse)
    {
        if (sparse.ValuesOrdinal < 0)
        {
            return reader.GetFieldValue<PgSparseVector>(sparse.Ordinal).Vector;
        }

        var indices = reader.GetFieldValue<int[]>(sparse.Ordinal);
        var values = reader.IsDBNull(sparse.ValuesOrdinal) ? [] : reader.GetFieldValue<float[]>(sparse.ValuesOrdinal);
        return new SparseVector(MemoryMarshal.Cast<int, uint>(indices.AsSpan()), values);
    }

    private void ReadFerryColumns(NpgsqlDataReader reader, Record record, ref string? field)
    {
        field = LayoutColumns.Metadata;
        if (!reader.IsDBNull(_plan.OverflowOrdinal))
        {
            foreach (var (key, value) in TaggedJson.DecodeObject(reader.GetString(_plan.OverflowOrdinal)))
            {
                record.Metadata[key] = value;
            }
        }

        field = LayoutColumns.RecordType;
        if (!reader.IsDBNull(_plan.RecordTypeOrdinal))
        {
            record.RecordType = reader.GetString(_plan.RecordTypeOrdinal);
        }

        field = LayoutColumns.Collection;
        if (!reader.IsDBNull(_plan.CollectionOrdinal))
        {
            record.Collection = reader.GetString(_plan.CollectionOrdinal);
        }

        field = LayoutColumns.Relationships;
        if (!reader.IsDBNull(_plan.RelationshipsOrdinal))
        {
            using var document = JsonDocument.Parse(reader.GetString(_plan.RelationshipsOrdinal));
            foreach (var item in document.RootElement.EnumerateArray())
            {
                record.Relationships.Add(new Relationship(item.GetProperty("kind").GetString()!, item.GetProperty("target").GetString()!));
            }
        }

        field = LayoutColumns.Source;
        if (!reader.IsDBNull(_plan.SourceOrdinal))
        {
            using var document = JsonDocument.Parse(reader.GetString(_plan.SourceOrdinal));
            var root = document.RootElement;
            record.Source = new RecordSource(
                root.GetProperty("system").GetString()!,
                root.TryGetProperty("location", out var location) && location.ValueKind == JsonValueKind.String ? location.GetString() : null,
                root.TryGetProperty("original_id", out var original) && original.ValueKind == JsonValueKind.String ? original.GetString() : null);
        }

        // A record written without provenance reads back without it: the table keeps what it was given.
        field = null;
    }

    private static string? TargetId(NpgsqlDataReader reader, ReadRelationship relationship)
    {
        var count = relationship.Ordinals.Count;
        if (count == 1)
        {
            var ordinal = relationship.Ordinals[0];
            return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
        }

        var parts = new string[count];
        for (var i = 0; i < count; i++)
        {
            var ordinal = relationship.Ordinals[i];
            if (reader.IsDBNull(ordinal))
            {
                return null; // MATCH SIMPLE: a key with a NULL part references nothing
            }

            parts[i] = reader.GetString(ordinal);
        }

        return CompositeId.Format(parts);
    }
}
