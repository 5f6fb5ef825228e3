namespace Ferry.Sdk.Filtering;

/// <summary>Lexical rules shared by the parser and the formatter, so that what one writes the other reads.</summary>
internal static class FilterSyntax
{
    /// <summary>Deepest nesting (parentheses, NOT, array and object literals) the parser accepts; keeps recursion off the stack limit.</summary>
    public const int MaxDepth = 200;

    /// <summary>Words that cannot be a bare field name (they would read as operators or literals); quote them to use them as names.</summary>
    private static readonly string[] ReservedWords = ["AND", "OR", "NOT", "IN", "IS", "NULL", "LIKE", "CONTAINS", "TRUE", "FALSE"];

    public static bool IsIdentifierStart(char c) => c == '_' || char.IsLetter(c);

    public static bool IsIdentifierPart(char c) => c == '_' || char.IsLetterOrDigit(c);

    public static bool IsReserved(ReadOnlySpan<char> word)
    {
        foreach (var reserved in ReservedWords)
        {
            if (word.Equals(reserved, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a path segment must be written as a double-quoted identifier.</summary>
    public static bool NeedsQuoting(string segment)
    {
        if (segment.Length == 0 || !IsIdentifierStart(segment[0]))
        {
            return true;
        }

        for (var i = 1; i < segment.Length; i++)
        {
            if (!IsIdentifierPart(segment[i]))
            {
                return true;
            }
        }

        return IsReserved(segment);
    }
}
