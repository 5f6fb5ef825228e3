using System.Numerics;
using System.Runtime.CompilerServices;

namespace Ferry.Text.Numbers;

/// <summary>
/// Converts w × 10^q (w a non-zero 64-bit integer) to the nearest binary32 / binary64 value with one 64×128-bit
/// multiplication, after D. Lemire, "Number Parsing at a Gigabyte per Second" (2021), and the Eisel-Lemire
/// variant that returns "unknown" instead of guessing.
/// </summary>
/// <remarks>
/// <para>
/// Why it is exact: <see cref="PowersOfTen"/> holds T = floor(10^q · 2^s) with 2^127 ≤ T &lt; 2^128. The product of
/// the normalised mantissa m (top bit set) and T.high is a lower bound of m·10^q·2^s whose error is below m units of
/// its low word. If adding that bound to the low word cannot carry (or the bits under the mantissa are not all
/// ones, so a carry could not reach it) the high word's mantissa bits are exact; otherwise the low half of T
/// is multiplied in as well, and if a carry still cannot be ruled out, the method gives up.
/// </para>
/// <para>
/// Rounding is to nearest, ties to even. A result that looks exactly halfway might be a hair above (the table
/// is a lower bound), so apparent ties whose even neighbour is below also give up. Subnormal and overflowing
/// results give up too. The callers fall back to the runtime's correctly rounded parser in those rare cases.
/// </para>
/// </remarks>
internal static class EiselLemire
{
    /// <summary>floor(q · log2(10)) = (Log2TenTimes65536 · q) &gt;&gt; 16 for every q in the table's range.</summary>
    private const int Log2TenTimes65536 = 217706;

    // binary32: 23 stored mantissa bits; we extract 25 (hidden bit + 23 + one rounding bit).
    private const ulong SingleBelowMantissa = (1UL << 38) - 1;
    private const int SingleShift = 38;
    private const int SingleBias = 127;
    private const int SingleMaxBiasedExponent = 255;

    // binary64: 52 stored bits; we extract 54.
    private const ulong DoubleBelowMantissa = (1UL << 9) - 1;
    private const int DoubleShift = 9;
    private const int DoubleBias = 1023;
    private const int DoubleMaxBiasedExponent = 2047;

    /// <summary>Tries to compute the bits of the binary32 nearest to <paramref name="w"/> × 10^<paramref name="q"/>.</summary>
    /// <returns>False when the result could not be decided cheaply or is subnormal, zero or infinite.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryComputeSingle(ulong w, int q, out uint bits)
    {
        bits = 0;
        if (!TryMultiply(w, q, SingleBelowMantissa, out ulong hi, out ulong lo, out int leadingZeros))
        {
            return false;
        }

        int msb = (int)(hi >> 63);
        ulong mantissa = hi >> (msb + SingleShift);
        int exponent = ((Log2TenTimes65536 * q) >> 16) + 63 + msb + SingleBias - leadingZeros;
        if (lo == 0 && (hi & SingleBelowMantissa) == 0 && (mantissa & 3) == 1)
        {
            return false; // possibly an exact tie that must round down to even
        }

        mantissa += mantissa & 1;
        mantissa >>= 1;
        if (mantissa >= 1UL << 24)
        {
            mantissa >>= 1;
            exponent++;
        }

        if ((uint)(exponent - 1) >= SingleMaxBiasedExponent - 1)
        {
            return false; // subnormal or infinite
        }

        bits = ((uint)exponent << 23) | ((uint)mantissa & 0x007F_FFFF);
        return true;
    }

    /// <summary>Tries to compute the bits of the binary64 nearest to <paramref name="w"/> × 10^<paramref name="q"/>.</summary>
    /// <returns>False when the result could not be decided cheaply or is subnormal, zero or infinite.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryComputeDouble(ulong w, int q, out ulong bits)
    {
        bits = 0;
        if (!TryMultiply(w, q, DoubleBelowMantissa, out ulong hi, out ulong lo, out int leadingZeros))
        {
            return false;
        }

        int msb = (int)(hi >> 63);
        ulong mantissa = hi >> (msb + DoubleShift);
        int exponent = ((Log2TenTimes65536 * q) >> 16) + 63 + msb + DoubleBias - leadingZeros;
        if (lo == 0 && (hi & DoubleBelowMantissa) == 0 && (mantissa & 3) == 1)
        {
            return false;
        }

        mantissa += mantissa & 1;
        mantissa >>= 1;
        if (mantissa >= 1UL << 53)
        {
            mantissa >>= 1;
            exponent++;
        }

        if ((uint)(exponent - 1) >= DoubleMaxBiasedExponent - 1)
        {
            return false;
        }

        bits = ((ulong)exponent << 52) | (mantissa & 0x000F_FFFF_FFFF_FFFF);
        return true;
    }

    /// <summary>
    /// Computes the top 128 bits of normalise(w) × T[q], widening to the full 192-bit product when a carry from the
    /// truncated part could reach the bits selected by <paramref name="belowMantissa"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryMultiply(ulong w, int q, ulong belowMantissa, out ulong hi, out ulong lo, out int leadingZeros)
    {
        leadingZeros = BitOperations.LeadingZeroCount(w);
        ulong m = w << leadingZeros;
        int index = (q - PowersOfTen.MinExponent) * 2;
        ReadOnlySpan<ulong> table = PowersOfTen.Table;
        hi = Math.BigMul(m, table[index], out lo);
        if ((hi & belowMantissa) == belowMantissa && lo + m < lo)
        {
            ulong carryHi = Math.BigMul(m, table[index + 1], out ulong carryLo);
            ulong mergedLo = lo + carryHi;
            if (mergedLo < lo)
            {
                hi++;
            }

            lo = mergedLo;
            if ((hi & belowMantissa) == belowMantissa && lo == ulong.MaxValue && carryLo + m < carryLo)
            {
                return false;
            }
        }

        return true;
    }
}
