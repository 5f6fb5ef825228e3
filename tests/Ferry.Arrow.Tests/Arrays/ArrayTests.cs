using Xunit;

namespace Ferry.Arrow.Tests.Arrays;

public class ArrayTests
{
    private static StringArray Strings(params string?[] values)
    {
        var b = new StringArrayBuilder();
        foreach (var v in values)
        {
            b.Append(v);
        }

        return (StringArray)b.Build();
    }

    [Fact]
    public void Slice_StringsAtBitOffset_RebasesOffsetsAndValidity()
    {
        var a = Strings("a", null, "ccc", "dd", null, "", "ggggg", "h", "i", null);
        var s = (StringArray)a.Slice(3, 6);
        Assert.Equal(["dd", null, "", "ggggg", "h", "i"], Enumerable.Range(0, 6).Select(s.GetString));
        Assert.Equal(1, s.NullCount);
        Assert.Equal(0, s.ValueOffsets[0]);
        Assert.Same(a, a.Slice(0, a.Length));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Slice(5, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Slice(-1, 2));
    }

    [Fact]
    public void Slice_ListsStructsAndDictionaries_KeepValues()
    {
        var lb = new ListArrayBuilder(ArrowType.List(ArrowType.Int32));
        var ints = lb.GetValueBuilder<PrimitiveArrayBuilder<int>>();
        for (var i = 0; i < 20; i++)
        {
            if (i % 3 == 0)
            {
                lb.AppendNull();
                continue;
            }

            lb.Append();
            for (var j = 0; j < i % 4; j++)
            {
                ints.Append((i * 10) + j);
            }
        }

        var list = (ListArray)lb.Build();
        var sliced = (ListArray)list.Slice(5, 9);
        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(list.IsNull(i + 5), sliced.IsNull(i));
            Assert.Equal(list.GetValueLength(i + 5), sliced.GetValueLength(i));
            var x = (PrimitiveArray<int>)list.Values.Slice(list.GetValueOffset(i + 5), list.GetValueLength(i + 5));
            var y = (PrimitiveArray<int>)sliced.Values.Slice(sliced.GetValueOffset(i), sliced.GetValueLength(i));
            Assert.Equal(x.Values.ToArray(), y.Values.ToArray());
        }

        var db = new StringDictionaryArrayBuilder();
        foreach (var s in new[] { "a", "b", null, "a", "c" })
        {
            db.Append(s);
        }

        var dict = (DictionaryArray)db.Build().Slice(2, 3);
        Assert.True(dict.IsNull(0));
        Assert.Equal("c", ((StringArray)dict.Dictionary).GetString((int)dict.GetIndex(2)));
    }

    [Fact]
    public void Constructors_InconsistentBuffers_Throw()
    {
        Assert.Throws<ArgumentException>(() => new PrimitiveArray<int>(ArrowType.Int64, new byte[80], 10));
        Assert.Throws<ArgumentException>(() => new PrimitiveArray<int>(ArrowType.Int32, new byte[39], 10));
        Assert.Throws<ArgumentException>(() => new PrimitiveArray<int>(ArrowType.Int32, new byte[40], 10, new byte[1]));
        Assert.Throws<ArgumentException>(() => new StringArray(ArrowType.Utf8, new byte[8], new byte[10], 2));
        Assert.Throws<ArgumentException>(() => new FixedSizeListArray(new FixedSizeListType(new Field("item", ArrowType.Float32), 4),
            new PrimitiveArray<float>(ArrowType.Float32, new byte[28], 7), 2));
        Assert.Throws<ArgumentException>(() => new FixedSizeListArray(new FixedSizeListType(new Field("item", ArrowType.Float32), 4),
            new PrimitiveArray<int>(ArrowType.Int32, new byte[32], 8), 2));
    }

    [Fact]
    public void PrimitiveArray_WrapsExistingMemory_WithoutCopy()
    {
        var bytes = new byte[16];
        BitConverter.TryWriteBytes(bytes.AsSpan(4), 2.5f);
        var a = new PrimitiveArray<float>(ArrowType.Float32, bytes, 4);
        Assert.Equal(2.5f, a.GetValue(1));
        BitConverter.TryWriteBytes(bytes.AsSpan(4), -1f);
        Assert.Equal(-1f, a.GetValue(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.GetValue(4));
    }

    [Fact]
    public void RecordBatch_ColumnsMustMatchSchema()
    {
        var schema = new Schema([new Field("a", ArrowType.Utf8), new Field("b", ArrowType.Int32)]);
        var ints = new PrimitiveArrayBuilder<int>(ArrowType.Int32);
        ints.AppendRange([1, 2]);
        var intArray = ints.Build();
        var strings = Strings("x", "y");
        Assert.Throws<ArgumentException>(() => new RecordBatch(schema, [intArray, strings], 2));
        Assert.Throws<ArgumentException>(() => new RecordBatch(schema, [strings], 2));
        Assert.Throws<ArgumentException>(() => new RecordBatch(schema, [strings, intArray], 3));
        var batch = new RecordBatch(schema, [strings, intArray], 2);
        Assert.Same(intArray, batch.Column("b"));
        Assert.Equal("y", batch.Column<StringArray>("a").GetString(1));
        Assert.Throws<KeyNotFoundException>(() => batch.Column("c"));
    }

    [Fact]
    public void NullCount_UnknownAtConstruction_IsCountedFromBitmap()
    {
        var a = new PrimitiveArray<byte>(ArrowType.UInt8, new byte[10], 10, new byte[] { 0b1010_1010, 0b11 });
        Assert.Equal(4, a.NullCount);
        Assert.True(a.IsNull(0));
        Assert.True(a.IsValid(9));
    }
}
