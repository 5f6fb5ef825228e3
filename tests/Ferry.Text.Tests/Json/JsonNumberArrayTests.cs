using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ferry.Text.Json;
using Xunit;

namespace Ferry.Text.Tests.Json;

public sealed class JsonNumberArrayTests
{
    [Fact]
    public void ParseSingles_CorpusStyleLine_MatchesSystemTextJson()
    {
        var random = new Random(2);
        float[] values = Enumerable.Range(0, 384).Select(_ => (float)((random.NextDouble() - 0.5) / 10)).ToArray();
        // JSON.stringify of a Float32Array: shortest double spellings.
        string json = "[" + string.Join(",", values.Select(v => ((double)v).ToString("R", CultureInfo.InvariantCulture))) + "]";
        byte[] line = Encoding.UTF8.GetBytes("{\"id\":\"doc-1\",\"embedding\":" + json + ",\"x\":1}");
        int start = line.AsSpan().IndexOf((byte)'[');
        var destination = new float[384];
        int count = JsonNumberArray.ParseSingles(line.AsSpan(start), destination, out int consumed);
        Assert.Equal(384, count);
        Assert.Equal(json.Length, consumed);
        Assert.Equal((byte)',', line[start + consumed]);
        Assert.Equal(values, destination);
        Assert.Equal(JsonSerializer.Deserialize<float[]>(json), destination);
    }

    [Theory]
    [InlineData("[]", new float[0], 2)]
    [InlineData("  [ ]  ", new float[0], 5)]
    [InlineData("[1]", new[] { 1f }, 3)]
    [InlineData("[0.1,-2e-3, 4]", new[] { 0.1f, -2e-3f, 4f }, 14)]
    [InlineData("\n[\t1 ,\r\n 2\n]", new[] { 1f, 2f }, 12)]
    [InlineData("[+1,007,.5,5.]", new[] { 1f, 7f, 0.5f, 5f }, 14)]
    [InlineData("[1E+2,1e-2,1.5E2]", new[] { 100f, 0.01f, 150f }, 17)]
    [InlineData("[3.4028236e38,-1e39,1e-50]", new[] { float.PositiveInfinity, float.NegativeInfinity, 0f }, 26)]
    [InlineData("[\"1.5\", \"-2\"]", new[] { 1.5f, -2f }, 13)]
    public void ParseSingles_ValidArrays_Values(string text, float[] expected, int expectedConsumed)
    {
        var destination = new float[8];
        int count = JsonNumberArray.ParseSingles(Encoding.UTF8.GetBytes(text), destination, out int consumed);
        Assert.Equal(expected, destination[..count]);
        Assert.Equal(expectedConsumed, consumed);
    }

    [Fact]
    public void ParseSingles_SpecialLiterals_PythonAndSystemTextJsonSpellings()
    {
        var destination = new float[8];
        int count = JsonNumberArray.ParseSingles(
            "[NaN, Infinity, -Infinity, \"NaN\", \"Infinity\", \"-Infinity\", inf, -nan]"u8, destination, out _);
        Assert.Equal(8, count);
        Assert.True(float.IsNaN(destination[0]));
        Assert.Equal(float.PositiveInfinity, destination[1]);
        Assert.Equal(float.NegativeInfinity, destination[2]);
        Assert.True(float.IsNaN(destination[3]));
        Assert.Equal(float.PositiveInfinity, destination[4]);
        Assert.Equal(float.NegativeInfinity, destination[5]);
        Assert.Equal(float.PositiveInfinity, destination[6]);
        Assert.True(float.IsNaN(destination[7]));
    }

    [Theory]
    [InlineData("", Utf8ParseErrorKind.UnexpectedEnd, 0)]
    [InlineData("   ", Utf8ParseErrorKind.UnexpectedEnd, 3)]
    [InlineData("{1}", Utf8ParseErrorKind.ExpectedArrayStart, 0)]
    [InlineData("[1,2", Utf8ParseErrorKind.UnexpectedEnd, 4)]
    [InlineData("[1,", Utf8ParseErrorKind.UnexpectedEnd, 3)]
    [InlineData("[1,]", Utf8ParseErrorKind.ExpectedNumber, 3)]
    [InlineData("[,1]", Utf8ParseErrorKind.ExpectedNumber, 1)]
    [InlineData("[1 2]", Utf8ParseErrorKind.ExpectedSeparator, 3)]
    [InlineData("[1.5x]", Utf8ParseErrorKind.ExpectedSeparator, 4)]
    [InlineData("[1e]", Utf8ParseErrorKind.ExpectedSeparator, 2)]
    [InlineData("[0.1, null]", Utf8ParseErrorKind.NullValue, 6)]
    [InlineData("[\"abc\"]", Utf8ParseErrorKind.ExpectedNumber, 1)]
    [InlineData("[\"1.5]", Utf8ParseErrorKind.ExpectedNumber, 1)]
    [InlineData("[1,2,3,4,5,6,7,8,9]", Utf8ParseErrorKind.DestinationTooSmall, 17)]
    public void TryParseSingles_Malformed_ReportsKindAndByteOffset(string text, Utf8ParseErrorKind kind, int offset)
    {
        var destination = new float[8];
        Assert.False(JsonNumberArray.TryParseSingles(Encoding.UTF8.GetBytes(text), destination, out _, out int consumed, out Utf8ParseError error));
        Assert.Equal(kind, error.Kind);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(0, consumed);
        Assert.Contains($"byte {offset}", error.Message, StringComparison.Ordinal);

        var exception = Assert.Throws<Utf8FormatException>(() => JsonNumberArray.ParseSingles(Encoding.UTF8.GetBytes(text), destination, out _));
        Assert.Equal(offset, exception.Offset);
        Assert.Equal(kind, exception.Kind);
    }

    [Fact]
    public void ParseSingles_ErrorMessage_NamesWhatWasFound()
    {
        var exception = Assert.Throws<Utf8FormatException>(() => JsonNumberArray.ParseSingles("[1;2]"u8, new float[4], out _));
        Assert.Equal("Expected ',' or ']' at byte 2 but found ';'.", exception.Message);
        exception = Assert.Throws<Utf8FormatException>(() => JsonNumberArray.ParseSingles("[1,null]"u8, new float[4], out _));
        Assert.Contains("null", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseSingles_UnknownLength_AllocatesExactArray()
    {
        float[] values = JsonNumberArray.ParseSingles("[1,2,3] ,[4]"u8, out int consumed);
        Assert.Equal([1f, 2f, 3f], values);
        Assert.Equal(7, consumed);
        Assert.Empty(JsonNumberArray.ParseSingles("[ ]"u8, out _));
        Assert.Throws<Utf8FormatException>(() => JsonNumberArray.ParseSingles("[1,2"u8, out _));
    }

    [Fact]
    public void TryWriteSingles_RandomValues_RoundTripBitExact()
    {
        var random = new Random(6);
        float[] values = Enumerable.Range(0, 1000)
            .Select(_ => BitConverter.UInt32BitsToSingle((uint)random.NextInt64(0, 1L << 32)))
            .Where(float.IsFinite)
            .ToArray();
        var buffer = new byte[JsonNumberArray.GetMaxByteCount(values.Length)];
        Assert.True(JsonNumberArray.TryWriteSingles(values, buffer, out int written));
        var back = new float[values.Length];
        Assert.Equal(values.Length, JsonNumberArray.ParseSingles(buffer.AsSpan(0, written), back, out int consumed));
        Assert.Equal(written, consumed);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(values[i]), BitConverter.SingleToInt32Bits(back[i]));
        }

        // Standard JSON: System.Text.Json reads it too.
        Assert.Equal(values, JsonSerializer.Deserialize<float[]>(buffer.AsSpan(0, written)));
    }

    [Theory]
    [InlineData(NonFiniteNumberHandling.Literal, "[1,NaN,Infinity,-Infinity]")]
    [InlineData(NonFiniteNumberHandling.QuotedLiteral, "[1,\"NaN\",\"Infinity\",\"-Infinity\"]")]
    [InlineData(NonFiniteNumberHandling.Null, "[1,null,null,null]")]
    public void WriteSingles_NonFinite_SpelledAsAsked(NonFiniteNumberHandling handling, string expected)
    {
        var writer = new ArrayBufferWriter<byte>();
        JsonNumberArray.WriteSingles([1f, float.NaN, float.PositiveInfinity, float.NegativeInfinity], writer, handling);
        Assert.Equal(expected, Encoding.UTF8.GetString(writer.WrittenSpan));
    }

    [Fact]
    public void WriteSingles_NonFiniteWithThrow_NamesIndex()
    {
        var exception = Assert.Throws<ArgumentException>(() => JsonNumberArray.WriteSingles([1f, 2f, float.NaN], new ArrayBufferWriter<byte>()));
        Assert.Contains("values[2]", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryWriteSingles_SmallDestination_ReturnsFalse()
    {
        Assert.False(JsonNumberArray.TryWriteSingles([1.5f, 2.5f], new byte[6], out int written));
        Assert.Equal(0, written);
        Assert.True(JsonNumberArray.TryWriteSingles([1.5f, 2.5f], new byte[9], out written));
        Assert.Equal(9, written);
        Assert.True(JsonNumberArray.TryWriteSingles([], new byte[2], out written));
        Assert.Equal(2, written);
    }
}
