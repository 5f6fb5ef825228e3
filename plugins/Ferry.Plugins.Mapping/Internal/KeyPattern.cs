using System.Text;
using System.Text.RegularExpressions;

namespace Ferry.Plugins.Mapping.Internal;

/// <summary>A glob over metadata keys: <c>*</c> any run of characters, <c>?</c> one character, <c>[abc]</c>/<c>[a-z]</c>/<c>[!a]</c> a class; ordinal, case-sensitive.</summary>
internal sealed class KeyPattern
{
    private readonly Regex _regex;

    private KeyPattern(string pattern, Regex regex)
    {
        Pattern = pattern;
        _regex = regex;
    }

    public string Pattern { get; }

    /// <summary>Compiles a pattern; throws <see cref="FormatException"/> for an unclosed '['.</summary>
    public static KeyPattern Parse(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    regex.Append(".*");
                    break;
                case '?':
                    regex.Append('.');
                    break;
                case '[':
                    var close = i + 2 <= pattern.Length ? pattern.IndexOf(']', i + 2) : -1;
                    if (close < 0)
                    {
                        throw new FormatException($"'[' without a closing ']' in '{pattern}'");
                    }

                    var body = pattern[(i + 1)..close];
                    var negated = body.StartsWith('!') || body.StartsWith('^');
                    if (negated)
                    {
                        body = body[1..];
                    }

                    regex.Append(negated ? "[^" : "[").Append(body.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        regex.Append('$');
        return new KeyPattern(pattern, new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1)));
    }

    public bool IsMatch(string key) => _regex.IsMatch(key);
}
