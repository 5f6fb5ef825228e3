using Ferry.Arrow.FlatBuffers;

namespace Ferry.Arrow.Ipc;

/// <summary>Writes a <see cref="Schema"/> as a Schema.fbs table. Dictionary ids are assigned in
/// pre-order over the field tree (0, 1, 2, …), the order <see cref="DictionaryWriter"/> walks arrays in.</summary>
internal static class SchemaSerializer
{
    public static int Write(FlatBufferBuilder b, Schema schema)
    {
        var nextDictionaryId = 0L;
        var fieldOffsets = new int[schema.Fields.Count];
        for (var i = 0; i < fieldOffsets.Length; i++)
        {
            fieldOffsets[i] = WriteField(b, schema.Fields[i], ref nextDictionaryId);
        }

        var fields = b.CreateOffsetVector(fieldOffsets);
        var metadata = WriteMetadata(b, schema.Metadata);
        b.StartTable(Fb.SchemaSlots);
        b.AddInt16(Fb.SchemaEndianness, 0, -1);
        b.AddOffset(Fb.SchemaFields, fields);
        b.AddOffset(Fb.SchemaCustomMetadata, metadata);
        return b.EndTable();
    }

    public static int WriteMetadata(FlatBufferBuilder b, IReadOnlyDictionary<string, string> metadata)
    {
        if (metadata.Count == 0)
        {
            return 0;
        }

        var pairs = new int[metadata.Count];
        var i = 0;
        foreach (var (key, value) in metadata)
        {
            var k = b.CreateString(key);
            var v = b.CreateString(value);
            b.StartTable(2);
            b.AddOffset(Fb.KeyValueKey, k);
            b.AddOffset(Fb.KeyValueValue, v);
            pairs[i++] = b.EndTable();
        }

        return b.CreateOffsetVector(pairs);
    }

    private static int WriteField(FlatBufferBuilder b, Field field, ref long nextDictionaryId)
    {
        var type = field.Type;
        var dictionary = 0;
        if (type is DictionaryType dt)
        {
            var id = nextDictionaryId++;
            var indexType = WriteTypeTable(b, dt.IndexType);
            b.StartTable(4);
            b.AddInt64(Fb.DictId, id, -1);
            b.AddOffset(Fb.DictIndexType, indexType);
            b.AddBool(Fb.DictIsOrdered, dt.IsOrdered, false);
            dictionary = b.EndTable();
            type = dt.ValueType;
        }

        var name = b.CreateString(field.Name);
        var typeTable = WriteTypeTable(b, type);
        var childFields = type.Children;
        var childOffsets = new int[childFields.Count];
        for (var i = 0; i < childOffsets.Length; i++)
        {
            childOffsets[i] = WriteField(b, childFields[i], ref nextDictionaryId);
        }

        var children = b.CreateOffsetVector(childOffsets);
        var metadata = WriteMetadata(b, field.Metadata);

        b.StartTable(Fb.FieldSlots);
        b.AddOffset(Fb.FieldName, name);
        b.AddBool(Fb.FieldNullable, field.IsNullable, false);
        b.AddByte(Fb.FieldTypeType, TypeTag(type), 0);
        b.AddOffset(Fb.FieldType, typeTable);
        b.AddOffset(Fb.FieldDictionary, dictionary);
        b.AddOffset(Fb.FieldChildren, children);
        b.AddOffset(Fb.FieldCustomMetadata, metadata);
        return b.EndTable();
    }

    private static byte TypeTag(ArrowType type) => type.TypeId switch
    {
        ArrowTypeId.Null => Fb.TypeNull,
        ArrowTypeId.Boolean => Fb.TypeBool,
        ArrowTypeId.Int8 or ArrowTypeId.Int16 or ArrowTypeId.Int32 or ArrowTypeId.Int64
            or ArrowTypeId.UInt8 or ArrowTypeId.UInt16 or ArrowTypeId.UInt32 or ArrowTypeId.UInt64 => Fb.TypeInt,
        ArrowTypeId.Float16 or ArrowTypeId.Float32 or ArrowTypeId.Float64 => Fb.TypeFloatingPoint,
        ArrowTypeId.Utf8 => Fb.TypeUtf8,
        ArrowTypeId.LargeUtf8 => Fb.TypeLargeUtf8,
        ArrowTypeId.Binary => Fb.TypeBinary,
        ArrowTypeId.LargeBinary => Fb.TypeLargeBinary,
        ArrowTypeId.FixedSizeBinary => Fb.TypeFixedSizeBinary,
        ArrowTypeId.Date32 or ArrowTypeId.Date64 => Fb.TypeDate,
        ArrowTypeId.Time32 or ArrowTypeId.Time64 => Fb.TypeTime,
        ArrowTypeId.Timestamp => Fb.TypeTimestamp,
        ArrowTypeId.Duration => Fb.TypeDuration,
        ArrowTypeId.Interval => Fb.TypeInterval,
        ArrowTypeId.Decimal128 or ArrowTypeId.Decimal256 => Fb.TypeDecimal,
        ArrowTypeId.List => Fb.TypeList,
        ArrowTypeId.LargeList => Fb.TypeLargeList,
        ArrowTypeId.FixedSizeList => Fb.TypeFixedSizeList,
        ArrowTypeId.Struct => Fb.TypeStruct,
        ArrowTypeId.Map => Fb.TypeMap,
        _ => throw new ArrowNotSupportedException($"A dictionary of dictionaries ({type}) cannot be written."),
    };

    private static int WriteTypeTable(FlatBufferBuilder b, ArrowType type)
    {
        // Scalars are written even when equal to the schema default (default argument -1 / never
        // matches), which every reader accepts and keeps the output self-describing.
        switch (type)
        {
            case IntType t:
                b.StartTable(2);
                b.AddInt32(0, t.BitWidth, -1);
                b.AddBool(1, t.IsSigned, false);
                return b.EndTable();
            case FloatingPointType t:
                b.StartTable(1);
                b.AddInt16(0, (short)t.Precision, -1);
                return b.EndTable();
            case DecimalType t:
                b.StartTable(3);
                b.AddInt32(0, t.Precision, -1);
                b.AddInt32(1, t.Scale, int.MinValue);
                b.AddInt32(2, t.BitWidth, -1);
                return b.EndTable();
            case DateType t:
                b.StartTable(1);
                b.AddInt16(0, (short)t.Unit, -1);
                return b.EndTable();
            case TimeType t:
                b.StartTable(2);
                b.AddInt16(0, (short)t.Unit, -1);
                b.AddInt32(1, t.BitWidth, -1);
                return b.EndTable();
            case TimestampType t:
                {
                    var tz = t.TimeZone is null ? 0 : b.CreateString(t.TimeZone);
                    b.StartTable(2);
                    b.AddInt16(0, (short)t.Unit, -1);
                    b.AddOffset(1, tz);
                    return b.EndTable();
                }

            case DurationType t:
                b.StartTable(1);
                b.AddInt16(0, (short)t.Unit, -1);
                return b.EndTable();
            case IntervalType t:
                b.StartTable(1);
                b.AddInt16(0, (short)t.Unit, -1);
                return b.EndTable();
            case FixedSizeBinaryType t:
                b.StartTable(1);
                b.AddInt32(0, t.Width, -1);
                return b.EndTable();
            case FixedSizeListType t:
                b.StartTable(1);
                b.AddInt32(0, t.ListSize, -1);
                return b.EndTable();
            case MapType t:
                b.StartTable(1);
                b.AddBool(0, t.KeysSorted, false);
                return b.EndTable();
            default:
                b.StartTable(0);
                return b.EndTable();
        }
    }
}
