using System.Globalization;
using System.Text;
using Ferry.Text.Numbers;
using Xunit;

namespace Ferry.Text.Tests.Numbers;

public sealed class Utf8NumberSingleTests
{
    private const int RandomPatterns = 500_000;

    // "F" writes up to 39 integer digits or a long run of fraction zeros: slow to format, so fewer samples.
    private const int FixedPointPatterns = 100_000;

    [Theory]
    [InlineData("0.1")]
    [InlineData("1e-45")]
    [InlineData("1.4e-45")]
    [InlineData("1.401298464324817e-45")]
    [InlineData("7e-46")]
    [InlineData("7.006492321624085e-46")]
    [InlineData("7.0064923216240862e-46")]
    [InlineData("2.1019476964872256e-45")]
    [InlineData("1.1754942e-38")]
    [InlineData("1.17549435e-38")]
    [InlineData("1.1754943508222875e-38")]
    [InlineData("3.4028235e38")]
    [InlineData("3.40282347e+38")]
    [InlineData("3.4028235677973366e38")]
    [InlineData("3.4028235677973367e38")]
    [InlineData("3.4028236e38")]
    [InlineData("1e39")]
    [InlineData("-1e39")]
    [InlineData("16777217")]
    [InlineData("16777219")]
    [InlineData("33554434")]
    [InlineData("8388608.5")]
    [InlineData("8388609.5")]
    [InlineData("1.000000059604644775390625")]
    [InlineData("1.000000059604644775390626")]
    [InlineData("1.0000000596046447753906249999999999999999999")]
    [InlineData("0.000000000000000000000000000000000000000000001")]
    [InlineData("100000000000000000000000000000000000000000000000000")]
    [InlineData("00000000000000000000001.5")]
    [InlineData("1.00000000000000000000000000000000000000001")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("0.30000001192092896")]
    [InlineData("-0.030531855300068855")]
    [InlineData("0.0014882693067193031")]
    [InlineData("4.9406564584124654e-324")]
    [InlineData("0e999999")]
    [InlineData("1e999999")]
    [InlineData("1e-999999")]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("16777216")]
    [InlineData("9999999999999999999")]
    [InlineData("18446744073709551615")]
    [InlineData("18446744073709551616")]
    [InlineData("3.402823466385288598117041834845169e38")]
    [InlineData("1.175494350822287507968736537222245677819e-38")]
    [InlineData("0.000000000000000000000000000000000000011754943508222875079687365372222456778186655567720875215087517062784172594547271728515625")]
    [InlineData("7.038531e-26")]
    [InlineData("1e10")]
    [InlineData("1e11")]
    [InlineData("1e-10")]
    [InlineData("1e-11")]
    [InlineData("16777216e10")]
    [InlineData("16777217e-10")]
    public void TryParseSingle_HardCase_MatchesRuntimeBitForBit(string text)
    {
        AssertSameAsRuntime(Encoding.UTF8.GetBytes(text));
    }

    [Theory]
    [InlineData("R")]
    [InlineData("E9")]
    [InlineData("F")]
    [InlineData("G9")]
    [InlineData("E3")]
    public void TryParseSingle_RandomBitPatternsFormatted_MatchRuntimeBitForBit(string format)
    {
        var random = new Random(format.GetHashCode(StringComparison.Ordinal) ^ 0x5eed);
        Span<byte> buffer = stackalloc byte[128];
        int patterns = format == "F" ? FixedPointPatterns : RandomPatterns;
        for (int n = 0; n < patterns; n++)
        {
            float value = BitConverter.UInt32BitsToSingle((uint)random.NextInt64(0, 1L << 32));
            if (!float.IsFinite(value))
            {
                continue;
            }

            Assert.True(value.TryFormat(buffer, out int written, format, CultureInfo.InvariantCulture));
            AssertSameAsRuntime(buffer[..written]);
        }
    }

    [Fact]
    public void TryParseSingle_DoubleShortestOfFloatValues_MatchRuntimeBitForBit()
    {
        // JSON.stringify of a Float32Array value: the shortest double spelling, 16-17 digits (the benchmark corpus).
        var random = new Random(42);
        Span<byte> buffer = stackalloc byte[64];
        for (int n = 0; n < RandomPatterns; n++)
        {
            float value = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 8)));
            Assert.True(((double)value).TryFormat(buffer, out int written, "R", CultureInfo.InvariantCulture));
            ReadOnlySpan<byte> text = buffer[..written];
            AssertSameAsRuntime(text);
            Assert.True(Utf8Number.TryParseSingle(text, out float parsed, out _));
            Assert.Equal(BitConverter.SingleToInt32Bits(value), BitConverter.SingleToInt32Bits(parsed));
        }
    }

    [Fact]
    public void TryParseSingle_RandomDecimalStrings_MatchRuntimeBitForBit()
    {
        // Random digit strings of 1-45 digits with a point anywhere and exponents around the float range:
        // exercises truncation beyond 19 digits, leading zeros, subnormals and overflow.
        var random = new Random(7);
        var text = new StringBuilder();
        for (int n = 0; n < RandomPatterns; n++)
        {
            text.Clear();
            if (random.Next(2) == 0)
            {
                text.Append('-');
            }

            int digits = random.Next(1, 46);
            int point = random.Next(-1, digits + 1);
            for (int d = 0; d < digits; d++)
            {
                if (d == point)
                {
                    text.Append('.');
                }

                text.Append((char)('0' + (d == 0 && random.Next(4) != 0 ? random.Next(1, 10) : random.Next(10))));
            }

            if (random.Next(3) != 0)
            {
                text.Append('e').Append(random.Next(-75, 55).ToString(CultureInfo.InvariantCulture));
            }

            AssertSameAsRuntime(Encoding.UTF8.GetBytes(text.ToString()));
        }
    }

    [Fact]
    public void TryParseSingle_NearMidpoints_RoundsOnceToNearestEven()
    {
        // Independent of the runtime parser: the exact decimal value of the midpoint between two neighbouring
        // floats, and the same value nudged up and down far below double precision. Parsing these through
        // double first rounds to the midpoint, then ties-to-even in the cast: the double-rounding trap.
        var random = new Random(11);
        int doubleRoundingTraps = 0;
        for (int n = 0; n < 20_000; n++)
        {
            uint bits = n switch
            {
                0 => 0x7F7F_FFFF, // float.MaxValue: its upper midpoint is the overflow threshold
                1 => 0x0000_0000,
                2 => 0x007F_FFFF, // largest subnormal
                _ => (uint)random.Next(0, 0x7F7F_FFFF),
            };
            float lower = BitConverter.UInt32BitsToSingle(bits);
            float upper = BitConverter.UInt32BitsToSingle(bits + 1);
            float even = (bits & 1) == 0 ? lower : upper;
            (var mantissa, int exponent) = ExactDecimal.Decompose(lower);
            var twiceMid = (mantissa * 2) + 1;
            int midExponent = exponent - 1;

            AssertParsesTo(ExactDecimal.Of(twiceMid, midExponent), even);
            AssertParsesTo(ExactDecimal.Of(twiceMid, midExponent, nudge: -1), lower);
            string above = ExactDecimal.Of(twiceMid, midExponent, nudge: +1);
            AssertParsesTo(above, upper);
            if (!even.Equals(upper) && (float)double.Parse(above, CultureInfo.InvariantCulture) != upper)
            {
                doubleRoundingTraps++;
            }
        }

        // Proof that the cases above have teeth: parsing through double gets about half of the "above" cases wrong.
        Assert.True(doubleRoundingTraps > 1000, $"only {doubleRoundingTraps} double-rounding traps");
    }

    [Theory]
    [InlineData("nan", float.NaN, 3)]
    [InlineData("NaN", float.NaN, 3)]
    [InlineData("-NaN", float.NaN, 4)]
    [InlineData("Infinity", float.PositiveInfinity, 8)]
    [InlineData("+Infinity", float.PositiveInfinity, 9)]
    [InlineData("-Infinity", float.NegativeInfinity, 9)]
    [InlineData("INF", float.PositiveInfinity, 3)]
    [InlineData("-inf", float.NegativeInfinity, 4)]
    [InlineData("infinite", float.PositiveInfinity, 3)]
    [InlineData("1.5,2", 1.5f, 3)]
    [InlineData("1.5]", 1.5f, 3)]
    [InlineData("1e", 1f, 1)]
    [InlineData("1e+", 1f, 1)]
    [InlineData("1E+2x", 100f, 4)]
    [InlineData("1.e1", 10f, 4)]
    [InlineData("1.", 1f, 2)]
    [InlineData(".5", 0.5f, 2)]
    [InlineData("-.5", -0.5f, 3)]
    [InlineData("+1", 1f, 2)]
    [InlineData("007", 7f, 3)]
    [InlineData("2.5e-3 ", 0.0025f, 6)]
    public void TryParseSingle_Literal_ValueAndBytesConsumed(string text, float expected, int expectedConsumed)
    {
        Assert.True(Utf8Number.TryParseSingle(Encoding.UTF8.GetBytes(text), out float value, out int consumed));
        Assert.Equal(expectedConsumed, consumed);
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("+")]
    [InlineData(".")]
    [InlineData("-.")]
    [InlineData("e5")]
    [InlineData("abc")]
    [InlineData(" 1")]
    [InlineData("in")]
    [InlineData("na")]
    [InlineData("--1")]
    [InlineData("0x1p3")]
    public void TryParseSingle_NotANumber_ReturnsFalseAndConsumesNothing(string text)
    {
        bool parsed = Utf8Number.TryParseSingle(Encoding.UTF8.GetBytes(text), out float value, out int consumed);
        if (text == "0x1p3")
        {
            // "0" is a number; the scanner stops at 'x'.
            Assert.True(parsed);
            Assert.Equal(1, consumed);
            Assert.Equal(0f, value);
            return;
        }

        Assert.False(parsed);
        Assert.Equal(0, consumed);
    }

    [Fact]
    public void TryParseSingle_NegativeZero_KeepsSign()
    {
        Assert.True(Utf8Number.TryParseSingle("-0.000"u8, out float value, out _));
        Assert.True(float.IsNegative(value));
        Assert.Equal(0f, value);
    }

    [Fact]
    public void TryParseSingle_VeryLongMantissa_ParsesExactly()
    {
        string text = "0." + new string('3', 5000) + "e1";
        AssertSameAsRuntime(Encoding.UTF8.GetBytes(text));
        string tie = "16777217." + new string('0', 3000) + "1";
        AssertParsesTo(tie, 16777218f);
    }

    private static void AssertParsesTo(string text, float expected)
    {
        Assert.True(Utf8Number.TryParseSingle(Encoding.UTF8.GetBytes(text), out float value, out int consumed), text);
        Assert.Equal(text.Length, consumed);
        if (BitConverter.SingleToInt32Bits(expected) != BitConverter.SingleToInt32Bits(value))
        {
            Assert.Fail($"'{text}' parsed to {value:R} (0x{BitConverter.SingleToInt32Bits(value):X8}), expected {expected:R} (0x{BitConverter.SingleToInt32Bits(expected):X8})");
        }
    }

    private static void AssertSameAsRuntime(ReadOnlySpan<byte> text)
    {
        float expected = float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        bool ok = Utf8Number.TryParseSingle(text, out float value, out int consumed);
        if (!ok || consumed != text.Length || BitConverter.SingleToInt32Bits(expected) != BitConverter.SingleToInt32Bits(value))
        {
            Assert.Fail($"'{Encoding.UTF8.GetString(text)}': ok={ok} consumed={consumed}/{text.Length} value={value:R} (0x{BitConverter.SingleToInt32Bits(value):X8}) runtime={expected:R} (0x{BitConverter.SingleToInt32Bits(expected):X8})");
        }
    }
}
