using System.Text;

namespace Ferry.Sdk.Filtering;

/// <summary>Splits filter text into tokens; lexical errors become <see cref="FilterSyntaxException"/>s.</summary>
internal static class FilterTokenizer
{
    public static List<FilterToken> Tokenize(string text)
    {
        var tokens = new List<FilterToken>();
        var pos = 0;
        while (true)
        {
            while (pos < text.Length && char.IsWhiteSpace(text[pos]))
            {
                pos++;
            }

            if (pos >= text.Length)
            {
                tokens.Add(new FilterToken(FilterTokenKind.End, text.Length, 0, string.Empty));
                return tokens;
            }

            var token = Next(text, pos);
            tokens.Add(token);
            pos = token.Start + token.Length;
        }
    }

    private static FilterToken Next(string text, int start)
    {
        var c = text[start];
        var next = start + 1 < text.Length ? text[start + 1] : '\0';
        switch (c)
        {
            case '(': return Punct(FilterTokenKind.LeftParen, start, 1, "(");
            case ')': return Punct(FilterTokenKind.RightParen, start, 1, ")");
            case '[': return Punct(FilterTokenKind.LeftBracket, start, 1, "[");
            case ']': return Punct(FilterTokenKind.RightBracket, start, 1, "]");
            case '{': return Punct(FilterTokenKind.LeftBrace, start, 1, "{");
            case '}': return Punct(FilterTokenKind.RightBrace, start, 1, "}");
            case ',': return Punct(FilterTokenKind.Comma, start, 1, ",");
            case '.': return Punct(FilterTokenKind.Dot, start, 1, ".");
            case ':': return Punct(FilterTokenKind.Colon, start, 1, ":");
            case '=':
                // '==' is accepted as a courtesy to programmers; it means '='.
                return next == '=' ? Punct(FilterTokenKind.Equal, start, 2, "==") : Punct(FilterTokenKind.Equal, start, 1, "=");
            case '!':
                if (next == '=')
                {
                    return Punct(FilterTokenKind.NotEqual, start, 2, "!=");
                }

                throw FilterSyntaxException.At(start, "expected '!=' but found '!'");
            case '<':
                return next switch
                {
                    '=' => Punct(FilterTokenKind.LessOrEqual, start, 2, "<="),
                    '>' => Punct(FilterTokenKind.NotEqual, start, 2, "<>"),
                    _ => Punct(FilterTokenKind.Less, start, 1, "<"),
                };
            case '>':
                return next == '=' ? Punct(FilterTokenKind.GreaterOrEqual, start, 2, ">=") : Punct(FilterTokenKind.Greater, start, 1, ">");
            case '\'':
                return Quoted(text, start, '\'', FilterTokenKind.String, "string literal");
            case '"':
                return Quoted(text, start, '"', FilterTokenKind.QuotedIdentifier, "quoted identifier");
        }

        if ((c is 'x' or 'X') && next == '\'')
        {
            return HexBytes(text, start);
        }

        if (char.IsAsciiDigit(c) || ((c is '-' or '+') && char.IsAsciiDigit(next)))
        {
            return Number(text, start);
        }

        if (FilterSyntax.IsIdentifierStart(c))
        {
            var end = start + 1;
            while (end < text.Length && FilterSyntax.IsIdentifierPart(text[end]))
            {
                end++;
            }

            return new FilterToken(FilterTokenKind.Identifier, start, end - start, text[start..end]);
        }

        throw FilterSyntaxException.At(start, $"unexpected character '{c}'");
    }

    private static FilterToken Punct(FilterTokenKind kind, int start, int length, string text) => new(kind, start, length, text);

    /// <summary>A quoted run where the quote character is escaped by doubling it (SQL style).</summary>
    private static FilterToken Quoted(string text, int start, char quote, FilterTokenKind kind, string what)
    {
        StringBuilder? builder = null;
        var runStart = start + 1;
        var pos = start + 1;
        while (pos < text.Length)
        {
            if (text[pos] == quote)
            {
                if (pos + 1 < text.Length && text[pos + 1] == quote)
                {
                    builder ??= new StringBuilder();
                    builder.Append(text, runStart, pos + 1 - runStart);
                    pos += 2;
                    runStart = pos;
                    continue;
                }

                string value;
                if (builder is null)
                {
                    value = text[runStart..pos];
                }
                else
                {
                    builder.Append(text, runStart, pos - runStart);
                    value = builder.ToString();
                }

                return new FilterToken(kind, start, pos + 1 - start, value);
            }

            pos++;
        }

        throw FilterSyntaxException.At(start, $"unterminated {what}: expected a closing {quote} but found end of input");
    }

    private static FilterToken HexBytes(string text, int start)
    {
        var pos = start + 2;
        while (pos < text.Length && text[pos] != '\'')
        {
            if (!char.IsAsciiHexDigit(text[pos]))
            {
                throw FilterSyntaxException.At(pos, $"expected a hexadecimal digit in the bytes literal but found '{text[pos]}'");
            }

            pos++;
        }

        if (pos >= text.Length)
        {
            throw FilterSyntaxException.At(start, "unterminated bytes literal: expected a closing ' but found end of input");
        }

        var digits = text[(start + 2)..pos];
        if (digits.Length % 2 != 0)
        {
            throw FilterSyntaxException.At(start, "a bytes literal needs an even number of hexadecimal digits");
        }

        return new FilterToken(FilterTokenKind.HexBytes, start, pos + 1 - start, digits);
    }

    /// <summary><c>[+-]digits[.digits][(e|E)[+-]digits]</c>; a fraction or exponent makes it a float.</summary>
    private static FilterToken Number(string text, int start)
    {
        var pos = start;
        if (text[pos] is '-' or '+')
        {
            pos++;
        }

        pos = SkipDigits(text, pos);
        var kind = FilterTokenKind.Integer;
        if (pos + 1 < text.Length && text[pos] == '.' && char.IsAsciiDigit(text[pos + 1]))
        {
            kind = FilterTokenKind.Float;
            pos = SkipDigits(text, pos + 1);
        }

        if (pos < text.Length && text[pos] is 'e' or 'E')
        {
            var exponent = pos + 1;
            if (exponent < text.Length && text[exponent] is '+' or '-')
            {
                exponent++;
            }

            if (exponent >= text.Length || !char.IsAsciiDigit(text[exponent]))
            {
                throw FilterSyntaxException.At(pos, "expected digits after the exponent marker of a number");
            }

            kind = FilterTokenKind.Float;
            pos = SkipDigits(text, exponent);
        }

        if (pos < text.Length && FilterSyntax.IsIdentifierPart(text[pos]))
        {
            throw FilterSyntaxException.At(pos, $"expected a delimiter after the number but found '{text[pos]}'");
        }

        return new FilterToken(kind, start, pos - start, text[start..pos]);
    }

    private static int SkipDigits(string text, int pos)
    {
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        return pos;
    }
}
