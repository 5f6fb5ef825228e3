using Ferry.Arrow.FlatBuffers;

namespace Ferry.Arrow.Ipc;

/// <summary>Reads a Schema.fbs table into a <see cref="Schema"/>, recording each dictionary-encoded
/// field's id. Unsupported types are refused with <see cref="ArrowNotSupportedException"/>.</summary>
internal sealed class SchemaParser
{
    private readonly int _maxDepth;

    private SchemaParser(int maxDepth) => _maxDepth = maxDepth;

    /// <summary>Dictionary id of each dictionary-encoded field (by reference).</summary>
    public Dictionary<Field, long> DictionaryIds { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>For each dictionary id, a field of the dictionary's value type (the first one seen).</summary>
    public Dictionary<long, Field> DictionaryValueFields { get; } = [];

    public static (Schema Schema, SchemaParser Parser) Parse(FlatBufferTable table, int maxDepth)
    {
        var parser = new SchemaParser(maxDepth);
        if (table.GetInt16(Fb.SchemaEndianness) != 0)
        {
            throw new ArrowNotSupportedException("Big-endian Arrow data is not supported by Ferry.Arrow.");
        }

        var count = table.GetVectorLength(Fb.SchemaFields);
        var fields = new Field[count];
        for (var i = 0; i < count; i++)
        {
            fields[i] = parser.ParseField(table.GetTableElement(Fb.SchemaFields, i), null, 0);
        }

        var metadata = ParseMetadata(table, Fb.SchemaCustomMetadata);
        return (new Schema(fields, metadata), parser);
    }

    public static List<KeyValuePair<string, string>>? ParseMetadata(FlatBufferTable table, int slot)
    {
        var count = table.GetVectorLength(slot);
        if (count == 0)
        {
            return null;
        }

        var list = new List<KeyValuePair<string, string>>(count);
        for (var i = 0; i < count; i++)
        {
            var kv = table.GetTableElement(slot, i);
            list.Add(new(kv.GetString(Fb.KeyValueKey) ?? string.Empty, kv.GetString(Fb.KeyValueValue) ?? string.Empty));
        }

        return list;
    }

    private Field ParseField(FlatBufferTable table, string? parentPath, int depth)
    {
        if (depth > _maxDepth)
        {
            throw IpcErrors.Invalid($"the schema nests deeper than {_maxDepth} levels.");
        }

        var name = table.GetString(Fb.FieldName) ?? string.Empty;
        var path = parentPath is null ? name : parentPath + "." + name;
        var nullable = table.GetBool(Fb.FieldNullable);
        var typeTag = table.GetByte(Fb.FieldTypeType);
        var typeTable = table.GetTable(Fb.FieldType);

        // Refuse an unsupported type before looking at its children, so the error names this field.
        if (typeTag is Fb.TypeNone or Fb.TypeUnion or Fb.TypeRunEndEncoded or Fb.TypeBinaryView or Fb.TypeUtf8View
            or Fb.TypeListView or Fb.TypeLargeListView or > Fb.TypeLargeListView)
        {
            throw new ArrowNotSupportedException(Fb.TypeName(typeTag), path);
        }

        var childCount = table.GetVectorLength(Fb.FieldChildren);
        var children = new Field[childCount];
        for (var i = 0; i < childCount; i++)
        {
            children[i] = ParseField(table.GetTableElement(Fb.FieldChildren, i), path, depth + 1);
        }

        var type = BuildType(typeTag, typeTable, children, path);
        long? dictionaryId = null;
        if (table.GetTable(Fb.FieldDictionary) is { } dict)
        {
            var indexType = dict.GetTable(Fb.DictIndexType) is { } it ? ParseInt(it, path) : ArrowType.Int32;
            if (dict.GetInt16(Fb.DictKind) != 0)
            {
                throw new ArrowNotSupportedException("dictionary kind " + dict.GetInt16(Fb.DictKind), path);
            }

            dictionaryId = dict.GetInt64(Fb.DictId);
            if (!DictionaryValueFields.ContainsKey(dictionaryId.Value))
            {
                DictionaryValueFields[dictionaryId.Value] = new Field(name, type, true);
            }

            type = new DictionaryType(indexType, type, dict.GetBool(Fb.DictIsOrdered));
        }

        var field = new Field(name, type, nullable, ParseMetadata(table, Fb.FieldCustomMetadata));
        if (dictionaryId is { } id)
        {
            DictionaryIds[field] = id;
        }

        return field;
    }

    private static ArrowType BuildType(byte tag, FlatBufferTable? table, Field[] children, string path)
    {
        var expectedChildren = tag switch
        {
            Fb.TypeList or Fb.TypeLargeList or Fb.TypeFixedSizeList or Fb.TypeMap => 1,
            Fb.TypeStruct => -1,
            _ => 0,
        };
        if (expectedChildren >= 0 && children.Length != expectedChildren)
        {
            throw IpcErrors.Invalid($"field '{path}' of type {Fb.TypeName(tag)} has {children.Length} child fields; {expectedChildren} expected.");
        }

        switch (tag)
        {
            case Fb.TypeNull: return ArrowType.Null;
            case Fb.TypeBool: return ArrowType.Boolean;
            case Fb.TypeUtf8: return ArrowType.Utf8;
            case Fb.TypeLargeUtf8: return ArrowType.LargeUtf8;
            case Fb.TypeBinary: return ArrowType.Binary;
            case Fb.TypeLargeBinary: return ArrowType.LargeBinary;
            case Fb.TypeStruct: return new StructType(children);
            case Fb.TypeList: return new ListType(children[0], false);
            case Fb.TypeLargeList: return new ListType(children[0], true);
            default: break;
        }

        var t = table ?? throw IpcErrors.Invalid($"field '{path}' of type {Fb.TypeName(tag)} has no type parameters.");
        switch (tag)
        {
            case Fb.TypeInt:
                return ParseInt(t, path);
            case Fb.TypeFloatingPoint:
                return t.GetInt16(0) switch
                {
                    0 => ArrowType.Float16,
                    1 => ArrowType.Float32,
                    2 => ArrowType.Float64,
                    var p => throw IpcErrors.Invalid($"field '{path}' has unknown floating point precision {p}."),
                };
            case Fb.TypeDecimal:
                {
                    var bitWidth = t.GetInt32(2, 128);
                    if (bitWidth is not (128 or 256))
                    {
                        throw new ArrowNotSupportedException($"Decimal{bitWidth}", path);
                    }

                    var precision = t.GetInt32(0);
                    if (precision < 1 || precision > (bitWidth == 128 ? 38 : 76))
                    {
                        throw IpcErrors.Invalid($"field '{path}' has decimal precision {precision}.");
                    }

                    var scale = t.GetInt32(1);
                    var maxDigits = bitWidth == 128 ? 38 : 76;
                    if (scale < -maxDigits || scale > maxDigits)
                    {
                        throw IpcErrors.Invalid($"field '{path}' has decimal scale {scale}.");
                    }

                    return new DecimalType(precision, scale, bitWidth);
                }

            case Fb.TypeDate:
                return t.GetInt16(0, 1) switch
                {
                    0 => ArrowType.Date32,
                    1 => ArrowType.Date64,
                    var u => throw IpcErrors.Invalid($"field '{path}' has unknown date unit {u}."),
                };
            case Fb.TypeTime:
                {
                    var unit = ParseTimeUnit(t.GetInt16(0, 1), path);
                    var type = new TimeType(unit);
                    if (t.GetInt32(1, 32) != type.BitWidth)
                    {
                        throw IpcErrors.Invalid($"field '{path}' has time unit {unit} with bit width {t.GetInt32(1, 32)}.");
                    }

                    return type;
                }

            case Fb.TypeTimestamp:
                return new TimestampType(ParseTimeUnit(t.GetInt16(0), path), t.GetString(1));
            case Fb.TypeDuration:
                return new DurationType(ParseTimeUnit(t.GetInt16(0, 1), path));
            case Fb.TypeInterval:
                return t.GetInt16(0) switch
                {
                    0 => new IntervalType(IntervalUnit.YearMonth),
                    1 => new IntervalType(IntervalUnit.DayTime),
                    2 => new IntervalType(IntervalUnit.MonthDayNano),
                    var u => throw IpcErrors.Invalid($"field '{path}' has unknown interval unit {u}."),
                };
            case Fb.TypeFixedSizeBinary:
                {
                    var width = t.GetInt32(0);
                    return width >= 0 ? new FixedSizeBinaryType(width) : throw IpcErrors.Invalid($"field '{path}' has byte width {width}.");
                }

            case Fb.TypeFixedSizeList:
                {
                    var size = t.GetInt32(0);
                    return size >= 0 ? new FixedSizeListType(children[0], size) : throw IpcErrors.Invalid($"field '{path}' has list size {size}.");
                }

            case Fb.TypeMap:
                if (children[0].Type is not StructType { Fields.Count: 2 })
                {
                    throw IpcErrors.Invalid($"map field '{path}' must have one struct child with two fields.");
                }

                return new MapType(children[0], t.GetBool(0));
            default:
                throw new ArrowNotSupportedException(Fb.TypeName(tag), path);
        }
    }

    private static IntType ParseInt(FlatBufferTable t, string path)
    {
        var bitWidth = t.GetInt32(0);
        var signed = t.GetBool(1);
        return (bitWidth, signed) switch
        {
            (8, true) => ArrowType.Int8,
            (16, true) => ArrowType.Int16,
            (32, true) => ArrowType.Int32,
            (64, true) => ArrowType.Int64,
            (8, false) => ArrowType.UInt8,
            (16, false) => ArrowType.UInt16,
            (32, false) => ArrowType.UInt32,
            (64, false) => ArrowType.UInt64,
            _ => throw IpcErrors.Invalid($"field '{path}' has integer bit width {bitWidth}."),
        };
    }

    private static TimeUnit ParseTimeUnit(short unit, string path) => unit switch
    {
        0 => TimeUnit.Second,
        1 => TimeUnit.Millisecond,
        2 => TimeUnit.Microsecond,
        3 => TimeUnit.Nanosecond,
        _ => throw IpcErrors.Invalid($"field '{path}' has unknown time unit {unit}."),
    };
}
