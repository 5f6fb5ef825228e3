using System.Numerics;
using Xunit;

namespace Ferry.Arrow.Tests.Builders;

public class BuilderTests
{
    [Fact]
    public void PrimitiveArrayBuilder_NoNulls_HasNoValidityBitmap()
    {
        var b = new PrimitiveArrayBuilder<int>(ArrowType.Int32);
        b.AppendRange([1, 2, 3]);
        b.Append(4);
        var a = (PrimitiveArray<int>)b.Build();
        Assert.True(a.Validity.IsEmpty);
        Assert.Equal(0, a.NullCount);
        Assert.Equal([1, 2, 3, 4], a.Values.ToArray());
    }

    [Fact]
    public void PrimitiveArrayBuilder_NullsAfterValues_MarksOnlyThoseSlots()
    {
        var b = new PrimitiveArrayBuilder<double>(ArrowType.Float64);
        for (var i = 0; i < 13; i++)
        {
            b.Append(i);
        }

        b.AppendNull();
        b.Append((double?)null);
        b.AppendRange([20, 21]);
        var a = (PrimitiveArray<double>)b.Build();
        Assert.Equal(17, a.Length);
        Assert.Equal(2, a.NullCount);
        for (var i = 0; i < a.Length; i++)
        {
            Assert.Equal(i is 13 or 14, a.IsNull(i));
        }

        Assert.Null(a.GetNullableValue(13));
        Assert.Equal(21, a[16]);
    }

    [Fact]
    public void PrimitiveArrayBuilder_IncompatibleType_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PrimitiveArrayBuilder<int>(ArrowType.Int64));
        Assert.Throws<ArgumentException>(() => new PrimitiveArrayBuilder<byte>(ArrowType.Boolean));
        Assert.Throws<ArgumentException>(() => new PrimitiveArrayBuilder<long>(ArrowType.Utf8));
    }

    [Fact]
    public void Build_CalledTwice_SecondArrayIsIndependent()
    {
        var b = new StringArrayBuilder();
        b.Append("first");
        var first = (StringArray)b.Build();
        b.Append("second");
        b.Append("third");
        var second = (StringArray)b.Build();
        Assert.Equal(1, first.Length);
        Assert.Equal("first", first.GetString(0));
        Assert.Equal("second", second.GetString(0));
        Assert.Equal("third", second.GetString(1));
        Assert.Equal(0, b.Length);
    }

    [Fact]
    public void BooleanArrayBuilder_ManyValuesAndNulls_RoundTripsEveryBit()
    {
        var random = new Random(3);
        var expected = new bool?[1003];
        var b = new BooleanArrayBuilder();
        for (var i = 0; i < expected.Length; i++)
        {
            expected[i] = random.Next(5) == 0 ? null : random.Next(2) == 1;
            b.Append(expected[i]);
        }

        var a = (BooleanArray)b.Build();
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], a.GetNullableValue(i));
        }
    }

    [Fact]
    public void StringArrayBuilder_Utf16AndUtf8Paths_ProduceSameBytes()
    {
        var longText = new string('é', 2000) + "漢字🙂";
        var b = new StringArrayBuilder(ArrowType.LargeUtf8);
        b.Append("plain");
        b.Append(longText);
        b.AppendUtf8("plain"u8);
        b.Append(string.Empty);
        b.Append((string?)null);
        b.Append("\ud800x"); // lone surrogate
        var a = (StringArray)b.Build();
        Assert.True(a.IsLarge);
        Assert.Equal("plain", a.GetString(0));
        Assert.Equal(longText, a.GetString(1));
        Assert.True(a.GetBytes(0).SequenceEqual(a.GetBytes(2)));
        Assert.Equal(string.Empty, a.GetString(3));
        Assert.Null(a.GetString(4));
        Assert.Equal("\ufffdx", a.GetString(5));
        Assert.Equal(6, a.LargeValueOffsets.Length - 1);
    }

    [Fact]
    public void FixedSizeListArrayBuilder_Vectors_AppendAsBulkCopies()
    {
        var type = new FixedSizeListType(new Field("item", ArrowType.Float32), 3);
        var b = new FixedSizeListArrayBuilder(type);
        b.Append<float>([1, 2, 3]);
        b.AppendNull();
        b.AppendRange<float>([4, 5, 6, 7, 8, 9]);
        b.Append();
        b.GetValueBuilder<PrimitiveArrayBuilder<float>>().AppendRange([10, 11, 12]);
        var a = (FixedSizeListArray)b.Build();
        Assert.Equal(5, a.Length);
        Assert.True(a.IsNull(1));
        Assert.Equal(0, a.Values.NullCount); // placeholders under the null slot are zeros, not nulls
        Assert.Equal([4f, 5, 6], a.GetValues<float>(2).ToArray());
        Assert.Equal([10f, 11, 12], a.GetValues<float>(4).ToArray());
        Assert.Equal(15, a.GetAllValues<float>().Length);
    }

    [Fact]
    public void FixedSizeListArrayBuilder_WrongSizes_Throw()
    {
        var b = new FixedSizeListArrayBuilder(new FixedSizeListType(new Field("item", ArrowType.Float32), 3));
        Assert.Throws<ArgumentException>(() => b.Append<float>([1, 2]));
        Assert.Throws<ArgumentException>(() => b.AppendRange<float>([1, 2, 3, 4]));
        Assert.Throws<InvalidOperationException>(() => b.Append<double>([1, 2, 3]));
        b.Append();
        b.GetValueBuilder<PrimitiveArrayBuilder<float>>().Append(1);
        Assert.Throws<InvalidOperationException>(() => b.Build());
    }

    [Fact]
    public void ListArrayBuilder_NestedLists_BuildsOffsets()
    {
        var type = new ListType(new Field("item", ArrowType.List(ArrowType.Int32)));
        var b = new ListArrayBuilder(type);
        var inner = b.GetValueBuilder<ListArrayBuilder>();
        var ints = inner.GetValueBuilder<PrimitiveArrayBuilder<int>>();
        b.Append();            // [[1, 2], []]
        inner.Append();
        ints.AppendRange([1, 2]);
        inner.AppendEmptyValues(1);
        b.AppendNull();        // null
        b.Append();            // []
        b.Append();            // [null, [3]]
        inner.AppendNull();
        inner.Append();
        ints.Append(3);
        var a = (ListArray)b.Build();
        Assert.Equal([0, 2, 2, 2, 4], a.ValueOffsets.ToArray());
        Assert.True(a.IsNull(1));
        var innerArray = (ListArray)a.Values;
        Assert.Equal([0, 2, 2, 2, 3], innerArray.ValueOffsets.ToArray());
        Assert.True(innerArray.IsNull(2));
    }

    [Fact]
    public void StructArrayBuilder_NullRow_FillsChildren_AndMissingValueThrows()
    {
        var type = ArrowType.Struct(new Field("a", ArrowType.Int32), new Field("b", ArrowType.Utf8, false));
        var b = new StructArrayBuilder(type);
        b.Append();
        b.GetFieldBuilder<PrimitiveArrayBuilder<int>>(0).Append(1);
        b.GetFieldBuilder<StringArrayBuilder>(1).Append("x");
        b.AppendNull();
        var a = (StructArray)b.Build();
        Assert.Equal(2, a.Length);
        Assert.True(a.IsNull(1));
        Assert.Equal(2, a.GetChild("b").Length);
        Assert.Equal(string.Empty, ((StringArray)a.GetChild(1)).GetString(1));

        b.Append();
        b.GetFieldBuilder<PrimitiveArrayBuilder<int>>(0).Append(1);
        Assert.Throws<InvalidOperationException>(() => b.Build());
    }

    [Fact]
    public void MapArrayBuilder_Entries_BuildKeysAndItems()
    {
        var b = new MapArrayBuilder(ArrowType.Map(ArrowType.Utf8, ArrowType.Int64));
        b.Append();
        b.GetKeyBuilder<StringArrayBuilder>().Append("a");
        b.GetValueBuilder<PrimitiveArrayBuilder<long>>().Append(1);
        b.GetKeyBuilder<StringArrayBuilder>().Append("b");
        b.GetValueBuilder<PrimitiveArrayBuilder<long>>().AppendNull();
        b.AppendNull();
        b.AppendEmptyValues(1);
        var a = (MapArray)b.Build();
        Assert.Equal(3, a.Length);
        Assert.Equal(2, a.GetValueLength(0));
        Assert.Equal("b", ((StringArray)a.Keys).GetString(1));
        Assert.True(a.Items.IsNull(1));
        Assert.True(a.IsNull(1));
        Assert.Equal(0, a.GetValueLength(2));

        b.Append();
        b.GetKeyBuilder<StringArrayBuilder>().Append("k");
        Assert.Throws<InvalidOperationException>(() => b.Build());
    }

    [Fact]
    public void MapArrayBuilder_NullKey_BuildThrows()
    {
        var b = new MapArrayBuilder(ArrowType.Map(ArrowType.Utf8, ArrowType.Int64));
        b.Append();
        b.GetKeyBuilder<StringArrayBuilder>().Append((string?)null);
        b.GetValueBuilder<PrimitiveArrayBuilder<long>>().Append(1);
        Assert.Throws<InvalidOperationException>(() => b.Build());
    }

    [Fact]
    public void StringDictionaryArrayBuilder_RepeatedValues_AreStoredOnce()
    {
        var b = new StringDictionaryArrayBuilder();
        foreach (var s in new[] { "en", "fr", "en", null, "de", "fr" })
        {
            b.Append(s);
        }

        var a = (DictionaryArray)b.Build();
        var dictionary = (StringArray)a.Dictionary;
        Assert.Equal(3, dictionary.Length);
        Assert.Equal([0L, 1, 0, 0, 2, 1], Enumerable.Range(0, 6).Select(i => a.IsNull(i) ? 0 : a.GetIndex(i)).ToArray());
        Assert.True(a.IsNull(3));
        Assert.Equal("de", dictionary.GetString((int)a.GetIndex(4)));

        b.Append("it");
        var next = (DictionaryArray)b.Build();
        Assert.Equal(4, next.Dictionary.Length);
        Assert.Equal(3, a.Dictionary.Length); // the earlier snapshot is unchanged
    }

    [Fact]
    public void StringDictionaryArrayBuilder_Int8Indices_OverflowAfter128Values()
    {
        var b = new StringDictionaryArrayBuilder(ArrowType.Dictionary(ArrowType.Int8, ArrowType.Utf8));
        for (var i = 0; i < 128; i++)
        {
            b.Append("v" + i);
        }

        b.Append("v0");
        Assert.Throws<OverflowException>(() => b.Append("v128"));
    }

    [Fact]
    public void StringDictionaryArrayBuilder_ManyValues_HashTableStaysCorrect()
    {
        var b = new StringDictionaryArrayBuilder();
        for (var i = 0; i < 20_000; i++)
        {
            b.Append("value-" + (i % 5000));
        }

        var a = (DictionaryArray)b.Build();
        Assert.Equal(5000, a.Dictionary.Length);
        var dictionary = (StringArray)a.Dictionary;
        for (var i = 0; i < 20_000; i += 997)
        {
            Assert.Equal("value-" + (i % 5000), dictionary.GetString((int)a.GetIndex(i)));
        }
    }

    [Fact]
    public void DecimalArrayBuilder_Values_AreRescaledExactly()
    {
        var b = new DecimalArrayBuilder(new DecimalType(9, 2));
        b.Append(1.5m);
        b.Append(-0.05m);
        b.Append(1234567.00m);
        b.Append((decimal?)null);
        b.AppendUnscaled(-999_999_999);
        var a = (DecimalArray)b.Build();
        Assert.Equal(new BigInteger(150), a.GetUnscaledValue(0));
        Assert.Equal("1.50", a.GetString(0));
        Assert.Equal("-0.05", a.GetString(1));
        Assert.Equal(-0.05m, a.GetDecimal(1));
        Assert.Equal("1234567.00", a.GetString(2));
        Assert.Null(a.GetString(3));
        Assert.Equal("-9999999.99", a.GetString(4));

        Assert.Throws<ArgumentException>(() => b.Append(0.001m));
        Assert.Throws<OverflowException>(() => b.Append(10_000_000m));
    }

    [Fact]
    public void DecimalArrayBuilder_Decimal256_HoldsSeventySixDigits()
    {
        var b = new DecimalArrayBuilder(new DecimalType(76, 0, 256));
        var big = BigInteger.Pow(10, 76) - 1;
        b.AppendUnscaled(big);
        b.AppendUnscaled(-big);
        var a = (DecimalArray)b.Build();
        Assert.Equal(big, a.GetUnscaledValue(0));
        Assert.Equal(-big, a.GetUnscaledValue(1));
        Assert.Throws<OverflowException>(() => a.GetDecimal(0));
    }

    [Fact]
    public void RecordBatchBuilder_UnevenColumns_Throws()
    {
        var b = new RecordBatchBuilder(new Schema([new Field("a", ArrowType.Int32), new Field("b", ArrowType.Utf8)]));
        b.Column<PrimitiveArrayBuilder<int>>("a").Append(1);
        Assert.Throws<InvalidOperationException>(() => b.Build());
        Assert.Throws<KeyNotFoundException>(() => b.Column<StringArrayBuilder>("zzz"));
    }

    [Fact]
    public void Create_EveryBuildableType_BuildsArrayOfThatType()
    {
        foreach (var field in Support.SampleData.AllTypesSchema().Fields)
        {
            var builder = ArrowArrayBuilder.Create(field.Type, 4);
            builder.AppendNull();
            builder.AppendEmptyValues(2);
            var array = builder.Build();
            Assert.Equal(field.Type, array.Type);
            Assert.Equal(3, array.Length);
            Assert.True(array.IsNull(0));
        }

        var general = ArrowType.Dictionary(ArrowType.Int32, ArrowType.Int64);
        Assert.Throws<NotSupportedException>(() => ArrowArrayBuilder.Create(general));
    }
}
