using System.Numerics;
using Ferry.Text.Numbers;
using Xunit;

namespace Ferry.Text.Tests.Numbers;

public sealed class PowersOfTenTests
{
    [Fact]
    public void Table_EveryEntry_IsTruncatedNormalisedPowerOfTen()
    {
        ReadOnlySpan<ulong> table = PowersOfTen.Table;
        Assert.Equal(2 * (PowersOfTen.MaxExponent - PowersOfTen.MinExponent + 1), table.Length);
        for (int q = PowersOfTen.MinExponent; q <= PowersOfTen.MaxExponent; q++)
        {
            BigInteger expected;
            if (q >= 0)
            {
                BigInteger p = BigInteger.Pow(10, q);
                int bits = (int)p.GetBitLength();
                expected = bits > 128 ? p >> (bits - 128) : p << (128 - bits);
            }
            else
            {
                BigInteger d = BigInteger.Pow(10, -q);
                expected = (BigInteger.One << (127 + (int)d.GetBitLength())) / d; // floor, never rounded up
            }

            int index = (q - PowersOfTen.MinExponent) * 2;
            BigInteger actual = (new BigInteger(table[index]) << 64) | table[index + 1];
            Assert.True(expected == actual, $"1e{q}");
            Assert.Equal(128, actual.GetBitLength());
        }
    }
}
