using System.Text.Json;
using Ferry.Sdk.Records;
using Xunit;

namespace Ferry.Sdk.Tests.Records;

public sealed class MetadataJsonTests
{
    private static readonly DateTimeOffset Instant = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567);

    public static TheoryData<string, MetadataValue> Values() => new()
    {
        { "null", MetadataValue.Null },
        { "true", MetadataValue.True },
        { "false", MetadataValue.False },
        { "int max", MetadataValue.FromInteger(long.MaxValue) },
        { "int min", MetadataValue.FromInteger(long.MinValue) },
        { "float", MetadataValue.FromFloat(0.1 + 0.2) },
        { "float integral", MetadataValue.FromFloat(3.0) },
        { "float zero", MetadataValue.FromFloat(0.0) },
        { "float negative zero", MetadataValue.FromFloat(-0.0) },
        { "float NaN", MetadataValue.FromFloat(double.NaN) },
        { "float positive NaN", MetadataValue.FromFloat(BitConverter.Int64BitsToDouble(0x7FF8000000000000)) },
        { "float NaN payload", MetadataValue.FromFloat(BitConverter.Int64BitsToDouble(0x7FF0000000000123)) },
        { "float negative NaN payload", MetadataValue.FromFloat(BitConverter.Int64BitsToDouble(unchecked((long)0xFFF4000000000ABCUL))) },
        { "float +inf", MetadataValue.FromFloat(double.PositiveInfinity) },
        { "float -inf", MetadataValue.FromFloat(double.NegativeInfinity) },
        { "float epsilon", MetadataValue.FromFloat(double.Epsilon) },
        { "float max", MetadataValue.FromFloat(double.MaxValue) },
        { "float big", MetadataValue.FromFloat(1e300) },
        { "decimal scale", MetadataValue.FromDecimal(12.3400m) },
        { "decimal max", MetadataValue.FromDecimal(decimal.MaxValue) },
        { "decimal min", MetadataValue.FromDecimal(decimal.MinValue) },
        { "decimal tiny", MetadataValue.FromDecimal(0.0000000000000000000000000001m) },
        { "decimal negative zero", MetadataValue.FromDecimal(new decimal(0, 0, 0, true, 2)) },
        { "string", MetadataValue.FromString("héllo \"quoted\" \n tab\t 😀 <tag> & '") },
        { "string that looks like a tag", MetadataValue.FromString("{\"$t\":\"2024-05-01T10:00:00Z\"}") },
        { "empty string", MetadataValue.FromString(string.Empty) },
        { "timestamp offset ticks", MetadataValue.FromTimestamp(Instant) },
        { "timestamp negative offset", MetadataValue.FromTimestamp(new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.FromMinutes(-570))) },
        { "timestamp utc", MetadataValue.FromTimestamp(new DateTimeOffset(2020, 3, 13, 0, 0, 0, TimeSpan.Zero)) },
        { "timestamp min", MetadataValue.FromTimestamp(DateTimeOffset.MinValue) },
        { "timestamp max", MetadataValue.FromTimestamp(DateTimeOffset.MaxValue) },
        { "bytes", MetadataValue.FromBytes([0, 1, 2, 255, 254]) },
        { "empty bytes", MetadataValue.FromBytes([]) },
        { "empty array", MetadataValue.FromArray([]) },
        { "empty object", MetadataValue.FromObject([]) },
        { "mixed array", MetadataValue.FromArray([1L, "a", MetadataValue.Null, 2.5, -0.0, MetadataValue.FromArray([]), MetadataValue.FromDecimal(1.50m)]) },
        {
            "nested arrays and objects",
            MetadataValue.FromObject(
            [
                new("matrix", MetadataValue.FromArray([MetadataValue.FromArray([1L, 2L]), MetadataValue.FromArray([MetadataValue.FromArray([3.0])])])),
                new("inner", MetadataValue.FromObject([new("when", Instant), new("blob", MetadataValue.FromBytes([9])), new("deeper", MetadataValue.FromObject([new("x", double.NaN)]))])),
                new("list of objects", MetadataValue.FromArray([MetadataValue.FromObject([new("a", 1L)]), MetadataValue.FromObject([])])),
            ])
        },
        {
            "object with dollar keys",
            MetadataValue.FromObject(
            [
                new("$f", 1L),
                new("$", "dollar"),
                new("$$x", MetadataValue.True),
                new("plain", MetadataValue.FromObject([new("$t", "not a tag")])),
                new("null", MetadataValue.Null),
            ])
        },
        { "single tag-like key", MetadataValue.FromObject([new("$d", "12.5")]) },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Deserialize_SerializedPlain_IsBitExact(string name, MetadataValue value) =>
        AssertRoundTrip(name, value, MetadataJsonDialect.Plain);

    [Theory]
    [MemberData(nameof(Values))]
    public void Deserialize_SerializedTagged_IsBitExact(string name, MetadataValue value) =>
        AssertRoundTrip(name, value, MetadataJsonDialect.Tagged);

    [Fact]
    public void Deserialize_RandomDoubles_KeepEveryBitInBothDialects()
    {
        var random = new Random(11);
        Span<byte> bytes = stackalloc byte[8];
        for (var i = 0; i < 2000; i++)
        {
            random.NextBytes(bytes);
            var value = BitConverter.ToDouble(bytes);
            foreach (var dialect in new[] { MetadataJsonDialect.Plain, MetadataJsonDialect.Tagged })
            {
                var back = MetadataJson.Deserialize(MetadataJson.Serialize(value, dialect), dialect).AsFloat();
                Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(back));
            }
        }
    }

    [Theory]
    [InlineData("42", "42", "42")]
    [InlineData("1.0", "1.0", "{\"$f\":1}")]
    [InlineData("1.5", "1.5", "{\"$f\":1.5}")]
    [InlineData("-0.0", "-0.0", "{\"$f\":\"0x8000000000000000\"}")]
    [InlineData("1e300", "1E+300", "{\"$f\":1E+300}")]
    [InlineData("+inf", "{\"$f\":\"0x7FF0000000000000\"}", "{\"$f\":\"0x7FF0000000000000\"}")]
    [InlineData("NaN payload", "{\"$f\":\"0x7FF8000000000ABC\"}", "{\"$f\":\"0x7FF8000000000ABC\"}")]
    [InlineData("decimal", "{\"$d\":\"12.3400\"}", "{\"$d\":\"12.3400\"}")]
    [InlineData("decimal -0", "{\"$d\":\"-0.00\"}", "{\"$d\":\"-0.00\"}")]
    [InlineData("timestamp", "{\"$t\":\"2024-05-01T10:00:00.1234567+02:00\"}", "{\"$t\":\"2024-05-01T10:00:00.1234567+02:00\"}")]
    [InlineData("bytes", "{\"$b\":\"AAEC\"}", "{\"$b\":\"AAEC\"}")]
    [InlineData("string", "\"<é> & \\\"q\\\"\"", "\"<é> & \\\"q\\\"\"")]
    [InlineData("object", "{\"$$x\":1,\"a\":[true,null]}", "{\"$$x\":1,\"a\":[true,null]}")]
    public void Serialize_Value_WritesTheDocumentedText(string name, string plain, string tagged)
    {
        var value = Sample(name);

        Assert.Equal(plain, MetadataJson.Serialize(value, MetadataJsonDialect.Plain));
        Assert.Equal(tagged, MetadataJson.Serialize(value, MetadataJsonDialect.Tagged));
        Assert.Equal(plain, MetadataJson.Serialize(value));
    }

    [Fact]
    public void Write_InsideALargerDocument_WritesOneValueWhereTheWriterStands()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("a");
            MetadataJson.Write(writer, 2.0);
            writer.WritePropertyName("b");
            MetadataJson.Write(writer, 2.0, MetadataJsonDialect.Tagged);
            writer.WriteEndObject();
        }

        Assert.Equal("{\"a\":2.0,\"b\":{\"$f\":2}}", System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Serialize_IntoSeveralOutputsInTurn_EachGetsOnlyItsOwnValues()
    {
        // The writer behind Serialize is reused per thread: nothing may leak from one output or value into the next.
        var first = new System.Buffers.ArrayBufferWriter<byte>();
        var second = new System.Buffers.ArrayBufferWriter<byte>();

        MetadataJson.Serialize(MetadataValue.FromArray([1L, "x"]), first, MetadataJsonDialect.Tagged);
        MetadataJson.Serialize(0.5, second, MetadataJsonDialect.Tagged);
        MetadataJson.Serialize(MetadataValue.FromObject([new("k", MetadataValue.Null)]), first);

        Assert.Equal("[1,\"x\"]{\"k\":null}", System.Text.Encoding.UTF8.GetString(first.WrittenSpan));
        Assert.Equal("{\"$f\":0.5}", System.Text.Encoding.UTF8.GetString(second.WrittenSpan));
    }

    [Fact]
    public void Read_InsideALargerDocument_LeavesTheReaderOnTheValuesLastToken()
    {
        var reader = new Utf8JsonReader("[{\"$t\":\"2024-05-01T10:00:00.0000000+02:00\"},{\"a\":[1]},7]"u8);
        reader.Read();
        var values = new List<MetadataValue>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(MetadataJson.Read(ref reader));
        }

        Assert.Equal(3, values.Count);
        Assert.Equal(MetadataKind.Timestamp, values[0].Kind);
        Assert.Equal(TimeSpan.FromHours(2), values[0].AsTimestamp().Offset);
        Assert.Equal(MetadataValue.FromObject([new("a", MetadataValue.FromArray([1L]))]), values[1]);
        Assert.Equal(MetadataValue.FromInteger(7), values[2]);
        Assert.False(reader.Read());
    }

    [Theory]
    [InlineData("1", MetadataKind.Integer, "1")]
    [InlineData("-12", MetadataKind.Integer, "-12")]
    [InlineData("1.0", MetadataKind.Float, "1")]
    [InlineData("2e3", MetadataKind.Float, "2000")]
    [InlineData("123456789012345678901234", MetadataKind.Decimal, "123456789012345678901234m")]
    [InlineData("{\"$f\":\"NaN\"}", MetadataKind.Float, "NaN")]
    [InlineData("{\"$f\":\"-Infinity\"}", MetadataKind.Float, "-Infinity")]
    [InlineData("{\"$f\":\"2.5\"}", MetadataKind.Float, "2.5")]
    [InlineData("{\"$d\":\"1.5E2\"}", MetadataKind.Decimal, "150m")]
    [InlineData("{\"$t\":\"2024-05-01T10:00:00Z\"}", MetadataKind.Timestamp, "2024-05-01T10:00:00.0000000+00:00")]
    [InlineData("{\"$t\":\"2024-05-01\"}", MetadataKind.Timestamp, "2024-05-01T00:00:00.0000000+00:00")]
    [InlineData("{\"$f\":1.5}", MetadataKind.Object, "{$f: 1.5}")]
    [InlineData("{\"$x\":\"y\"}", MetadataKind.Object, "{$x: \"y\"}")]
    [InlineData("{\"a\":1,\"$d\":\"2\"}", MetadataKind.Object, "{a: 1, $d: \"2\"}")]
    [InlineData("{\"$$d\":\"2\"}", MetadataKind.Object, "{$d: \"2\"}")]
    [InlineData("/* a comment */ [1, 2]", MetadataKind.Array, "[1, 2]")]
    public void Deserialize_Plain_ReadsOtherToolsJsonLeniently(string json, MetadataKind kind, string shown)
    {
        var value = MetadataJson.Deserialize(json);

        Assert.Equal(kind, value.Kind);
        Assert.Equal(shown, value.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1,")]
    [InlineData("1 2")]
    [InlineData("{\"$f\":\"nope\"}")]
    [InlineData("{\"$d\":\"abc\"}")]
    [InlineData("{\"$t\":\"yesterday\"}")]
    [InlineData("{\"$b\":\"***\"}")]
    [InlineData("{\"$d\":\"1\",\"x\":2}")]
    public void Deserialize_PlainMalformed_ThrowsJsonException(string json)
    {
        Assert.ThrowsAny<JsonException>(() => MetadataJson.Deserialize(json));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("{\"$f\":1,\"x\":2}")]
    [InlineData("{\"x\":2,\"$f\":1}")]
    [InlineData("{\"$q\":1}")]
    [InlineData("{\"$\":1}")]
    [InlineData("{\"$f\":true}")]
    [InlineData("{\"$f\":\"NaN\"}")]
    [InlineData("{\"$d\":\"abc\"}")]
    [InlineData("{\"$d\":1.5}")]
    [InlineData("{\"$t\":\"2024-05-01\"}")]
    [InlineData("{\"$b\":\"***\"}")]
    [InlineData("/* a comment */ 1")]
    [InlineData("[1,")]
    public void Deserialize_TaggedNotWrittenByTheWriter_ThrowsJsonException(string json)
    {
        Assert.ThrowsAny<JsonException>(() => MetadataJson.Deserialize(json, MetadataJsonDialect.Tagged));
    }

    [Fact]
    public void Serialize_LoneSurrogate_WritesReplacementCharacter()
    {
        Assert.Equal("\"a\\uFFFDb\"", MetadataJson.Serialize(MetadataValue.FromString("a\uD800b")));
    }

    private static void AssertRoundTrip(string name, MetadataValue value, MetadataJsonDialect dialect)
    {
        var json = MetadataJson.Serialize(value, dialect);
        var back = MetadataJson.Deserialize(json, dialect);
        var backFromBytes = MetadataJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(json), dialect);

        Assert.True(value.Equals(back), $"{name}: {value} became {back} via {json}");
        Assert.True(value.Equals(backFromBytes), $"{name}: {value} became {backFromBytes} via {json} (UTF-8)");
        if (value.Kind == MetadataKind.Float)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(value.AsFloat()), BitConverter.DoubleToInt64Bits(back.AsFloat()));
        }

        if (value.Kind == MetadataKind.Timestamp)
        {
            Assert.Equal(value.AsTimestamp().Offset, back.AsTimestamp().Offset);
            Assert.Equal(value.AsTimestamp().Ticks, back.AsTimestamp().Ticks);
        }
    }

    private static MetadataValue Sample(string name) => name switch
    {
        "42" => 42L,
        "1.0" => 1.0,
        "1.5" => 1.5,
        "-0.0" => -0.0,
        "1e300" => 1e300,
        "+inf" => double.PositiveInfinity,
        "NaN payload" => BitConverter.Int64BitsToDouble(0x7FF8000000000ABC),
        "decimal" => MetadataValue.FromDecimal(12.3400m),
        "decimal -0" => MetadataValue.FromDecimal(new decimal(0, 0, 0, true, 2)),
        "timestamp" => Instant,
        "bytes" => MetadataValue.FromBytes([0, 1, 2]),
        "string" => "<é> & \"q\"",
        "object" => MetadataValue.FromObject([new("$x", 1L), new("a", MetadataValue.FromArray([MetadataValue.True, MetadataValue.Null]))]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
