namespace Ferry.Text.Numbers;

public static partial class Utf8Number
{
    /// <summary>
    /// Parses an integer (optional sign, decimal digits, leading zeros allowed) at the start of <paramref name="utf8"/>.
    /// </summary>
    /// <param name="utf8">UTF-8 text starting with the integer; parsing stops at the first non-digit.</param>
    /// <param name="value">The parsed value.</param>
    /// <param name="bytesConsumed">Bytes that made up the integer; 0 when the method returns false.</param>
    /// <returns>False when there is no digit, or the value does not fit in a <see cref="long"/>.</returns>
    public static bool TryParseInt64(ReadOnlySpan<byte> utf8, out long value, out int bytesConsumed)
    {
        value = 0;
        bytesConsumed = 0;
        int i = 0;
        bool negative = false;
        if (!utf8.IsEmpty && (utf8[0] == (byte)'-' || utf8[0] == (byte)'+'))
        {
            negative = utf8[0] == (byte)'-';
            i = 1;
        }

        ulong magnitude = 0;
        int end = DecimalScanner.ScanDigits(utf8, i, ref magnitude);
        int digits = end - i;
        if (digits == 0)
        {
            return false;
        }

        if (digits >= DecimalScanner.MaxMantissaDigits)
        {
            // Up to 19 significant digits cannot wrap a ulong; more always overflow a long.
            int leadingZeros = 0;
            while (leadingZeros < digits && utf8[i + leadingZeros] == (byte)'0')
            {
                leadingZeros++;
            }

            if (digits - leadingZeros > DecimalScanner.MaxMantissaDigits)
            {
                return false;
            }
        }

        ulong limit = negative ? 1UL << 63 : long.MaxValue;
        if (magnitude > limit)
        {
            return false;
        }

        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        bytesConsumed = end;
        return true;
    }
}
