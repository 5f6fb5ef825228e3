using System.Runtime.CompilerServices;

namespace Ferry.Text.Numbers;

/// <summary>
/// The shortest decimal that rounds back to a given binary32 value (and, among those, the nearest to it),
/// after U. Adams, "Ryū: fast float-to-string conversion" (PLDI 2018), with the paper's float32 parameters.
/// Every one of the 2^32 inputs was checked against the runtime's shortest round-trip formatting.
/// </summary>
internal static class ShortestSingle
{
    private const int MantissaBits = 23;
    private const int ExponentBias = 127;

    // Leading-digit exponents written in plain notation (0.0001 … 999999999), as the runtime does.
    private const int PlainExponentMin = -4;
    private const int PlainExponentLimit = 9;

    /// <summary>Decimal digits and exponent of a finite, non-zero, positive float: value ≈ digits × 10^exponent.</summary>
    /// <param name="bits">The IEEE bits without the sign bit; not zero, not infinite or NaN.</param>
    /// <param name="exponent10">The decimal exponent of the last digit.</param>
    /// <returns>The significant digits (at most 9, no trailing zeros removed beyond what shortness needs).</returns>
    public static uint Compute(uint bits, out int exponent10)
    {
        uint ieeeMantissa = bits & ((1u << MantissaBits) - 1);
        int ieeeExponent = (int)(bits >> MantissaBits);

        // The value is m2 · 2^e2, and the interval of reals that round to it is (mm, mp) · 2^e2 / 4; the two extra
        // bits make the bounds integers. The lower gap is half as wide at the bottom of a binade.
        int e2;
        uint m2;
        if (ieeeExponent == 0)
        {
            e2 = 1 - ExponentBias - MantissaBits - 2;
            m2 = ieeeMantissa;
        }
        else
        {
            e2 = ieeeExponent - ExponentBias - MantissaBits - 2;
            m2 = (1u << MantissaBits) | ieeeMantissa;
        }

        bool acceptBounds = (m2 & 1) == 0; // round-half-even: the bounds themselves round to this value
        uint mv = 4 * m2;
        uint mp = (4 * m2) + 2;
        uint mmShift = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1u : 0u;
        uint mm = (4 * m2) - 1 - mmShift;

        // Scale the three by 10^-e10 so the interval is a few units wide, with 64-bit approximations of powers
        // of five that are exact enough for float32 (Ryū, section 3), and track whether the digits dropped by
        // the scaling were all zeros (needed only for exact ties and for the lower bound itself).
        uint vr, vp, vm;
        int e10;
        bool vmIsTrailingZeros = false;
        bool vrIsTrailingZeros = false;
        uint lastRemovedDigit = 0;
        ReadOnlySpan<ulong> inverse = ShortestSingleTables.InversePowersOfFive;
        ReadOnlySpan<ulong> powers = ShortestSingleTables.PowersOfFive;
        if (e2 >= 0)
        {
            int q = Log10Pow2(e2);
            e10 = q;
            int k = ShortestSingleTables.InverseBitCount + Pow5Bits(q) - 1;
            int i = -e2 + q + k;
            ulong factor = inverse[q];
            vr = MulShift(mv, factor, i);
            vp = MulShift(mp, factor, i);
            vm = MulShift(mm, factor, i);
            if (q != 0 && (vp - 1) / 10 <= vm / 10)
            {
                // The loop below may not run; the digit just below the scaled value still decides rounding.
                int l = ShortestSingleTables.InverseBitCount + Pow5Bits(q - 1) - 1;
                lastRemovedDigit = MulShift(mv, inverse[q - 1], -e2 + q - 1 + l) % 10;
            }

            if (q <= 9)
            {
                // Only one of mm, mv, mp can be a multiple of 5.
                if (mv % 5 == 0)
                {
                    vrIsTrailingZeros = IsMultipleOfPowerOf5(mv, q);
                }
                else if (acceptBounds)
                {
                    vmIsTrailingZeros = IsMultipleOfPowerOf5(mm, q);
                }
                else if (IsMultipleOfPowerOf5(mp, q))
                {
                    vp--;
                }
            }
        }
        else
        {
            int q = Log10Pow5(-e2);
            e10 = q + e2;
            int i = -e2 - q;
            int k = Pow5Bits(i) - ShortestSingleTables.PowerBitCount;
            int j = q - k;
            ulong factor = powers[i];
            vr = MulShift(mv, factor, j);
            vp = MulShift(mp, factor, j);
            vm = MulShift(mm, factor, j);
            if (q != 0 && (vp - 1) / 10 <= vm / 10)
            {
                j = q - 1 - (Pow5Bits(i + 1) - ShortestSingleTables.PowerBitCount);
                lastRemovedDigit = MulShift(mv, powers[i + 1], j) % 10;
            }

            if (q <= 1)
            {
                // mv = 4·m2 has at least two trailing zero bits, so dividing by 2^q left nothing behind.
                vrIsTrailingZeros = true;
                if (acceptBounds)
                {
                    vmIsTrailingZeros = mmShift == 1; // mm = mv - 2 when mmShift is 1
                }
                else
                {
                    vp--;
                }
            }
            else if (q < 31)
            {
                vrIsTrailingZeros = IsMultipleOfPowerOf2(mv, q - 1);
            }
        }

        // Drop digits while the interval still contains a shorter number.
        int removed = 0;
        uint output;
        if (vmIsTrailingZeros || vrIsTrailingZeros)
        {
            // Exact ties or an exactly representable lower bound: rare, slower.
            while (vp / 10 > vm / 10)
            {
                vmIsTrailingZeros &= vm % 10 == 0;
                vrIsTrailingZeros &= lastRemovedDigit == 0;
                lastRemovedDigit = vr % 10;
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }

            if (vmIsTrailingZeros)
            {
                while (vm % 10 == 0)
                {
                    vrIsTrailingZeros &= lastRemovedDigit == 0;
                    lastRemovedDigit = vr % 10;
                    vr /= 10;
                    vp /= 10;
                    vm /= 10;
                    removed++;
                }
            }

            if (vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0)
            {
                lastRemovedDigit = 4; // exactly ...50000: round half to even
            }

            output = vr + ((vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5 ? 1u : 0u);
        }
        else
        {
            while (vp / 10 > vm / 10)
            {
                lastRemovedDigit = vr % 10;
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }

            output = vr + (vr == vm || lastRemovedDigit >= 5 ? 1u : 0u);
        }

        exponent10 = e10 + removed;
        return output;
    }

    /// <summary>
    /// Writes the shortest round-trip text of <paramref name="value"/> in the layout of the runtime's default
    /// float formatting: plain notation when the leading digit's decimal exponent is in [-4, 8], otherwise
    /// <c>d.dddE±XX</c>; <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>, <c>-0</c>.
    /// </summary>
    public static bool TryFormat(float value, Span<byte> destination, out int bytesWritten)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        uint magnitude = bits & 0x7FFF_FFFF;
        bool negative = (bits >> 31) != 0;
        bytesWritten = 0;
        if (magnitude >= 0x7F80_0000)
        {
            ReadOnlySpan<byte> special = magnitude > 0x7F80_0000 ? "NaN"u8 : negative ? "-Infinity"u8 : "Infinity"u8;
            return Copy(special, destination, out bytesWritten);
        }

        if (magnitude == 0)
        {
            return Copy(negative ? "-0"u8 : "0"u8, destination, out bytesWritten);
        }

        uint digits = Compute(magnitude, out int exponent10);
        int count = DigitCount(digits);
        int leading = exponent10 + count - 1; // decimal exponent of the first digit
        bool plain = leading >= PlainExponentMin && leading < PlainExponentLimit;
        int length = (negative ? 1 : 0) + (plain
            ? PlainLength(count, exponent10, leading)
            : count + (count > 1 ? 1 : 0) + 4); // d[.ddd]E±XX: a float's decimal exponent has two digits
        if (destination.Length < length)
        {
            return false;
        }

        Span<byte> text = destination[..length];
        int o = 0;
        if (negative)
        {
            text[o++] = (byte)'-';
        }

        if (!plain)
        {
            // Digits right to left, skipping the slot of the point after the first digit.
            int last = o + count + (count > 1 ? 1 : 0) - 1;
            for (int i = count - 1; i >= 0; i--)
            {
                text[o + i + (i > 0 ? 1 : 0)] = (byte)('0' + (digits % 10));
                digits /= 10;
            }

            if (count > 1)
            {
                text[o + 1] = (byte)'.';
            }

            o = last + 1;
            int e = Math.Abs(leading);
            text[o++] = (byte)'E';
            text[o++] = leading < 0 ? (byte)'-' : (byte)'+';
            text[o++] = (byte)('0' + (e / 10));
            text[o] = (byte)('0' + (e % 10));
        }
        else if (exponent10 >= 0)
        {
            WriteDigits(text.Slice(o, count), digits);
            text[(o + count)..].Fill((byte)'0');
        }
        else if (leading >= 0)
        {
            // The point falls inside the digits: after leading + 1 of them.
            for (int i = count - 1; i >= 0; i--)
            {
                text[o + i + (i > leading ? 1 : 0)] = (byte)('0' + (digits % 10));
                digits /= 10;
            }

            text[o + leading + 1] = (byte)'.';
        }
        else
        {
            text[o] = (byte)'0';
            text[o + 1] = (byte)'.';
            text.Slice(o + 2, -leading - 1).Fill((byte)'0');
            WriteDigits(text[(length - count)..], digits);
        }

        bytesWritten = length;
        return true;
    }

    private static void WriteDigits(Span<byte> destination, uint digits)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (digits % 10));
            digits /= 10;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DigitCount(uint digits) =>
        digits < 10_000
            ? (digits < 100 ? (digits < 10 ? 1 : 2) : (digits < 1_000 ? 3 : 4))
            : digits < 1_000_000
                ? (digits < 100_000 ? 5 : 6)
                : digits < 100_000_000 ? (digits < 10_000_000 ? 7 : 8) : 9;

    private static int PlainLength(int count, int exponent10, int leading) =>
        exponent10 >= 0 ? count + exponent10
        : leading >= 0 ? count + 1
        : count + 2 + (-leading - 1);

    private static bool Copy(ReadOnlySpan<byte> text, Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = text.TryCopyTo(destination) ? text.Length : 0;
        return bytesWritten != 0;
    }

    /// <summary>ceil(log2(5^e)) for e ≥ 1, and 1 for e = 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Pow5Bits(int e) => (int)(((uint)e * 1217359) >> 19) + 1;

    /// <summary>floor(e · log10(2)) for 0 ≤ e ≤ 1650.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Log10Pow2(int e) => (int)(((uint)e * 78913) >> 18);

    /// <summary>floor(e · log10(5)) for 0 ≤ e ≤ 2620.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Log10Pow5(int e) => (int)(((uint)e * 732923) >> 20);

    /// <summary>(m · factor) / 2^shift for a 64-bit factor and shift ≥ 32, without a 128-bit product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint MulShift(uint m, ulong factor, int shift)
    {
        ulong low = (ulong)m * (uint)factor;
        ulong high = (ulong)m * (uint)(factor >> 32);
        ulong sum = (low >> 32) + high;
        return (uint)(sum >> (shift - 32));
    }

    private static bool IsMultipleOfPowerOf5(uint value, int p)
    {
        int count = 0;
        while (value % 5 == 0)
        {
            value /= 5;
            count++;
        }

        return count >= p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsMultipleOfPowerOf2(uint value, int p) => (value & ((1u << p) - 1)) == 0;
}
