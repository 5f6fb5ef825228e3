namespace Ferry.Plugins.Postgres.Internal.Mapping;

/// <summary>Which strings PostgreSQL's text and jsonb types store unchanged.</summary>
internal static class TextSafety
{
    /// <summary>
    /// False for strings with a NUL character (text and jsonb refuse U+0000) or an unpaired UTF-16 surrogate (not
    /// encodable as UTF-8); everything else is stored exactly.
    /// </summary>
    public static bool IsStorable(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return false;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
}
