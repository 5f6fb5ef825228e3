using System.Numerics;
using Ferry.Text.Numbers;
using Xunit;

namespace Ferry.Text.Tests.Numbers;

public sealed class ShortestSingleTablesTests
{
    [Fact]
    public void InversePowersOfFive_EveryEntry_IsCeilingOfScaledInverse()
    {
        ReadOnlySpan<ulong> table = ShortestSingleTables.InversePowersOfFive;
        for (int q = 0; q < table.Length; q++)
        {
            BigInteger power = BigInteger.Pow(5, q);
            int bits = Math.Max(1, (int)power.GetBitLength());
            BigInteger expected = (BigInteger.One << (bits - 1 + ShortestSingleTables.InverseBitCount)) / power + 1;
            Assert.True(expected == table[q], $"5^-{q}");
        }
    }

    [Fact]
    public void PowersOfFive_EveryEntry_IsTopBitsOfPower()
    {
        ReadOnlySpan<ulong> table = ShortestSingleTables.PowersOfFive;
        for (int i = 0; i < table.Length; i++)
        {
            BigInteger power = BigInteger.Pow(5, i);
            int bits = (int)power.GetBitLength();
            BigInteger expected = bits > ShortestSingleTables.PowerBitCount
                ? power >> (bits - ShortestSingleTables.PowerBitCount)
                : power << (ShortestSingleTables.PowerBitCount - bits);
            Assert.True(expected == table[i], $"5^{i}");
        }
    }
}
