using Ferry.Frame.Format;
using Ferry.Sdk.Records;
using Xunit;

namespace Ferry.Frame.Tests.Format;

public sealed class TaggedJsonTests
{
    public static TheoryData<string, MetadataValue> Values() => new()
    {
        { "null", MetadataValue.Null },
        { "true", MetadataValue.True },
        { "false", MetadataValue.False },
        { "int max", MetadataValue.FromInteger(long.MaxValue) },
        { "int min", MetadataValue.FromInteger(long.MinValue) },
        { "float", MetadataValue.FromFloat(0.1 + 0.2) },
        { "float integral", MetadataValue.FromFloat(3.0) },
        { "float negative zero", MetadataValue.FromFloat(-0.0) },
        { "float NaN", MetadataValue.FromFloat(double.NaN) },
        { "float NaN payload", MetadataValue.FromFloat(BitConverter.Int64BitsToDouble(0x7FF0000000000123)) },
        { "float +inf", MetadataValue.FromFloat(double.PositiveInfinity) },
        { "float -inf", MetadataValue.FromFloat(double.NegativeInfinity) },
        { "float epsilon", MetadataValue.FromFloat(double.Epsilon) },
        { "float max", MetadataValue.FromFloat(double.MaxValue) },
        { "decimal scale", MetadataValue.FromDecimal(12.3400m) },
        { "decimal max", MetadataValue.FromDecimal(decimal.MaxValue) },
        { "decimal tiny", MetadataValue.FromDecimal(0.0000000000000000000000000001m) },
        { "decimal negative zero", MetadataValue.FromDecimal(new decimal(0, 0, 0, true, 2)) },
        { "string", MetadataValue.FromString("héllo \"quoted\" \n tab\t 😀 <tag>") },
        { "empty string", MetadataValue.FromString(string.Empty) },
        { "timestamp offset ticks", MetadataValue.FromTimestamp(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.FromHours(5.5)).AddTicks(1234567)) },
        { "timestamp min", MetadataValue.FromTimestamp(DateTimeOffset.MinValue) },
        { "timestamp max", MetadataValue.FromTimestamp(DateTimeOffset.MaxValue) },
        { "bytes", MetadataValue.FromBytes([0, 1, 2, 255, 254]) },
        { "empty bytes", MetadataValue.FromBytes([]) },
        { "empty array", MetadataValue.FromArray([]) },
        { "empty object", MetadataValue.FromObject([]) },
        { "mixed array", MetadataValue.FromArray([1L, "a", MetadataValue.Null, 2.5, MetadataValue.FromArray([])]) },
        {
            "nested object with dollar keys",
            MetadataValue.FromObject(
            [
                new("$f", 1L),
                new("$", "dollar"),
                new("$$x", MetadataValue.True),
                new("plain", MetadataValue.FromObject([new("$t", "not a tag")])),
                new("null", MetadataValue.Null),
            ])
        },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Decode_Encoded_IsBitExact(string name, MetadataValue value)
    {
        var json = TaggedJson.Encode(value);
        var back = TaggedJson.Decode(json);

        Assert.True(value.Equals(back), $"{name}: {value} became {back} via {System.Text.Encoding.UTF8.GetString(json)}");
        if (value.Kind == MetadataKind.Float)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(value.AsFloat()), BitConverter.DoubleToInt64Bits(back.AsFloat()));
        }
    }

    [Fact]
    public void Encode_Integer_IsPlainJsonNumber()
    {
        Assert.Equal("42", System.Text.Encoding.UTF8.GetString(TaggedJson.Encode(42L)));
        Assert.Equal("{\"$f\":1.5}", System.Text.Encoding.UTF8.GetString(TaggedJson.Encode(1.5)));
        Assert.Equal("{\"$$f\":1}", System.Text.Encoding.UTF8.GetString(TaggedJson.Encode(MetadataValue.FromObject([new("$f", 1L)]))));
    }

    [Fact]
    public void Decode_RandomDoubles_KeepEveryBit()
    {
        var random = new Random(7);
        Span<byte> bytes = stackalloc byte[8];
        for (var i = 0; i < 2000; i++)
        {
            random.NextBytes(bytes);
            var value = BitConverter.ToDouble(bytes);
            var back = TaggedJson.Decode(TaggedJson.Encode(value)).AsFloat();
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(back));
        }
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("{\"$f\":1,\"x\":2}")]
    [InlineData("{\"$q\":1}")]
    [InlineData("{\"$d\":\"abc\"}")]
    [InlineData("[1,")]
    public void Decode_Malformed_ThrowsFormatException(string json)
    {
        Assert.Throws<FrameFormatException>(() => TaggedJson.Decode(System.Text.Encoding.UTF8.GetBytes(json)));
    }
}
