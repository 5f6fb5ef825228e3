namespace Ferry.Sdk.Filtering;

/// <summary>One token: its class, where it starts, how long it is in the source, and its decoded text.</summary>
/// <param name="Kind">The lexical class.</param>
/// <param name="Start">0-based offset of the first character.</param>
/// <param name="Length">Length in the source text (including quotes).</param>
/// <param name="Text">The decoded text: unquoted and unescaped for strings and quoted identifiers, raw otherwise.</param>
internal readonly record struct FilterToken(FilterTokenKind Kind, int Start, int Length, string Text)
{
    /// <summary>True for an unquoted identifier spelling <paramref name="keyword"/> in any case.</summary>
    public bool IsKeyword(string keyword) =>
        Kind == FilterTokenKind.Identifier && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>How an error message names this token.</summary>
    public string Describe()
    {
        const int MaxShown = 24;
        switch (Kind)
        {
            case FilterTokenKind.End:
                return "end of input";
            case FilterTokenKind.Identifier:
                return FilterSyntax.IsReserved(Text) ? "keyword " + Text.ToUpperInvariant() : "identifier '" + Text + "'";
            case FilterTokenKind.QuotedIdentifier:
                return "identifier \"" + Shorten(Text, MaxShown) + "\"";
            case FilterTokenKind.String:
                return "string '" + Shorten(Text, MaxShown) + "'";
            case FilterTokenKind.Integer:
            case FilterTokenKind.Float:
                return "number " + Text;
            case FilterTokenKind.HexBytes:
                return "bytes literal X'" + Shorten(Text, MaxShown) + "'";
            default:
                return "'" + Text + "'";
        }
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
}
