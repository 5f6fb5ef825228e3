using Ferry.Arrow.Tests.Support;
using Xunit;

namespace Ferry.Arrow.Tests.Arrays;

public class ConcatenateTests
{
    [Theory]
    [InlineData(new[] { 1000 })]
    [InlineData(new[] { 3, 7, 490, 500 })]
    [InlineData(new[] { 1, 1, 1, 5, 9, 13, 970 })]
    [InlineData(new[] { 0, 500, 0, 500 })]
    public void Concatenate_SlicesOfEveryType_EqualsTheWhole(int[] parts)
    {
        var whole = SampleData.AllTypesBatches(1000)[0];
        for (var c = 0; c < whole.ColumnCount; c++)
        {
            var column = whole.Column(c);
            var pieces = new List<ArrowArray>();
            var at = 0;
            foreach (var length in parts)
            {
                pieces.Add(column.Slice(at, length));
                at += length;
            }

            var joined = ArrowArray.Concatenate(pieces);
            Assert.True(ArrayEquality.Equals(column, joined), $"column {whole.Schema.Fields[c].Name} differs after joining {string.Join('+', parts)} rows");
        }
    }

    [Fact]
    public void Concatenate_TakesEveryBufferFromTheAllocator()
    {
        var whole = SampleData.AllTypesBatches(64)[0];
        var allocated = new List<byte[]>();
        Memory<byte> Allocate(int length)
        {
            var buffer = new byte[length];
            allocated.Add(buffer);
            return buffer;
        }

        var vectors = whole.Column("embedding");
        var joined = (FixedSizeListArray)ArrowArray.Concatenate([vectors.Slice(0, 10), vectors.Slice(10, 54)], Allocate);
        Assert.True(ArrayEquality.Equals(vectors, joined));
        var values = ((IPrimitiveArray)joined.Values).ValuesBuffer;
        Assert.Contains(allocated, buffer => values.Span.Overlaps(buffer));

        var text = (StringArray)ArrowArray.Concatenate([whole.Column("text").Slice(0, 33), whole.Column("text").Slice(33, 31)], Allocate);
        Assert.Contains(allocated, buffer => text.DataBuffer.Span.Overlaps(buffer));
        Assert.Contains(allocated, buffer => text.OffsetsBuffer.Span.Overlaps(buffer));
        Assert.Contains(allocated, buffer => text.Validity.Span.Overlaps(buffer));
    }

    [Fact]
    public void Concatenate_BadParts_AreRefused()
    {
        var whole = SampleData.AllTypesBatches(10)[0];
        Assert.Throws<ArgumentException>(() => ArrowArray.Concatenate([]));
        Assert.Throws<ArgumentException>(() => ArrowArray.Concatenate([whole.Column("i32"), whole.Column("i64")]));

        var a = new StringDictionaryArrayBuilder();
        a.Append("x");
        var b = new StringDictionaryArrayBuilder();
        b.Append("y");
        var error = Assert.Throws<ArgumentException>(() => ArrowArray.Concatenate([a.Build(), b.Build()]));
        Assert.Contains("share one dictionary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Concatenate_OnePart_IsThatPart()
    {
        var column = SampleData.AllTypesBatches(10)[0].Column("id");
        Assert.Same(column, ArrowArray.Concatenate([column]));
    }
}
