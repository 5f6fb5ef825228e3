using System.Globalization;
using System.Text;
using Ferry.Text.Numbers;
using Xunit;

namespace Ferry.Text.Tests.Numbers;

public sealed class Utf8NumberDoubleTests
{
    private const int RandomPatterns = 250_000;

    [Theory]
    [InlineData("0.1")]
    [InlineData("1e23")]
    [InlineData("8.41e21")]
    [InlineData("9007199254740993")]
    [InlineData("9007199254740995")]
    [InlineData("2.2250738585072011e-308")]
    [InlineData("2.2250738585072012e-308")]
    [InlineData("2.2250738585072014e-308")]
    [InlineData("4.9e-324")]
    [InlineData("2.4703282292062327e-324")]
    [InlineData("2.4703282292062328e-324")]
    [InlineData("1.7976931348623157e308")]
    [InlineData("1.7976931348623158e308")]
    [InlineData("1.7976931348623159e308")]
    [InlineData("1e309")]
    [InlineData("1e-400")]
    [InlineData("-0")]
    [InlineData("123456789012345678901234567890e-20")]
    [InlineData("0.30000000000000004")]
    [InlineData("-0.030531855300068855")]
    [InlineData("7.2057594037927933e16")]
    [InlineData("1.00000000000000011102230246251565404236316680908203125")]
    [InlineData("1.00000000000000011102230246251565404236316680908203124")]
    [InlineData("1.00000000000000011102230246251565404236316680908203126")]
    public void TryParseDouble_HardCase_MatchesRuntimeBitForBit(string text)
    {
        AssertSameAsRuntime(Encoding.UTF8.GetBytes(text));
    }

    [Theory]
    [InlineData("R")]
    [InlineData("E16")]
    [InlineData("G17")]
    [InlineData("E5")]
    public void TryParseDouble_RandomBitPatternsFormatted_MatchRuntimeBitForBit(string format)
    {
        var random = new Random(format.Length * 97 + format[^1]);
        Span<byte> buffer = stackalloc byte[64];
        for (int n = 0; n < RandomPatterns; n++)
        {
            double value = BitConverter.UInt64BitsToDouble((ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63));
            if (!double.IsFinite(value))
            {
                continue;
            }

            Assert.True(value.TryFormat(buffer, out int written, format, CultureInfo.InvariantCulture));
            AssertSameAsRuntime(buffer[..written]);
            if (format == "R")
            {
                Assert.True(Utf8Number.TryParseDouble(buffer[..written], out double back, out _));
                Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(back));
            }
        }
    }

    [Fact]
    public void TryParseDouble_RandomDecimalStrings_MatchRuntimeBitForBit()
    {
        var random = new Random(8);
        var text = new StringBuilder();
        for (int n = 0; n < RandomPatterns; n++)
        {
            text.Clear();
            int digits = random.Next(1, 40);
            int point = random.Next(-1, digits + 1);
            for (int d = 0; d < digits; d++)
            {
                if (d == point)
                {
                    text.Append('.');
                }

                text.Append((char)('0' + random.Next(10)));
            }

            text.Append('e').Append(random.Next(-345, 330).ToString(CultureInfo.InvariantCulture));
            AssertSameAsRuntime(Encoding.UTF8.GetBytes(text.ToString()));
        }
    }

    [Fact]
    public void TryParseDouble_NearMidpoints_RoundsToNearestEven()
    {
        var random = new Random(12);
        for (int n = 0; n < 10_000; n++)
        {
            ulong bits = n switch
            {
                0 => 0x7FEF_FFFF_FFFF_FFFF, // double.MaxValue
                1 => 0,
                2 => 0x000F_FFFF_FFFF_FFFF,
                _ => (ulong)random.NextInt64(0, 0x7FEF_FFFF_FFFF_FFFF),
            };
            double lower = BitConverter.UInt64BitsToDouble(bits);
            double upper = BitConverter.UInt64BitsToDouble(bits + 1);
            double even = (bits & 1) == 0 ? lower : upper;
            (var mantissa, int exponent) = ExactDecimal.Decompose(lower);
            var twiceMid = (mantissa * 2) + 1;
            AssertParsesTo(ExactDecimal.Of(twiceMid, exponent - 1), even);
            AssertParsesTo(ExactDecimal.Of(twiceMid, exponent - 1, nudge: -1), lower);
            AssertParsesTo(ExactDecimal.Of(twiceMid, exponent - 1, nudge: +1), upper);
        }
    }

    [Fact]
    public void TryParseDouble_Specials_ParseAndConsume()
    {
        Assert.True(Utf8Number.TryParseDouble("-Infinity,"u8, out double value, out int consumed));
        Assert.Equal(double.NegativeInfinity, value);
        Assert.Equal(9, consumed);
        Assert.True(Utf8Number.TryParseDouble("NaN"u8, out value, out _));
        Assert.True(double.IsNaN(value));
        Assert.False(Utf8Number.TryParseDouble("x"u8, out _, out consumed));
        Assert.Equal(0, consumed);
    }

    private static void AssertParsesTo(string text, double expected)
    {
        Assert.True(Utf8Number.TryParseDouble(Encoding.UTF8.GetBytes(text), out double value, out int consumed), text);
        Assert.Equal(text.Length, consumed);
        if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(value))
        {
            Assert.Fail($"'{text}' parsed to {value:R}, expected {expected:R}");
        }
    }

    private static void AssertSameAsRuntime(ReadOnlySpan<byte> text)
    {
        double expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        bool ok = Utf8Number.TryParseDouble(text, out double value, out int consumed);
        if (!ok || consumed != text.Length || BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(value))
        {
            Assert.Fail($"'{Encoding.UTF8.GetString(text)}': ok={ok} consumed={consumed}/{text.Length} value={value:R} runtime={expected:R}");
        }
    }
}
