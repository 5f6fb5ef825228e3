using System.Runtime.InteropServices;
using Ferry.Arrow;
using Ferry.Sdk.Records;

namespace Ferry.Frame.Format;

/// <summary>
/// Turns records into the columns of one fragment (format.md, section 2). Vectors are copied once, straight into the
/// fixed-size-list values buffer; strings are encoded straight into their column buffers. No method here is marked
/// AggressiveOptimization: that would keep it out of the packed host's ReadyToRun code and compile it at run time,
/// on the path of the first batch (measured: 5 % more CPU per bench run with the attribute than without).
/// </summary>
internal static partial class FragmentEncoder
{
    private static readonly TimestampType MicrosUtc = ArrowType.Timestamp(TimeUnit.Microsecond, "UTC");

    /// <summary>
    /// Encodes <paramref name="records"/>; <paramref name="dimensions"/> holds the dataset's known vector dimensions. The
    /// columns live in <paramref name="arena"/>. Metadata keys in <paramref name="taggedKeys"/> are stored tagged even
    /// when their values here share one type (a writer encoding batch by batch keeps one schema for a key it saw vary).
    /// </summary>
    /// <exception cref="FrameRecordException">A record cannot be stored (wrong vector dimension, invalid string).</exception>
    public static EncodedFragment Encode(IReadOnlyList<Record> records, IReadOnlyDictionary<string, int> dimensions, NativeArena arena, IReadOnlySet<string>? taggedKeys = null)
    {
        var count = records.Count;
        var fields = new List<Field>();
        var columns = new List<ArrowArray>();
        var ids = new string[count];

        var idColumn = new Utf8ColumnBuilder(arena, count, count * 16);
        var typeColumn = new Utf8ColumnBuilder(arena, count, count * 8);
        var textColumn = new Utf8ColumnBuilder(arena, count, EstimateBytes(records, static r => r.Text));
        var titleColumn = new Utf8ColumnBuilder(arena, count, EstimateBytes(records, static r => r.Title));
        var collectionColumn = new Utf8ColumnBuilder(arena, count, 64);
        for (var i = 0; i < count; i++)
        {
            var record = records[i];
            ids[i] = record.Id;
            Append(idColumn, record.Id, record, FrameColumns.Id);
            Append(typeColumn, record.RecordType ?? RecordTypes.Document, record, FrameColumns.RecordType);
            Append(textColumn, record.Text, record, FrameColumns.Text);
            Append(titleColumn, record.Title, record, FrameColumns.Title);
            Append(collectionColumn, record.Collection, record, FrameColumns.Collection);
        }

        Add(fields, columns, new Field(FrameColumns.Id, ArrowType.Utf8, nullable: false), idColumn.BuildString());
        Add(fields, columns, new Field(FrameColumns.RecordType, ArrowType.Utf8, nullable: false), typeColumn.BuildString());
        AddIfAny(fields, columns, FrameColumns.Text, textColumn);
        AddIfAny(fields, columns, FrameColumns.Title, titleColumn);
        AddIfAny(fields, columns, FrameColumns.Collection, collectionColumn);
        EncodeSource(records, fields, columns, arena);
        EncodeRelationships(records, fields, columns, arena);
        var vectorDimensions = EncodeVectors(records, dimensions, fields, columns, arena);
        var sparseNames = EncodeSparse(records, fields, columns, arena);
        var metadataKinds = EncodeMetadata(records, ids, fields, columns, arena, taggedKeys);

        var schema = new Schema(fields, [new(FrameColumns.FormatVersionKey, "1")]);
        return new EncodedFragment
        {
            Batch = new RecordBatch(schema, columns, count),
            Ids = ids,
            VectorDimensions = vectorDimensions,
            SparseNames = sparseNames,
            MetadataKinds = metadataKinds,
            HasText = textColumn.HasValues,
            HasTitle = titleColumn.HasValues,
        };
    }

    private static int EstimateBytes(IReadOnlyList<Record> records, Func<Record, string?> select)
    {
        long chars = 0;
        for (var i = 0; i < records.Count; i++)
        {
            chars += select(records[i])?.Length ?? 0;
        }

        // Mostly-ASCII text needs about one byte per char; the builder grows when it needs more.
        return (int)Math.Min(int.MaxValue / 2, chars + 256);
    }

    private static void Append(Utf8ColumnBuilder column, string? value, Record record, string field)
    {
        if (!column.TryAppend(value))
        {
            throw new FrameRecordException(record.Id ?? "?", field, "the string is not valid UTF-16 (it has a lone surrogate) and cannot be stored exactly as UTF-8.");
        }
    }

    /// <summary>The metadata keys <paramref name="schema"/> stores tagged (section 2.2).</summary>
    public static IEnumerable<string> TaggedKeys(Schema schema)
    {
        foreach (var field in schema.Fields)
        {
            if (field.Name.StartsWith(FrameColumns.MetadataPrefix, StringComparison.Ordinal)
                && field.Metadata.TryGetValue(FrameColumns.EncodingKey, out var encoding)
                && encoding == FrameColumns.EncodingTaggedJson)
            {
                yield return field.Name[FrameColumns.MetadataPrefix.Length..];
            }
        }
    }

    private static void Add(List<Field> fields, List<ArrowArray> columns, Field field, ArrowArray column)
    {
        fields.Add(field);
        columns.Add(column);
    }

    private static void AddIfAny(List<Field> fields, List<ArrowArray> columns, string name, Utf8ColumnBuilder column)
    {
        if (column.HasValues)
        {
            Add(fields, columns, new Field(name, ArrowType.Utf8), column.BuildString());
        }
    }

    private static void EncodeSource(IReadOnlyList<Record> records, List<Field> fields, List<ArrowArray> columns, NativeArena arena)
    {
        var count = records.Count;
        var validity = new BitmapBuilder(count);
        var system = new Utf8ColumnBuilder(arena, count, 64);
        var location = new Utf8ColumnBuilder(arena, count, 64);
        var originalId = new Utf8ColumnBuilder(arena, count, 64);
        for (var i = 0; i < count; i++)
        {
            var source = records[i].Source;
            if (source is null)
            {
                // Struct children of a null slot still need a slot each; system is non-nullable, so an empty string.
                system.AppendBytes([]);
                location.AppendNull();
                originalId.AppendNull();
                continue;
            }

            validity.Set(i);
            Append(system, source.System ?? string.Empty, records[i], FrameColumns.Source + "." + FrameColumns.SourceSystem);
            Append(location, source.Location, records[i], FrameColumns.Source + "." + FrameColumns.SourceLocation);
            Append(originalId, source.OriginalId, records[i], FrameColumns.Source + "." + FrameColumns.SourceOriginalId);
        }

        if (validity.SetCount == 0)
        {
            return;
        }

        var type = ArrowType.Struct(
            new Field(FrameColumns.SourceSystem, ArrowType.Utf8, nullable: false),
            new Field(FrameColumns.SourceLocation, ArrowType.Utf8),
            new Field(FrameColumns.SourceOriginalId, ArrowType.Utf8));
        var array = new StructArray(type, [system.BuildString(), location.BuildString(), originalId.BuildString()], count, validity.AsValidity(), validity.NullCount);
        Add(fields, columns, new Field(FrameColumns.Source, type), array);
    }

    private static void EncodeRelationships(IReadOnlyList<Record> records, List<Field> fields, List<ArrowArray> columns, NativeArena arena)
    {
        var count = records.Count;
        var total = 0;
        for (var i = 0; i < count; i++)
        {
            total += records[i].Relationships.Count;
        }

        if (total == 0)
        {
            return;
        }

        var validity = new BitmapBuilder(count);
        var offsets = arena.Allocate((count + 1) * sizeof(int));
        var offsetSpan = MemoryMarshal.Cast<byte, int>(offsets.Span);
        var kinds = new Utf8ColumnBuilder(arena, total, total * 8);
        var targets = new Utf8ColumnBuilder(arena, total, total * 16);
        var position = 0;
        for (var i = 0; i < count; i++)
        {
            var record = records[i];
            if (record.Relationships.Count > 0)
            {
                validity.Set(i);
                foreach (var relationship in record.Relationships)
                {
                    Append(kinds, relationship.Kind ?? string.Empty, record, FrameColumns.Relationships);
                    Append(targets, relationship.TargetId ?? string.Empty, record, FrameColumns.Relationships);
                    position++;
                }
            }

            offsetSpan[i + 1] = position;
        }

        var itemType = ArrowType.Struct(
            new Field(FrameColumns.RelationshipKind, ArrowType.Utf8, nullable: false),
            new Field(FrameColumns.RelationshipTarget, ArrowType.Utf8, nullable: false));
        var items = new StructArray(itemType, [kinds.BuildString(), targets.BuildString()], total);
        var type = new ListType(new Field("item", itemType, nullable: false));
        Add(fields, columns, new Field(FrameColumns.Relationships, type), new ListArray(type, offsets, items, count, validity.AsValidity(), validity.NullCount));
    }

    private static Dictionary<string, int> EncodeVectors(IReadOnlyList<Record> records, IReadOnlyDictionary<string, int> dimensions, List<Field> fields, List<ArrowArray> columns, NativeArena arena)
    {
        var count = records.Count;
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var i = 0; i < count; i++)
        {
            foreach (var (name, vector) in records[i].Vectors)
            {
                if (vector is null)
                {
                    continue;
                }

                if (!found.TryGetValue(name, out var dimension))
                {
                    dimension = dimensions.TryGetValue(name, out var known) ? known : vector.Length;
                    if (dimension <= 0)
                    {
                        throw new FrameRecordException(records[i].Id, FrameColumns.VectorPrefix + name, "an empty vector cannot define the field's dimension.");
                    }

                    found[name] = dimension;
                    order.Add(name);
                }

                if (vector.Length != dimension)
                {
                    throw new FrameRecordException(records[i].Id, FrameColumns.VectorPrefix + name, $"the vector has {vector.Length} components; the field's dimension is {dimension}.");
                }
            }
        }

        order.Sort(StringComparer.Ordinal);
        foreach (var name in order)
        {
            var dimension = found[name];
            var bytes = arena.Allocate(checked(count * dimension * sizeof(float)), zero: false);
            var values = MemoryMarshal.Cast<byte, float>(bytes.Span);
            var validity = new BitmapBuilder(count);
            for (var i = 0; i < count; i++)
            {
                var target = values.Slice(i * dimension, dimension);
                if (records[i].Vectors.TryGetValue(name, out var vector) && vector is not null)
                {
                    vector.CopyTo(target);
                    validity.Set(i);
                }
                else
                {
                    target.Clear();
                }
            }

            var type = ArrowType.FixedSizeList(ArrowType.Float32, dimension);
            var child = new PrimitiveArray<float>(ArrowType.Float32, bytes, count * dimension);
            Add(fields, columns, new Field(FrameColumns.VectorPrefix + name, type), new FixedSizeListArray(type, child, count, validity.AsValidity(), validity.NullCount));
        }

        return found;
    }

    private static List<string> EncodeSparse(IReadOnlyList<Record> records, List<Field> fields, List<ArrowArray> columns, NativeArena arena)
    {
        var count = records.Count;
        var names = new List<string>();
        for (var i = 0; i < count; i++)
        {
            foreach (var name in records[i].Sparse.Keys)
            {
                if (!names.Contains(name))
                {
                    names.Add(name);
                }
            }
        }

        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var total = 0;
            for (var i = 0; i < count; i++)
            {
                if (records[i].Sparse.TryGetValue(name, out var sparse) && sparse is not null)
                {
                    total += sparse.Count;
                }
            }

            var indexBytes = arena.Allocate(total * sizeof(uint), zero: false);
            var valueBytes = arena.Allocate(total * sizeof(float), zero: false);
            var indices = MemoryMarshal.Cast<byte, uint>(indexBytes.Span);
            var values = MemoryMarshal.Cast<byte, float>(valueBytes.Span);
            var offsets = arena.Allocate((count + 1) * sizeof(int));
            var offsetSpan = MemoryMarshal.Cast<byte, int>(offsets.Span);
            var validity = new BitmapBuilder(count);
            var position = 0;
            for (var i = 0; i < count; i++)
            {
                if (records[i].Sparse.TryGetValue(name, out var sparse) && sparse is not null)
                {
                    sparse.Indices.CopyTo(indices.Slice(position));
                    sparse.Values.CopyTo(values.Slice(position));
                    position += sparse.Count;
                    validity.Set(i);
                }

                offsetSpan[i + 1] = position;
            }

            var itemType = ArrowType.Struct(
                new Field(FrameColumns.SparseIndex, ArrowType.UInt32, nullable: false),
                new Field(FrameColumns.SparseValue, ArrowType.Float32, nullable: false));
            var items = new StructArray(itemType, [new PrimitiveArray<uint>(ArrowType.UInt32, indexBytes, total), new PrimitiveArray<float>(ArrowType.Float32, valueBytes, total)], total);
            var type = new ListType(new Field("item", itemType, nullable: false));
            Add(fields, columns, new Field(FrameColumns.SparsePrefix + name, type), new ListArray(type, offsets, items, count, validity.AsValidity(), validity.NullCount));
        }

        return names;
    }
}
