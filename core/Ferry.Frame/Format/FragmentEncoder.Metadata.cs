using System.Buffers;
using System.Runtime.InteropServices;
using Ferry.Arrow;
using Ferry.Sdk.Records;

namespace Ferry.Frame.Format;

internal static partial class FragmentEncoder
{
    private static Dictionary<string, (MetadataKind? Kind, MetadataKind? ItemKind)> EncodeMetadata(IReadOnlyList<Record> records, string[] ids, List<Field> fields, List<ArrowArray> columns, NativeArena arena, IReadOnlySet<string>? taggedKeys)
    {
        var count = records.Count;
        var keys = new List<string>();
        var slotsByKey = new Dictionary<string, MetadataValue?[]>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            foreach (var (key, value) in records[i].Metadata)
            {
                if (!slotsByKey.TryGetValue(key, out var slots))
                {
                    slots = new MetadataValue?[count];
                    slotsByKey[key] = slots;
                    keys.Add(key);
                }

                slots[i] = value ?? MetadataValue.Null;
            }
        }

        keys.Sort(StringComparer.Ordinal);
        var kinds = new Dictionary<string, (MetadataKind?, MetadataKind?)>(StringComparer.Ordinal);
        var owners = new int[count];
        for (var i = 0; i < count; i++)
        {
            owners[i] = i;
        }

        foreach (var key in keys)
        {
            var slots = slotsByKey[key];
            kinds[key] = Summarize(slots);
            var shape = ValueShape.Infer(slots);
            var context = new EncodeContext(ids, FrameColumns.MetadataPrefix + key, arena);
            if (shape is not null && shape.IsStorable() && taggedKeys?.Contains(key) != true)
            {
                EncodeTyped(key, shape, slots, owners, context, fields, columns);
            }
            else
            {
                EncodeTagged(key, slots, context, fields, columns);
            }
        }

        return kinds;
    }

    private static void EncodeTyped(string key, ValueShape shape, MetadataValue?[] slots, int[] owners, EncodeContext context, List<Field> fields, List<ArrowArray> columns)
    {
        var count = slots.Length;
        var array = BuildTyped(shape, slots, owners, context);
        Add(fields, columns, new Field(FrameColumns.MetadataPrefix + key, array.Type), array);

        BitmapBuilder? explicitNulls = null;
        Memory<byte> offsets = default;
        for (var i = 0; i < count; i++)
        {
            var value = slots[i];
            if (value is null)
            {
                continue;
            }

            if (value.IsNull)
            {
                (explicitNulls ??= new BitmapBuilder(count)).Set(i);
            }
            else if (shape.Kind == MetadataKind.Timestamp)
            {
                var minutes = (short)value.AsTimestamp().Offset.TotalMinutes;
                if (minutes != 0)
                {
                    if (offsets.IsEmpty)
                    {
                        offsets = context.Arena.Allocate(count * sizeof(short));
                    }

                    MemoryMarshal.Cast<byte, short>(offsets.Span)[i] = minutes;
                }
            }
        }

        if (explicitNulls is not null)
        {
            Add(fields, columns, new Field(FrameColumns.MetadataNullPrefix + key, ArrowType.Boolean, nullable: false), new BooleanArray(explicitNulls.AsBits(), count));
        }

        if (!offsets.IsEmpty)
        {
            Add(fields, columns, new Field(FrameColumns.MetadataOffsetPrefix + key, ArrowType.Int16, nullable: false), new PrimitiveArray<short>(ArrowType.Int16, offsets, count));
        }
    }

    private static void EncodeTagged(string key, MetadataValue?[] slots, EncodeContext context, List<Field> fields, List<ArrowArray> columns)
    {
        var column = new Utf8ColumnBuilder(context.Arena, slots.Length, slots.Length * 16);
        var buffer = new ArrayBufferWriter<byte>(256);
        for (var i = 0; i < slots.Length; i++)
        {
            var value = slots[i];
            if (value is null)
            {
                column.AppendNull();
                continue;
            }

            buffer.ResetWrittenCount();
            try
            {
                TaggedJson.Write(value, buffer);
            }
            catch (ArgumentException ex)
            {
                throw context.Error(i, "a string is not valid UTF-16 (it has a lone surrogate) and cannot be stored exactly: " + ex.Message);
            }
            catch (InvalidOperationException ex)
            {
                throw context.Error(i, "the value cannot be encoded: " + ex.Message);
            }

            column.AppendBytes(buffer.WrittenSpan);
        }

        var field = new Field(FrameColumns.MetadataPrefix + key, ArrowType.Utf8, metadata: [new(FrameColumns.EncodingKey, FrameColumns.EncodingTaggedJson)]);
        Add(fields, columns, field, column.BuildString());
    }

    /// <summary>Builds the typed array of a shape; a null or explicit-null slot becomes an Arrow null.</summary>
    private static ArrowArray BuildTyped(ValueShape shape, MetadataValue?[] slots, int[] owners, EncodeContext context)
    {
        var count = slots.Length;
        var validity = new BitmapBuilder(count);
        switch (shape.Kind)
        {
            case MetadataKind.Null:
                return new NullArray(count);
            case MetadataKind.Bool:
                {
                    var values = new BitmapBuilder(count);
                    for (var i = 0; i < count; i++)
                    {
                        if (Present(slots[i]))
                        {
                            validity.Set(i);
                            if (slots[i]!.AsBool())
                            {
                                values.Set(i);
                            }
                        }
                    }

                    return new BooleanArray(values.AsBits(), count, validity.AsValidity(), validity.NullCount);
                }

            case MetadataKind.Integer:
            case MetadataKind.Float:
            case MetadataKind.Timestamp:
                {
                    var bytes = context.Arena.Allocate(count * sizeof(long));
                    var values = MemoryMarshal.Cast<byte, long>(bytes.Span);
                    for (var i = 0; i < count; i++)
                    {
                        var value = slots[i];
                        if (!Present(value))
                        {
                            continue;
                        }

                        validity.Set(i);
                        values[i] = shape.Kind switch
                        {
                            MetadataKind.Integer => value!.AsInteger(),
                            MetadataKind.Float => BitConverter.DoubleToInt64Bits(value!.AsFloat()),
                            _ => (value!.AsTimestamp().UtcTicks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond,
                        };
                    }

                    return shape.Kind switch
                    {
                        MetadataKind.Integer => new PrimitiveArray<long>(ArrowType.Int64, bytes, count, validity.AsValidity(), validity.NullCount),
                        MetadataKind.Float => new PrimitiveArray<double>(ArrowType.Float64, bytes, count, validity.AsValidity(), validity.NullCount),
                        _ => new PrimitiveArray<long>(MicrosUtc, bytes, count, validity.AsValidity(), validity.NullCount),
                    };
                }

            case MetadataKind.String:
                {
                    var column = new Utf8ColumnBuilder(context.Arena, count, count * 16);
                    for (var i = 0; i < count; i++)
                    {
                        if (!column.TryAppend(Present(slots[i]) ? slots[i]!.AsString() : null))
                        {
                            throw context.Error(owners[i], "the string is not valid UTF-16 (it has a lone surrogate) and cannot be stored exactly as UTF-8.");
                        }
                    }

                    return column.BuildString();
                }

            case MetadataKind.Bytes:
                {
                    var column = new Utf8ColumnBuilder(context.Arena, count, count * 16);
                    for (var i = 0; i < count; i++)
                    {
                        if (Present(slots[i]))
                        {
                            column.AppendBytes(slots[i]!.AsBytes().Span);
                        }
                        else
                        {
                            column.AppendNull();
                        }
                    }

                    return column.BuildBinary();
                }

            case MetadataKind.Array:
                return BuildList(shape, slots, owners, context, validity);
            case MetadataKind.Object:
                return BuildStruct(shape, slots, owners, context, validity);
            default:
                throw new InvalidOperationException($"No typed column for {shape.Kind}.");
        }
    }

    private static ArrowArray BuildList(ValueShape shape, MetadataValue?[] slots, int[] owners, EncodeContext context, BitmapBuilder validity)
    {
        var count = slots.Length;
        var total = 0;
        for (var i = 0; i < count; i++)
        {
            if (Present(slots[i]))
            {
                total += slots[i]!.AsArray().Count;
            }
        }

        var items = new MetadataValue?[total];
        var itemOwners = new int[total];
        var offsets = context.Arena.Allocate((count + 1) * sizeof(int));
        var offsetSpan = MemoryMarshal.Cast<byte, int>(offsets.Span);
        var position = 0;
        for (var i = 0; i < count; i++)
        {
            if (Present(slots[i]))
            {
                validity.Set(i);
                foreach (var item in slots[i]!.AsArray())
                {
                    itemOwners[position] = owners[i];
                    items[position++] = item;
                }
            }

            offsetSpan[i + 1] = position;
        }

        var child = shape.Item!.Kind == MetadataKind.Null ? new NullArray(total) : BuildTyped(shape.Item, items, itemOwners, context);
        var type = ArrowType.List(child.Type);
        return new ListArray(type, offsets, child, count, validity.AsValidity(), validity.NullCount);
    }

    private static ArrowArray BuildStruct(ValueShape shape, MetadataValue?[] slots, int[] owners, EncodeContext context, BitmapBuilder validity)
    {
        var count = slots.Length;
        for (var i = 0; i < count; i++)
        {
            if (Present(slots[i]))
            {
                validity.Set(i);
            }
        }

        var children = new List<ArrowArray>(shape.Children!.Count);
        var childFields = new List<Field>(shape.Children.Count);
        foreach (var (key, childShape) in shape.Children)
        {
            var childSlots = new MetadataValue?[count];
            for (var i = 0; i < count; i++)
            {
                if (Present(slots[i]) && slots[i]!.AsObject().TryGetValue(key, out var value))
                {
                    childSlots[i] = value;
                }
            }

            var child = BuildTyped(childShape, childSlots, owners, context);
            children.Add(child);
            childFields.Add(new Field(key, child.Type));
        }

        return new StructArray(ArrowType.Struct(childFields), children, count, validity.AsValidity(), validity.NullCount);
    }

    private static bool Present(MetadataValue? value) => value is not null && !value.IsNull;

    /// <summary>The one kind of the non-null values (Null when all are null), or null when kinds vary; likewise for array items.</summary>
    private static (MetadataKind? Kind, MetadataKind? ItemKind) Summarize(MetadataValue?[] slots)
    {
        MetadataKind? kind = MetadataKind.Null;
        MetadataKind? itemKind = MetadataKind.Null;
        foreach (var value in slots)
        {
            if (value is null)
            {
                continue;
            }

            kind = MergeKind(kind, value.Kind);
            if (value.Kind == MetadataKind.Array)
            {
                foreach (var item in value.AsArray())
                {
                    itemKind = MergeKind(itemKind, item.Kind);
                }
            }
        }

        return (kind, kind == MetadataKind.Array ? itemKind : null);
    }

    /// <summary>
    /// The kinds of a key over two sets of rows (fragments, or the dataset and a new fragment): see <see cref="MergeKind"/>;
    /// the item kind of arrays merges the same way, and a side whose values were all null takes the other's.
    /// </summary>
    internal static (MetadataKind? Kind, MetadataKind? ItemKind) MergeKinds((MetadataKind? Kind, MetadataKind? ItemKind) current, (MetadataKind? Kind, MetadataKind? ItemKind) next)
    {
        var kind = MergeKind(current.Kind, next.Kind);
        if (kind != MetadataKind.Array)
        {
            return (kind, null);
        }

        var item = current.Kind == MetadataKind.Null ? next.ItemKind
            : next.Kind == MetadataKind.Null ? current.ItemKind
            : current.ItemKind is null || next.ItemKind is null ? null
            : MergeKind(current.ItemKind, next.ItemKind);
        return (kind, item);
    }

    /// <summary>Explicit nulls never make a kind vary; two different kinds do (null result).</summary>
    internal static MetadataKind? MergeKind(MetadataKind? current, MetadataKind? next)
    {
        if (current == MetadataKind.Null)
        {
            return next;
        }

        if (next == MetadataKind.Null || current == next)
        {
            return current;
        }

        return null;
    }

    private readonly struct EncodeContext(string[] ids, string field, NativeArena arena)
    {
        public NativeArena Arena => arena;

        public FrameRecordException Error(int row, string reason) => new(ids[row], field, reason);
    }

    /// <summary>
    /// The fragment with every metadata key of <paramref name="keys"/> that it stores typed re-encoded as tagged-json (its
    /// explicit-null and offset companions dropped): the same values, in the form a fragment that saw the key vary stores
    /// them, so fragments that differ only there can be joined column by column. Other columns are shared, not copied;
    /// the new ones live in <paramref name="arena"/>. A fragment with no such key is returned as it is.
    /// </summary>
    public static EncodedFragment Retag(EncodedFragment part, IReadOnlySet<string> keys, NativeArena arena)
    {
        var schema = part.Batch.Schema;
        var typed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in schema.Fields)
        {
            if (field.Name.StartsWith(FrameColumns.MetadataPrefix, StringComparison.Ordinal)
                && keys.Contains(field.Name[FrameColumns.MetadataPrefix.Length..])
                && !(field.Metadata.TryGetValue(FrameColumns.EncodingKey, out var encoding) && encoding == FrameColumns.EncodingTaggedJson))
            {
                typed.Add(field.Name[FrameColumns.MetadataPrefix.Length..]);
            }
        }

        if (typed.Count == 0)
        {
            return part;
        }

        var stored = new FragmentColumnSet(part.Batch);
        var rows = part.Batch.Length;
        var fields = new List<Field>(schema.Fields.Count);
        var columns = new List<ArrowArray>(schema.Fields.Count);
        for (var i = 0; i < schema.Fields.Count; i++)
        {
            var field = schema.Fields[i];
            if (CompanionOf(field.Name) is { } owner && typed.Contains(owner))
            {
                continue;
            }

            if (field.Name.StartsWith(FrameColumns.MetadataPrefix, StringComparison.Ordinal) && typed.Contains(field.Name[FrameColumns.MetadataPrefix.Length..]))
            {
                var key = field.Name[FrameColumns.MetadataPrefix.Length..];
                var column = stored.MetadataKey(key)!;
                var slots = new MetadataValue?[rows];
                for (var row = 0; row < rows; row++)
                {
                    slots[row] = column.Get(row);
                }

                EncodeTagged(key, slots, new EncodeContext(part.Ids, field.Name, arena), fields, columns);
                continue;
            }

            fields.Add(field);
            columns.Add(part.Batch.Column(i));
        }

        return new EncodedFragment
        {
            Batch = new RecordBatch(new Schema(fields, schema.Metadata), columns, rows),
            Ids = part.Ids,
            VectorDimensions = part.VectorDimensions,
            SparseNames = part.SparseNames,
            MetadataKinds = part.MetadataKinds,
            HasText = part.HasText,
            HasTitle = part.HasTitle,
        };
    }

    /// <summary>The metadata key whose explicit-null or offset companion column this is, or null.</summary>
    private static string? CompanionOf(string column) =>
        column.StartsWith(FrameColumns.MetadataNullPrefix, StringComparison.Ordinal) ? column[FrameColumns.MetadataNullPrefix.Length..]
        : column.StartsWith(FrameColumns.MetadataOffsetPrefix, StringComparison.Ordinal) ? column[FrameColumns.MetadataOffsetPrefix.Length..]
        : null;
}
