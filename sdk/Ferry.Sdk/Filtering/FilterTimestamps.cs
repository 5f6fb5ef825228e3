namespace Ferry.Sdk.Filtering;

/// <summary>
/// A strict, allocation-free ISO-8601 / RFC 3339 reader for the forms filters use:
/// <c>YYYY-MM-DD</c>, optionally followed by <c>T</c> (or a space) and <c>hh:mm[:ss[.fraction]]</c>,
/// optionally followed by <c>Z</c> or an offset <c>±hh[:mm]</c> / <c>±hhmm</c>. A missing offset means UTC.
/// Fractions longer than 100 ns (7 digits) are truncated. The lenient framework parser is not used on
/// purpose: it accepts culture-shaped text such as <c>1/2/2024</c> that a filter must not guess at.
/// </summary>
internal static class FilterTimestamps
{
    private const int MaxOffsetMinutes = 14 * 60;

    /// <summary>Parses a date-only (<paramref name="dateOnly"/>) or full timestamp.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, bool dateOnly, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 10
            || !TryDigits(text, 0, 4, out var year)
            || text[4] != '-'
            || !TryDigits(text, 5, 2, out var month)
            || text[7] != '-'
            || !TryDigits(text, 8, 2, out var day)
            || year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        if (text.Length == 10)
        {
            value = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
            return true;
        }

        if (dateOnly || (text[10] != 'T' && text[10] != 't' && text[10] != ' '))
        {
            return false;
        }

        var pos = 11;
        if (!TryDigits(text, pos, 2, out var hour) || pos + 2 >= text.Length || text[pos + 2] != ':' || !TryDigits(text, pos + 3, 2, out var minute))
        {
            return false;
        }

        pos += 5;
        var second = 0;
        long fractionTicks = 0;
        if (pos < text.Length && text[pos] == ':')
        {
            if (!TryDigits(text, pos + 1, 2, out second))
            {
                return false;
            }

            pos += 3;
            if (pos < text.Length && (text[pos] == '.' || text[pos] == ','))
            {
                pos++;
                var start = pos;
                long scale = TimeSpan.TicksPerSecond;
                while (pos < text.Length && char.IsAsciiDigit(text[pos]))
                {
                    if (scale > 1)
                    {
                        scale /= 10;
                        fractionTicks += (text[pos] - '0') * scale;
                    }

                    pos++;
                }

                if (pos == start)
                {
                    return false;
                }
            }
        }

        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var offsetMinutes = 0;
        if (pos < text.Length)
        {
            var sign = text[pos];
            if (sign is 'Z' or 'z')
            {
                pos++;
            }
            else if (sign is '+' or '-')
            {
                if (!TryDigits(text, pos + 1, 2, out var offsetHours))
                {
                    return false;
                }

                pos += 3;
                var offsetMins = 0;
                if (pos < text.Length)
                {
                    if (text[pos] == ':')
                    {
                        pos++;
                    }

                    if (!TryDigits(text, pos, 2, out offsetMins))
                    {
                        return false;
                    }

                    pos += 2;
                }

                if (offsetMins > 59)
                {
                    return false;
                }

                offsetMinutes = (offsetHours * 60) + offsetMins;
                if (sign == '-')
                {
                    offsetMinutes = -offsetMinutes;
                }
            }
            else
            {
                return false;
            }
        }

        if (pos != text.Length || offsetMinutes > MaxOffsetMinutes || offsetMinutes < -MaxOffsetMinutes)
        {
            return false;
        }

        var localTicks = new DateTime(year, month, day, hour, minute, second).Ticks + fractionTicks;
        var offset = TimeSpan.FromMinutes(offsetMinutes);
        var utcTicks = localTicks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(localTicks, offset);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, int start, int count, out int value)
    {
        value = 0;
        if (start < 0 || start + count > text.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            var c = text[i];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
