using Xunit;

namespace Ferry.Arrow.Tests.Types;

public class TypeTests
{
    [Fact]
    public void Equals_ParameterizedTypes_CompareByValue()
    {
        Assert.Equal(ArrowType.Timestamp(TimeUnit.Microsecond, "UTC"), new TimestampType(TimeUnit.Microsecond, "UTC"));
        Assert.NotEqual(ArrowType.Timestamp(TimeUnit.Microsecond, "UTC"), ArrowType.Timestamp(TimeUnit.Microsecond));
        Assert.Equal(ArrowType.FixedSizeList(ArrowType.Float32, 384), ArrowType.FixedSizeList(ArrowType.Float32, 384));
        Assert.NotEqual(ArrowType.FixedSizeList(ArrowType.Float32, 384), ArrowType.FixedSizeList(ArrowType.Float32, 768));
        Assert.NotEqual<ArrowType>(ArrowType.List(ArrowType.Int32), ArrowType.LargeList(ArrowType.Int32));
        Assert.Equal(new IntType(32, true), ArrowType.Int32);
        Assert.NotEqual<ArrowType>(ArrowType.Int32, ArrowType.UInt32);
        Assert.Equal(new DecimalType(10, 2), new DecimalType(10, 2));
        Assert.NotEqual(new DecimalType(10, 2), new DecimalType(10, 3));
    }

    [Fact]
    public void MapType_Equals_IgnoresEntryNames()
    {
        var canonical = ArrowType.Map(ArrowType.Utf8, ArrowType.Int32);
        var other = new MapType(new Field("some_entries",
            new StructType([new Field("some_key", ArrowType.Utf8, false), new Field("some_value", ArrowType.Int32)]), false));
        Assert.Equal<ArrowType>(canonical, other);
        Assert.Equal("some_key", other.KeyField.Name);
        Assert.Throws<ArgumentException>(() => new MapType(new Field("e", ArrowType.Int32)));
    }

    [Fact]
    public void ToString_ReadableNames()
    {
        Assert.Equal("fixed_size_list<item: float32>[384]", ArrowType.FixedSizeList(ArrowType.Float32, 384).ToString());
        Assert.Equal("timestamp[ns, tz=Europe/Paris]", ArrowType.Timestamp(TimeUnit.Nanosecond, "Europe/Paris").ToString());
        Assert.Equal("dictionary<values=utf8, indices=int32>", ArrowType.Dictionary(ArrowType.Int32, ArrowType.Utf8).ToString());
        Assert.Equal("struct<a: int64 not null, b: large_utf8>",
            ArrowType.Struct(new Field("a", ArrowType.Int64, false), new Field("b", ArrowType.LargeUtf8)).ToString());
    }

    [Theory]
    [InlineData(TimeUnit.Second)]
    [InlineData(TimeUnit.Millisecond)]
    [InlineData(TimeUnit.Microsecond)]
    [InlineData(TimeUnit.Nanosecond)]
    public void TimestampType_DateTimeOffset_RoundTripsAtItsResolution(TimeUnit unit)
    {
        var type = ArrowType.Timestamp(unit, "UTC");
        var instant = new DateTimeOffset(2024, 2, 29, 12, 34, 56, TimeSpan.FromHours(2));
        var value = type.FromDateTimeOffset(instant);
        Assert.Equal(instant, type.ToDateTimeOffset(value));
        Assert.Equal(0, type.FromDateTimeOffset(DateTimeOffset.UnixEpoch));
        Assert.Equal(TimeSpan.Zero, type.ToDateTimeOffset(value).Offset);
    }

    [Fact]
    public void Constructors_InvalidParameters_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IntType(12, true));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DecimalType(39, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DecimalType(10, 2, 64));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DecimalType(10, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedSizeBinaryType(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedSizeListType(new Field("item", ArrowType.Float32), -1));
    }

    [Fact]
    public void FieldAndSchema_Metadata_OrderPreservedEqualityUnordered()
    {
        var a = new Field("x", ArrowType.Int32, true, [new("b", "2"), new("a", "1")]);
        var b = new Field("x", ArrowType.Int32, true, [new("a", "1"), new("b", "2")]);
        Assert.Equal(["b", "a"], a.Metadata.Keys);
        Assert.Equal(a, b);
        Assert.NotEqual(a, b.WithMetadata([new("a", "1")]));
        Assert.True(a.EqualsIgnoringMetadata(b.WithMetadata(null)));
        var schema = new Schema([a], [new("k", "v")]);
        Assert.Equal(schema, new Schema([b], [new("k", "v")]));
        Assert.NotEqual(schema, schema.WithMetadata(null));
        Assert.Equal(0, schema.GetFieldIndex("x"));
        Assert.Throws<KeyNotFoundException>(() => schema.GetField("y"));
    }
}
