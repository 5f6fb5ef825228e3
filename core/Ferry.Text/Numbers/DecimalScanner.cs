using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Ferry.Text.Numbers;

/// <summary>
/// Reads the longest number literal at the start of a UTF-8 span into a <see cref="ParsedDecimal"/>.
/// Grammar (lenient superset of JSON): <c>[+-]? digits? ('.' digits?)? ([eE] [+-]? digits)?</c> with at least one
/// mantissa digit, or <c>[+-]? (nan | inf | infinity)</c> in any letter case. An exponent marker not followed by a
/// digit is not consumed (strtod semantics), so <c>1e</c> consumes one byte.
/// </summary>
internal static class DecimalScanner
{
    /// <summary>A 64-bit integer holds any 19-digit decimal number.</summary>
    public const int MaxMantissaDigits = 19;

    // Exponents are saturated here: 10^±100000 is far outside every binary format, so the result is already
    // zero or infinity and the exact value no longer matters; saturating avoids int overflow on hostile input.
    private const int ExponentSaturation = 100_000;

    /// <summary>Scans a number at the start of <paramref name="s"/>.</summary>
    /// <returns>The number of bytes consumed; 0 when no number starts at <paramref name="s"/>[0].</returns>
    public static int Scan(ReadOnlySpan<byte> s, out ParsedDecimal result)
    {
        result = default;
        if (s.IsEmpty)
        {
            return 0;
        }

        int i = 0;
        byte first = s[0];
        if (first == (byte)'-' || first == (byte)'+')
        {
            result.Negative = first == (byte)'-';
            i = 1;
        }

        int digitsStart = i;
        ulong mantissa = 0;
        i = ScanDigits(s, i, ref mantissa);
        int integerDigits = i - digitsStart;
        int fractionDigits = 0;
        if ((uint)i < (uint)s.Length && s[i] == (byte)'.')
        {
            int fractionStart = i + 1;
            int end = ScanDigits(s, fractionStart, ref mantissa);
            fractionDigits = end - fractionStart;
            if (integerDigits + fractionDigits == 0)
            {
                return 0; // "." or "-." alone
            }

            i = end;
        }
        else if (integerDigits == 0)
        {
            return ScanSpecial(s, i, ref result);
        }

        int mantissaEnd = i;
        long exponent = -fractionDigits;
        if ((uint)i < (uint)s.Length && (s[i] | 0x20) == (byte)'e')
        {
            int j = i + 1;
            bool negativeExponent = false;
            if ((uint)j < (uint)s.Length && (s[j] == (byte)'-' || s[j] == (byte)'+'))
            {
                negativeExponent = s[j] == (byte)'-';
                j++;
            }

            if ((uint)j < (uint)s.Length && IsDigit(s[j]))
            {
                int explicitExponent = 0;
                while ((uint)j < (uint)s.Length && IsDigit(s[j]))
                {
                    if (explicitExponent < ExponentSaturation)
                    {
                        explicitExponent = (explicitExponent * 10) + (s[j] - '0');
                    }

                    j++;
                }

                exponent += negativeExponent ? -explicitExponent : explicitExponent;
                i = j;
            }
        }

        int totalDigits = integerDigits + fractionDigits;
        if (totalDigits > MaxMantissaDigits)
        {
            exponent += Reduce(s[digitsStart..mantissaEnd], totalDigits, ref mantissa, out result.Truncated);
        }

        result.Mantissa = mantissa;
        result.Exponent = (int)Math.Clamp(exponent, -2L * ExponentSaturation, 2L * ExponentSaturation);
        result.Kind = DecimalKind.Finite;
        return i;
    }

    /// <summary>
    /// Re-reads a mantissa of more than 19 digits keeping only the first 19 significant ones.
    /// Leading zeros do not count ("0.000…0123" is exact), so most long literals need no truncation.
    /// </summary>
    /// <returns>How many significant digits were dropped (added to the decimal exponent).</returns>
    private static int Reduce(ReadOnlySpan<byte> digits, int totalDigits, ref ulong mantissa, out bool truncated)
    {
        truncated = false;
        int p = 0;
        int leadingZeros = 0;
        while (p < digits.Length && (digits[p] == (byte)'0' || digits[p] == (byte)'.'))
        {
            if (digits[p] == (byte)'0')
            {
                leadingZeros++;
            }

            p++;
        }

        int significant = totalDigits - leadingZeros;
        if (significant <= MaxMantissaDigits)
        {
            return 0; // the running value never overflowed: leading zeros add nothing
        }

        ulong kept = 0;
        int taken = 0;
        while (taken < MaxMantissaDigits)
        {
            byte b = digits[p++];
            if (b != (byte)'.')
            {
                kept = (kept * 10) + (uint)(b - '0');
                taken++;
            }
        }

        for (; p < digits.Length; p++)
        {
            byte b = digits[p];
            if (b != (byte)'0' && b != (byte)'.')
            {
                truncated = true;
                break;
            }
        }

        mantissa = kept;
        return significant - MaxMantissaDigits;
    }

    private static int ScanSpecial(ReadOnlySpan<byte> s, int i, ref ParsedDecimal result)
    {
        ReadOnlySpan<byte> rest = s[i..];
        if (StartsWithIgnoreCase(rest, "nan"u8))
        {
            result.Kind = DecimalKind.NaN;
            return i + 3;
        }

        if (StartsWithIgnoreCase(rest, "infinity"u8))
        {
            result.Kind = DecimalKind.Infinity;
            return i + 8;
        }

        if (StartsWithIgnoreCase(rest, "inf"u8))
        {
            result.Kind = DecimalKind.Infinity;
            return i + 3;
        }

        return 0;
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> s, ReadOnlySpan<byte> lowerLiteral)
    {
        if (s.Length < lowerLiteral.Length)
        {
            return false;
        }

        for (int k = 0; k < lowerLiteral.Length; k++)
        {
            if ((s[k] | 0x20) != lowerLiteral[k])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Accumulates decimal digits from <paramref name="start"/>; the value wraps past 19 digits (see <see cref="Reduce"/>).</summary>
    /// <returns>The index of the first non-digit byte.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int ScanDigits(ReadOnlySpan<byte> s, int start, ref ulong value)
    {
        int i = start;
        // Eight digits at a time: embeddings are written with 8-17 digit fractions.
        while (s.Length - i >= sizeof(ulong))
        {
            ulong chunk = BinaryPrimitives.ReadUInt64LittleEndian(s[i..]);
            if (!AreEightDigits(chunk))
            {
                break;
            }

            value = (value * 100_000_000) + ParseEightDigits(chunk);
            i += sizeof(ulong);
        }

        while ((uint)i < (uint)s.Length && IsDigit(s[i]))
        {
            value = (value * 10) + (uint)(s[i] - '0');
            i++;
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    /// <summary>True when all eight bytes (little-endian) are ASCII '0'…'9'.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool AreEightDigits(ulong chunk)
    {
        // Every byte must have high nibble 3, and must keep it after adding 6 (which pushes ':'…'?' to 0x4_).
        // A byte that carries into its neighbour fails the first test itself, so carries cannot mask an error.
        const ulong highNibbles = 0xF0F0F0F0F0F0F0F0;
        ulong plusSix = chunk + 0x0606060606060606;
        return ((chunk & highNibbles) | ((plusSix & highNibbles) >> 4)) == 0x3333333333333333;
    }

    /// <summary>Converts eight ASCII digits (first digit in the lowest byte) to their value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint ParseEightDigits(ulong chunk)
    {
        ulong v = chunk - 0x3030303030303030;
        v = ((v * 10) + (v >> 8)) & 0x00FF00FF00FF00FF;      // pairs:   d0d1 d2d3 d4d5 d6d7
        v = ((v * 100) + (v >> 16)) & 0x0000FFFF0000FFFF;    // quads:   d0..d3 d4..d7
        return (uint)((v * 10_000) + (v >> 32));             // d0..d7 in the low 32 bits
    }
}
