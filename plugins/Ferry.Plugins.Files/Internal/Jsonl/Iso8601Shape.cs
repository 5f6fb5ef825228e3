namespace Ferry.Plugins.Files.Internal.Jsonl;

/// <summary>
/// The ISO-8601 shape that <c>timestamps=auto</c> takes for a timestamp: <c>YYYY-MM-DDTHH:MM:SS</c>, an optional
/// fraction, then <c>Z</c> or <c>±HH:MM</c>. The writer tags strings of this shape as <c>{"$string": …}</c> so they
/// read back as strings. (The same rule as the host's dead-letter writer; kept here because plugins share only the SDK.)
/// </summary>
internal static class Iso8601Shape
{
    public static bool Matches(ReadOnlySpan<char> text)
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
