using System.Globalization;
using System.Text;
using Ferry.Text.Numbers;
using Xunit;

namespace Ferry.Text.Tests.Numbers;

public sealed class Utf8NumberInt64Tests
{
    [Theory]
    [InlineData("0", 0L, 1)]
    [InlineData("-0", 0L, 2)]
    [InlineData("+7", 7L, 2)]
    [InlineData("42,", 42L, 2)]
    [InlineData("12.5", 12L, 2)]
    [InlineData("1e3", 1L, 1)]
    [InlineData("9223372036854775807", long.MaxValue, 19)]
    [InlineData("-9223372036854775808", long.MinValue, 20)]
    [InlineData("00000000000000000000000042", 42L, 26)]
    [InlineData("-0000000000000000000009223372036854775808", long.MinValue, 41)]
    [InlineData("1234567890123456789]", 1234567890123456789L, 19)]
    public void TryParseInt64_Valid_ValueAndBytesConsumed(string text, long expected, int expectedConsumed)
    {
        Assert.True(Utf8Number.TryParseInt64(Encoding.UTF8.GetBytes(text), out long value, out int consumed));
        Assert.Equal(expected, value);
        Assert.Equal(expectedConsumed, consumed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("+")]
    [InlineData("a1")]
    [InlineData(" 1")]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("18446744073709551615")]
    [InlineData("18446744073709551616")]
    [InlineData("99999999999999999999")]
    [InlineData("100000000000000000000000000000")]
    public void TryParseInt64_InvalidOrOverflow_ReturnsFalse(string text)
    {
        Assert.False(Utf8Number.TryParseInt64(Encoding.UTF8.GetBytes(text), out _, out int consumed));
        Assert.Equal(0, consumed);
    }

    [Fact]
    public void TryParseInt64_RandomValues_MatchLongParse()
    {
        var random = new Random(4);
        for (int n = 0; n < 200_000; n++)
        {
            long value = random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(64);
            string text = value.ToString(CultureInfo.InvariantCulture);
            Assert.True(Utf8Number.TryParseInt64(Encoding.UTF8.GetBytes(text), out long parsed, out int consumed));
            Assert.Equal(value, parsed);
            Assert.Equal(text.Length, consumed);
        }
    }
}
