using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Ferry.Arrow.Tests.Interop;

/// <summary>
/// What read-arrow.mjs should print for our arrays: the same normalized JSON (floats as bit
/// patterns, 64-bit integers as strings, bytes as lowercase hex, nested values as arrays).
/// </summary>
internal static class JsExpectation
{
    public static JsonObject Schema(Schema schema)
    {
        var fields = new JsonArray();
        foreach (var f in schema.Fields)
        {
            fields.Add(Field(f));
        }

        return new JsonObject { ["fields"] = fields, ["metadata"] = Metadata(schema.Metadata) };
    }

    public static JsonObject Field(Field f)
    {
        var children = new JsonArray();
        foreach (var c in f.Children)
        {
            children.Add(Field(c));
        }

        return new JsonObject
        {
            ["name"] = f.Name,
            ["nullable"] = f.IsNullable,
            ["type"] = Type(f.Type),
            ["metadata"] = Metadata(f.Metadata),
            ["children"] = children,
        };
    }

    private static JsonObject Metadata(IReadOnlyDictionary<string, string> metadata)
    {
        var o = new JsonObject();
        foreach (var (k, v) in metadata)
        {
            o[k] = v;
        }

        return o;
    }

    private static string Unit(TimeUnit u) => u switch
    {
        TimeUnit.Second => "SECOND",
        TimeUnit.Millisecond => "MILLISECOND",
        TimeUnit.Microsecond => "MICROSECOND",
        _ => "NANOSECOND",
    };

    public static JsonObject Type(ArrowType t) => t switch
    {
        DictionaryType d => new JsonObject { ["kind"] = "dictionary", ["index"] = Type(d.IndexType), ["value"] = Type(d.ValueType), ["ordered"] = d.IsOrdered },
        NullType => Kind("null"),
        BooleanType => Kind("bool"),
        IntType i => new JsonObject { ["kind"] = "int", ["bitWidth"] = i.BitWidth, ["signed"] = i.IsSigned },
        FloatingPointType f => new JsonObject { ["kind"] = "float", ["precision"] = f.Precision.ToString().ToUpperInvariant() },
        StringType s => Kind(s.IsLarge ? "large_utf8" : "utf8"),
        BinaryType b => Kind(b.IsLarge ? "large_binary" : "binary"),
        DecimalType d => new JsonObject { ["kind"] = "decimal", ["precision"] = d.Precision, ["scale"] = d.Scale, ["bitWidth"] = d.BitWidth },
        FixedSizeBinaryType f => new JsonObject { ["kind"] = "fixed_size_binary", ["byteWidth"] = f.Width },
        DateType d => new JsonObject { ["kind"] = "date", ["unit"] = d.Unit == DateUnit.Day ? "DAY" : "MILLISECOND" },
        TimeType tt => new JsonObject { ["kind"] = "time", ["unit"] = Unit(tt.Unit), ["bitWidth"] = tt.BitWidth },
        TimestampType ts => new JsonObject { ["kind"] = "timestamp", ["unit"] = Unit(ts.Unit), ["timezone"] = ts.TimeZone },
        DurationType du => new JsonObject { ["kind"] = "duration", ["unit"] = Unit(du.Unit) },
        IntervalType iv => new JsonObject
        {
            ["kind"] = "interval",
            ["unit"] = iv.Unit switch { IntervalUnit.YearMonth => "YEAR_MONTH", IntervalUnit.DayTime => "DAY_TIME", _ => "MONTH_DAY_NANO" },
        },
        ListType l => Kind(l.IsLarge ? "large_list" : "list"),
        FixedSizeListType f => new JsonObject { ["kind"] = "fixed_size_list", ["listSize"] = f.ListSize },
        StructType => Kind("struct"),
        MapType m => new JsonObject { ["kind"] = "map", ["keysSorted"] = m.KeysSorted },
        _ => throw new InvalidOperationException("No JS description for " + t),
    };

    private static JsonObject Kind(string kind) => new() { ["kind"] = kind };

    public static JsonArray Column(IEnumerable<RecordBatch> batches, int column)
    {
        var values = new JsonArray();
        foreach (var b in batches)
        {
            var array = b.Column(column);
            for (var i = 0; i < array.Length; i++)
            {
                values.Add(Value(array, i));
            }
        }

        return values;
    }

    public static JsonNode? Value(ArrowArray array, int i)
    {
        if (array.IsNull(i))
        {
            return null;
        }

        switch (array)
        {
            case NullArray:
                return null;
            case BooleanArray b:
                return b.GetValue(i);
            case DictionaryArray d:
                return Value(d.Dictionary, checked((int)d.GetIndex(i)));
            case StringArray s:
                return s.GetString(i);
            case BinaryArray b:
                return Convert.ToHexStringLower(b.GetBytes(i));
            case FixedSizeBinaryArray f:
                return Convert.ToHexStringLower(f.GetBytes(i));
            case ListArray l:
                {
                    var a = new JsonArray();
                    var start = l.GetValueOffset(i);
                    for (var j = 0; j < l.GetValueLength(i); j++)
                    {
                        a.Add(Value(l.Values, start + j));
                    }

                    return a;
                }

            case FixedSizeListArray l:
                {
                    var a = new JsonArray();
                    for (var j = 0; j < l.ListSize; j++)
                    {
                        a.Add(Value(l.Values, (i * l.ListSize) + j));
                    }

                    return a;
                }

            case StructArray s:
                {
                    var a = new JsonArray();
                    foreach (var c in s.Children)
                    {
                        a.Add(Value(c, i));
                    }

                    return a;
                }

            default:
                return Primitive(array, i);
        }
    }

    private static JsonNode? Primitive(ArrowArray array, int i)
    {
        var type = array.Type;
        var width = type.ByteWidth;
        var bytes = ((IPrimitiveArray)array).ValuesBuffer.Span.Slice(i * width, width);
        switch (type.TypeId)
        {
            case ArrowTypeId.Int8: return (sbyte)bytes[0];
            case ArrowTypeId.UInt8: return bytes[0];
            case ArrowTypeId.Int16: return BinaryPrimitives.ReadInt16LittleEndian(bytes);
            case ArrowTypeId.UInt16: return BinaryPrimitives.ReadUInt16LittleEndian(bytes);
            case ArrowTypeId.Int32 or ArrowTypeId.Date32 or ArrowTypeId.Time32: return BinaryPrimitives.ReadInt32LittleEndian(bytes);
            case ArrowTypeId.UInt32: return BinaryPrimitives.ReadUInt32LittleEndian(bytes);
            case ArrowTypeId.Int64 or ArrowTypeId.Date64 or ArrowTypeId.Time64 or ArrowTypeId.Timestamp or ArrowTypeId.Duration:
                return BinaryPrimitives.ReadInt64LittleEndian(bytes).ToString(CultureInfo.InvariantCulture);
            case ArrowTypeId.UInt64: return BinaryPrimitives.ReadUInt64LittleEndian(bytes).ToString(CultureInfo.InvariantCulture);
            case ArrowTypeId.Float16 or ArrowTypeId.Float32 or ArrowTypeId.Float64:
                {
                    var reversed = bytes.ToArray();
                    Array.Reverse(reversed);
                    return "0x" + Convert.ToHexStringLower(reversed);
                }

            default:
                return Convert.ToHexStringLower(bytes); // interval
        }
    }
}
