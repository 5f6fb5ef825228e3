namespace Ferry.Core.DeadLetter;

/// <summary>
/// The ISO-8601 shape that JSON readers (Ferry's JSON Lines connector with <c>timestamps=auto</c>) take for a
/// timestamp: <c>YYYY-MM-DDTHH:MM:SS</c>, an optional fraction, and <c>Z</c> or <c>±HH:MM</c>.
/// </summary>
public static class Iso8601
{
    /// <summary>Whether the string has exactly that shape (the value itself is checked when parsed).</summary>
    public static bool LooksLikeTimestamp(ReadOnlySpan<char> text)
    {
        if (text.Length < 20 || text.Length > 40)
        {
            return false;
        }

        if (!Digits(text, 0, 4) || text[4] != '-' || !Digits(text, 5, 2) || text[7] != '-' || !Digits(text, 8, 2)
            || text[10] != 'T' || !Digits(text, 11, 2) || text[13] != ':' || !Digits(text, 14, 2) || text[16] != ':' || !Digits(text, 17, 2))
        {
            return false;
        }

        var i = 19;
        if (text[i] == '.')
        {
            var start = ++i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        if (i == text.Length - 1)
        {
            return text[i] == 'Z';
        }

        return i == text.Length - 6 && (text[i] == '+' || text[i] == '-') && Digits(text, i + 1, 2) && text[i + 3] == ':' && Digits(text, i + 4, 2);
    }

    private static bool Digits(ReadOnlySpan<char> text, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
