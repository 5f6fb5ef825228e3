using System.Text;
using Ferry.Sdk.Records;
using Xunit;

namespace Ferry.Sdk.Tests.Records;

public sealed class MetadataTextTests
{
    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(-2.5e-7, "-2.5E-07")]
    [InlineData(1e300, "1E+300")]
    [InlineData(123456789.0, "123456789.0")]
    [InlineData(double.MaxValue, "1.7976931348623157E+308")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void FormatFloat_Value_ShortestTextThatReadsBackAsAFloat(double value, string expected)
    {
        Assert.Equal(expected, MetadataText.FormatFloat(value));
        Span<byte> utf8 = stackalloc byte[MetadataText.MaxFloatLength];
        Assert.True(MetadataText.TryFormatFloat(value, utf8, out var written));
        Assert.Equal(expected, Encoding.UTF8.GetString(utf8[..written]));
        Assert.True(MetadataText.TryParseFloat(expected, out var back));
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(back));
    }

    [Fact]
    public void TryFormatFloat_DestinationTooSmall_ReturnsFalse()
    {
        Span<byte> small = stackalloc byte[3];
        Assert.False(MetadataText.TryFormatFloat(123.0, small, out var written));
        Assert.Equal(0, written);
        Assert.False(MetadataText.TryFormatFloat(0.125, small, out written));
        Assert.Equal(0, written);
    }

    [Theory]
    [InlineData(0x7FF8000000000ABCL, "0x7FF8000000000ABC")]
    [InlineData(unchecked((long)0x8000000000000000UL), "0x8000000000000000")]
    [InlineData(unchecked((long)0xFFF8000000000000UL), "0xFFF8000000000000")]
    [InlineData(0L, "0x0000000000000000")]
    public void FormatFloatBits_Bits_ZeroXAndSixteenHexDigitsThatParseBack(long bits, string expected)
    {
        var value = BitConverter.Int64BitsToDouble(bits);

        Assert.Equal(expected, MetadataText.FormatFloatBits(value));
        Assert.True(MetadataText.TryParseFloatBits(expected, out var back));
        Assert.Equal(bits, BitConverter.DoubleToInt64Bits(back));
        Assert.True(MetadataText.TryParseFloatBits("0X" + expected[2..].ToLowerInvariant(), out back));
        Assert.Equal(bits, BitConverter.DoubleToInt64Bits(back));
    }

    [Theory]
    [InlineData("0x7FF")]
    [InlineData("7FF8000000000ABC00")]
    [InlineData("0x7FF8000000000ABG")]
    [InlineData("")]
    public void TryParseFloatBits_NotSixteenHexDigits_ReturnsFalse(string text)
    {
        Assert.False(MetadataText.TryParseFloatBits(text, out _));
    }

    [Theory]
    [InlineData(".nan", double.NaN)]
    [InlineData(".inf", double.PositiveInfinity)]
    [InlineData("-.INF", double.NegativeInfinity)]
    [InlineData("+Infinity", double.PositiveInfinity)]
    [InlineData("-inf", double.NegativeInfinity)]
    [InlineData("1e2", 100.0)]
    public void TryParseFloat_OtherToolsSpellings_Parse(string text, double expected)
    {
        Assert.True(MetadataText.TryParseFloat(text, out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void FormatDecimal_NegativeZero_KeepsSignAndScale()
    {
        var negativeZero = new decimal(0, 0, 0, true, 2);

        Assert.Equal("-0.00", MetadataText.FormatDecimal(negativeZero));
        Assert.Equal("12.3400", MetadataText.FormatDecimal(12.3400m));
        Assert.True(MetadataText.TryParseDecimal("-0.00", out var back));
        Assert.True(decimal.IsNegative(back));
        Assert.Equal(decimal.GetBits(negativeZero), decimal.GetBits(back));
        Assert.True(MetadataText.TryParseDecimal("1.5E2", out var scaled));
        Assert.Equal(150m, scaled);
        Assert.False(MetadataText.TryParseDecimal("abc", out _));
    }

    [Fact]
    public void FormatTimestamp_OffsetAndTicks_RoundTripForm()
    {
        var value = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.FromMinutes(-570)).AddTicks(1234567);

        Assert.Equal("2024-05-01T10:00:00.1234567-09:30", MetadataText.FormatTimestamp(value));
        Assert.True(MetadataText.TryParseTimestamp(MetadataText.FormatTimestamp(value), out var back));
        Assert.True(value.EqualsExact(back));
    }

    [Theory]
    [InlineData("2024-05-01T10:00:00Z", "2024-05-01T10:00:00.0000000+00:00")]
    [InlineData(" 2024-05-01T10:00:00+02:00 ", "2024-05-01T10:00:00.0000000+02:00")]
    [InlineData("2024-05-01", "2024-05-01T00:00:00.0000000+00:00")]
    public void TryParseTimestamp_OtherIsoForms_NoOffsetMeansUtc(string text, string expected)
    {
        Assert.True(MetadataText.TryParseTimestamp(text, out var value));
        Assert.Equal(expected, MetadataText.FormatTimestamp(value));
    }

    [Theory]
    [InlineData("2024-05-01T10:00:00Z", true)]
    [InlineData("2024-05-01T10:00:00.1234567+02:00", true)]
    [InlineData("2024-05-01T10:00:00-07:30", true)]
    [InlineData("2024-13-45T99:99:99Z", true)]
    [InlineData("2024-05-01T10:00:00", false)]
    [InlineData("2024-05-01 10:00:00Z", false)]
    [InlineData("2024-05-01T10:00:00.Z", false)]
    [InlineData("2024-05-01T10:00:00+0200", false)]
    [InlineData("2024-05-01", false)]
    [InlineData("x2024-05-01T10:00:00Z", false)]
    [InlineData("2024-05-01T10:00:00.123456789012345678901Z", false)]
    public void LooksLikeTimestamp_Text_OnlyTheIsoDateTimeWithZone(string text, bool expected)
    {
        Assert.Equal(expected, MetadataText.LooksLikeTimestamp(text));
    }
}
