using System.Text;
using System.Text.RegularExpressions;

namespace Ferry.Plugins.Folder.Internal;

/// <summary>
/// One glob pattern over relative paths with <c>/</c> separators: <c>*</c> (any run within a segment), <c>?</c> (one
/// character), <c>**</c> (any number of whole segments, including none), <c>[abc]</c>/<c>[a-z]</c>/<c>[!a]</c>
/// (a character class) and <c>{a,b}</c> (alternatives). A pattern without <c>/</c> matches the last segment (the
/// name) at any depth, as in .gitignore. Matching is ordinal and case-sensitive.
/// </summary>
internal sealed class Glob
{
    private readonly Regex _regex;

    private Glob(string pattern, Regex regex, bool nameOnly)
    {
        Pattern = pattern;
        _regex = regex;
        NameOnly = nameOnly;
    }

    /// <summary>The pattern as written.</summary>
    public string Pattern { get; }

    /// <summary>Whether the pattern is matched against the name only.</summary>
    public bool NameOnly { get; }

    /// <summary>Compiles a pattern; throws <see cref="FormatException"/> for an unbalanced <c>[</c> or <c>{</c>.</summary>
    public static Glob Parse(string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var trimmed = pattern.Trim();
        if (trimmed.StartsWith("./", StringComparison.Ordinal))
        {
            trimmed = trimmed[2..];
        }

        trimmed = trimmed.TrimStart('/');
        if (trimmed.EndsWith('/'))
        {
            // "dir/" means the folder and everything below it.
            trimmed += "**";
        }

        var nameOnly = !trimmed.Contains('/', StringComparison.Ordinal);
        var regex = new StringBuilder("^");
        var position = 0;
        Translate(trimmed, ref position, regex, inAlternative: false);
        if (position != trimmed.Length)
        {
            throw new FormatException($"Glob '{pattern}': unexpected '{trimmed[position]}' at position {position}.");
        }

        regex.Append('$');
        return new Glob(pattern, new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1)), nameOnly);
    }

    /// <summary>Whether the relative path (with <c>/</c> separators) matches.</summary>
    public bool IsMatch(string relativePath)
    {
        if (NameOnly)
        {
            var slash = relativePath.LastIndexOf('/');
            return _regex.IsMatch(slash < 0 ? relativePath : relativePath[(slash + 1)..]);
        }

        return _regex.IsMatch(relativePath);
    }

    private static void Translate(string pattern, ref int i, StringBuilder regex, bool inAlternative)
    {
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (inAlternative && (c == ',' || c == '}'))
            {
                return;
            }

            switch (c)
            {
                case '*':
                    if (i + 1 < pattern.Length && pattern[i + 1] == '*')
                    {
                        var atStart = i == 0 || pattern[i - 1] == '/';
                        var beforeSlash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                        var atEnd = i + 2 == pattern.Length;
                        if (atStart && beforeSlash)
                        {
                            // "**/" : zero or more whole segments.
                            regex.Append("(?:[^/]*/)*");
                            i += 3;
                            continue;
                        }

                        if (atStart && atEnd)
                        {
                            // trailing "**": everything below (or, alone, everything).
                            regex.Append(".*");
                            i += 2;
                            continue;
                        }
                    }

                    regex.Append("[^/]*");
                    i++;
                    break;
                case '?':
                    regex.Append("[^/]");
                    i++;
                    break;
                case '[':
                    i = TranslateClass(pattern, i, regex);
                    break;
                case '{':
                    i++;
                    regex.Append("(?:");
                    var first = true;
                    while (true)
                    {
                        if (!first)
                        {
                            regex.Append('|');
                        }

                        first = false;
                        Translate(pattern, ref i, regex, inAlternative: true);
                        if (i >= pattern.Length)
                        {
                            throw new FormatException($"Glob '{pattern}': '{{' without a closing '}}'.");
                        }

                        if (pattern[i] == '}')
                        {
                            i++;
                            break;
                        }

                        i++; // ','
                    }

                    regex.Append(')');
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    i++;
                    break;
            }
        }
    }

    private static int TranslateClass(string pattern, int start, StringBuilder regex)
    {
        var i = start + 1;
        var negated = i < pattern.Length && (pattern[i] == '!' || pattern[i] == '^');
        if (negated)
        {
            i++;
        }

        var body = new StringBuilder();
        var firstChar = true;
        while (i < pattern.Length && (pattern[i] != ']' || firstChar))
        {
            var c = pattern[i];
            if (c == '/')
            {
                throw new FormatException($"Glob '{pattern}': '/' inside a character class.");
            }

            body.Append(c is '\\' or '^' or '[' or ']' ? "\\" + c : c.ToString());
            firstChar = false;
            i++;
        }

        if (i >= pattern.Length)
        {
            throw new FormatException($"Glob '{pattern}': '[' without a closing ']'.");
        }

        regex.Append(negated ? "[^/" : "[").Append(body).Append(']');
        return i + 1;
    }
}
