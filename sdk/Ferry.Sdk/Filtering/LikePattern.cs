using System.Text;

namespace Ferry.Sdk.Filtering;

/// <summary>
/// A SQL LIKE pattern compiled once: <c>%</c> matches any run of characters (also none), <c>_</c> exactly one
/// character (a surrogate pair counts as one), a backslash makes the next character literal (<c>\%</c>,
/// <c>\_</c>, <c>\\</c>; a trailing lone backslash is itself literal). Matching is ordinal and case-sensitive.
/// The common shapes (exact, prefix, suffix, infix) become a single span operation; the rest uses a
/// backtracking matcher that needs no memory beyond a few integers.
/// </summary>
internal sealed class LikePattern
{
    private const byte Literal = 0;
    private const byte AnyOne = 1;
    private const byte AnyRun = 2;

    private readonly Shape _shape;
    private readonly string _literal;
    private readonly char[] _chars;
    private readonly byte[] _ops;

    private LikePattern(Shape shape, string literal, char[] chars, byte[] ops)
    {
        _shape = shape;
        _literal = literal;
        _chars = chars;
        _ops = ops;
    }

    private enum Shape
    {
        Exact,
        Prefix,
        Suffix,
        Infix,
        General,
    }

    public static LikePattern Compile(string pattern)
    {
        var chars = new List<char>(pattern.Length);
        var ops = new List<byte>(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                chars.Add(pattern[++i]);
                ops.Add(Literal);
            }
            else if (c == '%')
            {
                // Consecutive runs are one run; collapsing them keeps the matcher's backtracking linear in them.
                if (ops.Count == 0 || ops[^1] != AnyRun)
                {
                    chars.Add('%');
                    ops.Add(AnyRun);
                }
            }
            else if (c == '_')
            {
                chars.Add('_');
                ops.Add(AnyOne);
            }
            else
            {
                chars.Add(c);
                ops.Add(Literal);
            }
        }

        var opArray = ops.ToArray();
        var charArray = chars.ToArray();
        var runs = 0;
        var ones = 0;
        foreach (var op in opArray)
        {
            runs += op == AnyRun ? 1 : 0;
            ones += op == AnyOne ? 1 : 0;
        }

        if (ones == 0)
        {
            var leading = opArray.Length > 0 && opArray[0] == AnyRun;
            var trailing = opArray.Length > 0 && opArray[^1] == AnyRun;
            var inner = runs - (leading ? 1 : 0) - (trailing && opArray.Length > 1 ? 1 : 0);
            if (inner == 0)
            {
                var literal = LiteralText(charArray, opArray);
                var shape = (leading, trailing) switch
                {
                    (false, false) => Shape.Exact,
                    (false, true) => Shape.Prefix,
                    (true, false) => Shape.Suffix,
                    _ => opArray.Length == 1 ? Shape.Prefix : Shape.Infix,
                };
                return new LikePattern(shape, literal, charArray, opArray);
            }
        }

        return new LikePattern(Shape.General, string.Empty, charArray, opArray);
    }

    public bool IsMatch(string text) => _shape switch
    {
        Shape.Exact => string.Equals(text, _literal, StringComparison.Ordinal),
        Shape.Prefix => text.StartsWith(_literal, StringComparison.Ordinal),
        Shape.Suffix => text.EndsWith(_literal, StringComparison.Ordinal),
        Shape.Infix => text.Contains(_literal, StringComparison.Ordinal),
        _ => MatchGeneral(text),
    };

    private static string LiteralText(char[] chars, byte[] ops)
    {
        var builder = new StringBuilder(chars.Length);
        for (var i = 0; i < chars.Length; i++)
        {
            if (ops[i] == Literal)
            {
                builder.Append(chars[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Greedy matching with one backtrack point: on a mismatch, the last <c>%</c> swallows one more character and
    /// matching resumes after it. Correct for <c>%</c>/<c>_</c> patterns and O(text × pattern) at worst.
    /// </summary>
    private bool MatchGeneral(string text)
    {
        var ops = _ops;
        var chars = _chars;
        var t = 0;
        var p = 0;
        var runAt = -1;
        var runText = 0;
        while (t < text.Length)
        {
            if (p < ops.Length && ops[p] == AnyOne)
            {
                t += CharWidth(text, t);
                p++;
            }
            else if (p < ops.Length && ops[p] == Literal && chars[p] == text[t])
            {
                t++;
                p++;
            }
            else if (p < ops.Length && ops[p] == AnyRun)
            {
                runAt = p++;
                runText = t;
            }
            else if (runAt >= 0)
            {
                runText += CharWidth(text, runText);
                t = runText;
                p = runAt + 1;
            }
            else
            {
                return false;
            }
        }

        while (p < ops.Length && ops[p] == AnyRun)
        {
            p++;
        }

        return p == ops.Length;
    }

    /// <summary>2 for a well-formed surrogate pair, so that <c>_</c> matches one character outside the BMP.</summary>
    private static int CharWidth(string text, int index) =>
        index + 1 < text.Length && char.IsHighSurrogate(text[index]) && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
}
