namespace Ferry.Plugins.Files.Typing;

/// <summary>Checks that a string is well-formed UTF-16 (no lone surrogates), which UTF-8 based formats need to store it unchanged.</summary>
internal static class Utf16
{
    public static bool IsValid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
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
