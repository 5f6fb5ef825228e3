using System.Globalization;
using System.IO.Compression;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Ferry.Arrow.Tests.Conformance;

/// <summary>
/// Arrow's integration JSON format (schema, batches, dictionaries with VALIDITY / DATA / OFFSET /
/// children), parsed with System.Text.Json and compared with what the reader produced. Written
/// independently of the library's own schema parser so the two check each other.
/// </summary>
internal sealed class IntegrationJson
{
    private readonly JsonDocument _document;
    private readonly Dictionary<long, JsonElement> _dictionaries = [];

    private IntegrationJson(JsonDocument document)
    {
        _document = document;
        if (Root.TryGetProperty("dictionaries", out var dicts))
        {
            foreach (var d in dicts.EnumerateArray())
            {
                _dictionaries[d.GetProperty("id").GetInt64()] = d.GetProperty("data").GetProperty("columns")[0];
            }
        }
    }

    public JsonElement Root => _document.RootElement;

    public JsonElement SchemaJson => Root.GetProperty("schema");

    public IReadOnlyList<JsonElement> FieldsJson => [.. SchemaJson.GetProperty("fields").EnumerateArray()];

    public IReadOnlyList<JsonElement> Batches => [.. Root.GetProperty("batches").EnumerateArray()];

    public static IntegrationJson Load(string path)
    {
        using var file = File.OpenRead(path);
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        return new IntegrationJson(JsonDocument.Parse(gz));
    }

    /// <summary>The first (type name, field path) that Ferry.Arrow does not support, or null.</summary>
    public (string Type, string Path)? FindUnsupported()
    {
        foreach (var f in FieldsJson)
        {
            if (FindUnsupported(f, null) is { } hit)
            {
                return hit;
            }
        }

        return null;
    }

    private static (string, string)? FindUnsupported(JsonElement field, string? parent)
    {
        var path = parent is null ? field.GetProperty("name").GetString()! : parent + "." + field.GetProperty("name").GetString();
        var name = field.GetProperty("type").GetProperty("name").GetString()!;
        if (name is "union" or "runendencoded" or "utf8view" or "binaryview" or "listview" or "largelistview")
        {
            return (name, path);
        }

        foreach (var c in Children(field))
        {
            if (FindUnsupported(c, path) is { } hit)
            {
                return hit;
            }
        }

        return null;
    }

    public Schema ExpectedSchema() => new(FieldsJson.Select(ToField), Metadata(SchemaJson));

    public static Field ToField(JsonElement f)
    {
        var type = ToType(f);
        if (f.TryGetProperty("dictionary", out var dict))
        {
            var index = dict.GetProperty("indexType");
            type = new DictionaryType(new IntType(index.GetProperty("bitWidth").GetInt32(), index.GetProperty("isSigned").GetBoolean()),
                type, dict.GetProperty("isOrdered").GetBoolean());
        }

        return new Field(f.GetProperty("name").GetString()!, type, f.GetProperty("nullable").GetBoolean(), Metadata(f));
    }

    private static IEnumerable<KeyValuePair<string, string>>? Metadata(JsonElement e) =>
        e.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Array
            ? m.EnumerateArray().Select(kv => new KeyValuePair<string, string>(kv.GetProperty("key").GetString()!, kv.GetProperty("value").GetString()!)).ToList()
            : null;

    private static IEnumerable<JsonElement> Children(JsonElement f) =>
        f.TryGetProperty("children", out var c) ? c.EnumerateArray() : [];

    private static ArrowType ToType(JsonElement f)
    {
        var t = f.GetProperty("type");
        var children = Children(f).Select(ToField).ToArray();
        return t.GetProperty("name").GetString() switch
        {
            "null" => ArrowType.Null,
            "bool" => ArrowType.Boolean,
            "int" => new IntType(t.GetProperty("bitWidth").GetInt32(), t.GetProperty("isSigned").GetBoolean()),
            "floatingpoint" => t.GetProperty("precision").GetString() switch
            {
                "HALF" => ArrowType.Float16,
                "SINGLE" => ArrowType.Float32,
                _ => ArrowType.Float64,
            },
            "utf8" => ArrowType.Utf8,
            "largeutf8" => ArrowType.LargeUtf8,
            "binary" => ArrowType.Binary,
            "largebinary" => ArrowType.LargeBinary,
            "fixedsizebinary" => new FixedSizeBinaryType(t.GetProperty("byteWidth").GetInt32()),
            "decimal" => new DecimalType(t.GetProperty("precision").GetInt32(), t.GetProperty("scale").GetInt32(),
                t.TryGetProperty("bitWidth", out var bw) ? bw.GetInt32() : 128),
            "date" => t.GetProperty("unit").GetString() == "DAY" ? ArrowType.Date32 : ArrowType.Date64,
            "time" => new TimeType(Unit(t)),
            "timestamp" => new TimestampType(Unit(t), t.TryGetProperty("timezone", out var tz) ? tz.GetString() : null),
            "duration" => new DurationType(Unit(t)),
            "interval" => new IntervalType(t.GetProperty("unit").GetString() switch
            {
                "YEAR_MONTH" => IntervalUnit.YearMonth,
                "DAY_TIME" => IntervalUnit.DayTime,
                _ => IntervalUnit.MonthDayNano,
            }),
            "list" => new ListType(children[0], false),
            "largelist" => new ListType(children[0], true),
            "fixedsizelist" => new FixedSizeListType(children[0], t.GetProperty("listSize").GetInt32()),
            "struct" => new StructType(children),
            "map" => new MapType(children[0], t.GetProperty("keysSorted").GetBoolean()),
            var other => throw new InvalidOperationException("Unexpected type in supported case: " + other),
        };
    }

    private static TimeUnit Unit(JsonElement t) => t.GetProperty("unit").GetString() switch
    {
        "SECOND" => TimeUnit.Second,
        "MILLISECOND" => TimeUnit.Millisecond,
        "MICROSECOND" => TimeUnit.Microsecond,
        _ => TimeUnit.Nanosecond,
    };

    /// <summary>Asserts that <paramref name="array"/> holds exactly the column <paramref name="col"/> of field <paramref name="field"/>.</summary>
    public void AssertColumn(JsonElement field, JsonElement col, ArrowArray array, string path)
    {
        var count = col.GetProperty("count").GetInt32();
        Check(array.Length == count, path, $"length {array.Length}, expected {count}");
        if (col.TryGetProperty("VALIDITY", out var validity))
        {
            var v = validity.EnumerateArray().Select(e => e.GetInt32() == 1).ToArray();
            for (var i = 0; i < count; i++)
            {
                Check(array.IsValid(i) == v[i], path, $"slot {i} validity {array.IsValid(i)}, expected {v[i]}");
            }

            Check(array.NullCount == v.Count(x => !x), path, $"null count {array.NullCount}");
        }

        if (field.TryGetProperty("dictionary", out var dict))
        {
            var d = Assert.IsType<DictionaryArray>(array);
            var data = col.GetProperty("DATA");
            for (var i = 0; i < count; i++)
            {
                if (d.IsValid(i))
                {
                    Check(new BigInteger(d.GetIndex(i)) == Integer(data[i]), path, $"slot {i} index {d.GetIndex(i)}, expected {data[i]}");
                }
            }

            // The dictionary values: the JSON field without "dictionary" describes them.
            var id = dict.GetProperty("id").GetInt64();
            AssertValues(field, _dictionaries[id], d.Dictionary, path + "<dictionary " + id + ">");
            return;
        }

        AssertValues(field, col, array, path);
    }

    private void AssertValues(JsonElement field, JsonElement col, ArrowArray array, string path)
    {
        var count = col.GetProperty("count").GetInt32();
        Check(array.Length == count, path, $"length {array.Length}, expected {count}");
        var valid = col.TryGetProperty("VALIDITY", out var validity)
            ? validity.EnumerateArray().Select(e => e.GetInt32() == 1).ToArray()
            : new bool[count];
        for (var i = 0; i < count; i++)
        {
            Check(array.IsValid(i) == valid[i], path, $"slot {i} validity {array.IsValid(i)}, expected {valid[i]}");
        }

        var type = field.GetProperty("type");
        var typeName = type.GetProperty("name").GetString();
        var children = Children(field).ToArray();
        switch (typeName)
        {
            case "null":
                Assert.IsType<NullArray>(array);
                return;
            case "list" or "largelist" or "map":
                {
                    var list = Assert.IsAssignableFrom<ListArray>(array);
                    AssertOffsets(col, count, i => list.IsLarge ? list.LargeValueOffsets[i] : list.ValueOffsets[i], path);
                    AssertColumn(children[0], col.GetProperty("children")[0], list.Values, path + "." + children[0].GetProperty("name").GetString());
                    return;
                }

            case "fixedsizelist":
                {
                    var list = Assert.IsType<FixedSizeListArray>(array);
                    AssertColumn(children[0], col.GetProperty("children")[0], list.Values, path + "." + children[0].GetProperty("name").GetString());
                    return;
                }

            case "struct":
                {
                    var s = Assert.IsType<StructArray>(array);
                    var cols = col.GetProperty("children");
                    for (var c = 0; c < children.Length; c++)
                    {
                        AssertColumn(children[c], cols[c], s.GetChild(c), path + "." + children[c].GetProperty("name").GetString());
                    }

                    return;
                }

            case "utf8" or "largeutf8" or "binary" or "largebinary":
                {
                    var b = Assert.IsAssignableFrom<BinaryArray>(array);
                    AssertOffsets(col, count, i => b.IsLarge ? b.LargeValueOffsets[i] : b.ValueOffsets[i], path);
                    break;
                }

            default:
                break;
        }

        var data = col.GetProperty("DATA");
        for (var i = 0; i < count; i++)
        {
            if (valid[i])
            {
                AssertValue(typeName!, type, data[i], array, i, path);
            }
        }
    }

    private static void AssertOffsets(JsonElement col, int count, Func<int, long> actual, string path)
    {
        if (count == 0)
        {
            return;
        }

        var expected = col.GetProperty("OFFSET");
        for (var i = 0; i <= count; i++)
        {
            Check(new BigInteger(actual(i)) == Integer(expected[i]), path, $"offset {i} is {actual(i)}, expected {expected[i]}");
        }
    }

    private static void AssertValue(string typeName, JsonElement type, JsonElement expected, ArrowArray array, int i, string path)
    {
        switch (typeName)
        {
            case "bool":
                Check(((BooleanArray)array).GetValue(i) == expected.GetBoolean(), path, $"slot {i}");
                break;
            case "int" or "date" or "time" or "timestamp" or "duration":
                Check(IntegerAt(array, i) == Integer(expected), path, $"slot {i} is {IntegerAt(array, i)}, expected {expected}");
                break;
            case "floatingpoint":
                AssertFloat(array, i, expected, path);
                break;
            case "utf8" or "largeutf8":
                Check(((StringArray)array).GetString(i) == expected.GetString(), path, $"slot {i} is '{((StringArray)array).GetString(i)}', expected '{expected.GetString()}'");
                break;
            case "binary" or "largebinary":
                Check(((BinaryArray)array).GetBytes(i).SequenceEqual(Convert.FromHexString(expected.GetString()!)), path, $"slot {i} bytes");
                break;
            case "fixedsizebinary":
                Check(((FixedSizeBinaryArray)array).GetBytes(i).SequenceEqual(Convert.FromHexString(expected.GetString()!)), path, $"slot {i} bytes");
                break;
            case "decimal":
                Check(((DecimalArray)array).GetUnscaledValue(i) == BigInteger.Parse(expected.GetString()!, CultureInfo.InvariantCulture), path,
                    $"slot {i} is {((DecimalArray)array).GetUnscaledValue(i)}, expected {expected}");
                break;
            case "interval":
                AssertInterval(type.GetProperty("unit").GetString()!, array, i, expected, path);
                break;
            default:
                throw new InvalidOperationException("No value comparison for " + typeName);
        }
    }

    private static void AssertFloat(ArrowArray array, int i, JsonElement expected, string path)
    {
        var value = double.Parse(expected.GetRawText(), CultureInfo.InvariantCulture);
        switch (array)
        {
            case PrimitiveArray<float> f:
                Check(BitConverter.SingleToInt32Bits(f.GetValue(i)) == BitConverter.SingleToInt32Bits((float)value), path, $"slot {i} is {f.GetValue(i)}, expected {value}");
                break;
            case PrimitiveArray<double> d:
                Check(BitConverter.DoubleToInt64Bits(d.GetValue(i)) == BitConverter.DoubleToInt64Bits(value), path, $"slot {i} is {d.GetValue(i)}, expected {value}");
                break;
            case PrimitiveArray<Half> h:
                Check(h.GetValue(i) == (Half)value, path, $"slot {i} is {h.GetValue(i)}, expected {value}");
                break;
            default:
                Assert.Fail($"{path}: unexpected float array {array.GetType().Name}");
                break;
        }
    }

    private static void AssertInterval(string unit, ArrowArray array, int i, JsonElement expected, string path)
    {
        switch (unit)
        {
            case "YEAR_MONTH":
                Check(((PrimitiveArray<int>)array).GetValue(i) == expected.GetInt32(), path, $"slot {i}");
                break;
            case "DAY_TIME":
                {
                    var v = ((PrimitiveArray<IntervalDayTime>)array).GetValue(i);
                    Check(v == new IntervalDayTime(expected.GetProperty("days").GetInt32(), expected.GetProperty("milliseconds").GetInt32()), path, $"slot {i} is {v}");
                    break;
                }

            default:
                {
                    var v = ((PrimitiveArray<IntervalMonthDayNano>)array).GetValue(i);
                    var e = new IntervalMonthDayNano(expected.GetProperty("months").GetInt32(), expected.GetProperty("days").GetInt32(),
                        (long)Integer(expected.GetProperty("nanoseconds")));
                    Check(v == e, path, $"slot {i} is {v}, expected {e}");
                    break;
                }
        }
    }

    private static BigInteger IntegerAt(ArrowArray array, int i) => array switch
    {
        PrimitiveArray<sbyte> a => a.GetValue(i),
        PrimitiveArray<short> a => a.GetValue(i),
        PrimitiveArray<int> a => a.GetValue(i),
        PrimitiveArray<long> a => a.GetValue(i),
        PrimitiveArray<byte> a => a.GetValue(i),
        PrimitiveArray<ushort> a => a.GetValue(i),
        PrimitiveArray<uint> a => a.GetValue(i),
        PrimitiveArray<ulong> a => a.GetValue(i),
        _ => throw new InvalidOperationException("Not an integer array: " + array.GetType().Name),
    };

    private static BigInteger Integer(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? BigInteger.Parse(e.GetString()!, CultureInfo.InvariantCulture)
        : BigInteger.Parse(e.GetRawText(), CultureInfo.InvariantCulture);

    private static void Check(bool condition, string path, string message)
    {
        if (!condition)
        {
            Assert.Fail(path + ": " + message);
        }
    }

    public static string Describe(JsonElement e) => Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(e));
}
