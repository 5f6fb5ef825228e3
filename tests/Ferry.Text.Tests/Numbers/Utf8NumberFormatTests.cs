using System.Globalization;
using System.Text;
using Ferry.Text.Numbers;
using Xunit;

namespace Ferry.Text.Tests.Numbers;

public sealed class Utf8NumberFormatTests
{
    [Theory]
    [InlineData(0.1f, "0.1")]
    [InlineData(-0f, "-0")]
    [InlineData(1e-45f, "1E-45")]
    [InlineData(3.4028235e38f, "3.4028235E+38")]
    [InlineData(1.17549435e-38f, "1.1754944E-38")]
    [InlineData(16777216f, "16777216")]
    [InlineData(-0.030531855f, "-0.030531855")]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    [InlineData(float.NegativeInfinity, "-Infinity")]
    public void TryFormatSingle_KnownValues_ShortestText(float value, string expected)
    {
        Span<byte> buffer = stackalloc byte[Utf8Number.MaxSingleLength];
        Assert.True(Utf8Number.TryFormatSingle(value, buffer, out int written));
        Assert.Equal(expected, Encoding.UTF8.GetString(buffer[..written]));
    }

    [Fact]
    public void TryFormatSingle_RandomBitPatterns_RoundTripAndAreShortest()
    {
        var random = new Random(21);
        Span<byte> buffer = stackalloc byte[Utf8Number.MaxSingleLength];
        for (int n = 0; n < 300_000; n++)
        {
            float value = BitConverter.UInt32BitsToSingle((uint)random.NextInt64(0, 1L << 32));
            if (float.IsNaN(value))
            {
                continue;
            }

            Assert.True(Utf8Number.TryFormatSingle(value, buffer, out int written));
            Assert.True(Utf8Number.TryParseSingle(buffer[..written], out float back, out int consumed));
            Assert.Equal(written, consumed);
            Assert.Equal(BitConverter.SingleToInt32Bits(value), BitConverter.SingleToInt32Bits(back));
            if (n % 16 == 0 && float.IsFinite(value) && value != 0)
            {
                // Shortest: one significant digit fewer never round-trips.
                int digits = SignificantDigits(buffer[..written]);
                if (digits > 1)
                {
                    string shorter = value.ToString("E" + (digits - 2), CultureInfo.InvariantCulture);
                    Assert.NotEqual(value, float.Parse(shorter, CultureInfo.InvariantCulture));
                }
            }
        }
    }

    [Fact]
    public void TryFormatSingle_RandomAndBoundaryBitPatterns_SameTextAsRuntime()
    {
        // The formatter was also compared with the runtime on all 2^32 bit patterns once (docs/performance.md);
        // this keeps a fast sample of it in the suite: random patterns plus the neighbourhoods of every power of
        // two (binade edges, where the rounding interval is asymmetric) and of powers of ten.
        var random = new Random(99);
        var patterns = new List<uint>();
        for (int n = 0; n < 600_000; n++)
        {
            patterns.Add((uint)random.NextInt64(0, 1L << 32));
        }

        for (uint exponent = 0; exponent < 256; exponent++)
        {
            for (uint delta = 0; delta < 4; delta++)
            {
                patterns.Add((exponent << 23) + delta);
                patterns.Add((exponent << 23) - delta - 1);
            }
        }

        for (int p = -45; p <= 38; p++)
        {
            uint bits = BitConverter.SingleToUInt32Bits(float.Parse("1e" + p, CultureInfo.InvariantCulture));
            for (uint delta = 0; delta < 3; delta++)
            {
                patterns.Add(bits + delta);
                patterns.Add(bits - delta);
            }
        }

        Span<byte> expected = stackalloc byte[32];
        Span<byte> actual = stackalloc byte[Utf8Number.MaxSingleLength];
        foreach (uint bits in patterns)
        {
            float value = BitConverter.UInt32BitsToSingle(bits);
            Assert.True(value.TryFormat(expected, out int expectedLength, default, CultureInfo.InvariantCulture));
            Assert.True(Utf8Number.TryFormatSingle(value, actual, out int written));
            if (!expected[..expectedLength].SequenceEqual(actual[..written]))
            {
                Assert.Fail($"0x{bits:X8}: runtime '{Encoding.UTF8.GetString(expected[..expectedLength])}', ours '{Encoding.UTF8.GetString(actual[..written])}'");
            }
        }
    }

    [Fact]
    public void TryFormatSingle_EveryShortDestination_ReturnsFalse()
    {
        foreach (float value in new[] { -1.2345678E-38f, -0.00012345678f, 123456790f, -3.4028235E+38f, float.NegativeInfinity, -0f })
        {
            string text = value.ToString(CultureInfo.InvariantCulture);
            for (int length = 0; length < text.Length; length++)
            {
                Assert.False(Utf8Number.TryFormatSingle(value, new byte[length], out int written));
                Assert.Equal(0, written);
            }

            Assert.True(Utf8Number.TryFormatSingle(value, new byte[text.Length], out int exact));
            Assert.Equal(text.Length, exact);
        }
    }

    [Fact]
    public void TryFormat_DestinationTooSmall_ReturnsFalse()
    {
        Assert.False(Utf8Number.TryFormatSingle(0.123456f, new byte[3], out _));
        Assert.False(Utf8Number.TryFormatDouble(0.1234567890123, new byte[5], out _));
        Span<byte> buffer = stackalloc byte[Utf8Number.MaxDoubleLength];
        Assert.True(Utf8Number.TryFormatDouble(-2.2250738585072014E-308, buffer, out int written));
        Assert.Equal("-2.2250738585072014E-308", Encoding.UTF8.GetString(buffer[..written]));
    }

    private static int SignificantDigits(ReadOnlySpan<byte> text)
    {
        int digits = 0;
        bool leading = true;
        foreach (byte b in text)
        {
            if (b == 'E')
            {
                break;
            }

            if (b is >= (byte)'0' and <= (byte)'9')
            {
                if (b != '0' || !leading)
                {
                    leading = false;
                    digits++;
                }
            }
        }

        // Trailing zeros of an integer written in full ("16777216", "1000") are not significant.
        for (int i = text.Length - 1; i >= 0 && text[i] == '0' && !text.Contains((byte)'.') && !text.Contains((byte)'E'); i--)
        {
            digits--;
        }

        return Math.Max(digits, 1);
    }
}
