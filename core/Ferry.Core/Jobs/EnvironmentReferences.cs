using System.Text;
using Ferry.Sdk.Errors;

namespace Ferry.Core.Jobs;

/// <summary>
/// Expands <c>${env:NAME}</c> references in locations and options, so that secrets live in environment variables
/// and never in a job file, the command line or the shell history. <c>$${</c> stands for a literal <c>${</c>.
/// A reference to an unset variable is a configuration error naming it.
/// </summary>
public static class EnvironmentReferences
{
    private const string Prefix = "${env:";

    /// <summary>Whether the text contains at least one reference.</summary>
    public static bool HasReferences(string? text) => text is not null && text.Contains(Prefix, StringComparison.Ordinal);

    /// <summary>Replaces every reference with the variable's value.</summary>
    /// <exception cref="ConnectorConfigurationException">A variable is not set, or a reference is not closed.</exception>
    public static string Expand(string text, Func<string, string?>? lookup = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return text;
        }

        lookup ??= Environment.GetEnvironmentVariable;
        var builder = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && i + 2 < text.Length && text[i + 1] == '$' && text[i + 2] == '{')
            {
                builder.Append("${");
                i += 3;
                continue;
            }

            if (string.CompareOrdinal(text, i, Prefix, 0, Prefix.Length) == 0)
            {
                var close = text.IndexOf('}', i + Prefix.Length);
                if (close < 0)
                {
                    throw new ConnectorConfigurationException($"Unclosed environment reference in '{Redact(text)}': expected '}}' after '{Prefix}'.");
                }

                var name = text[(i + Prefix.Length)..close].Trim();
                if (name.Length == 0)
                {
                    throw new ConnectorConfigurationException("An environment reference '${env:}' names no variable.");
                }

                var value = lookup(name) ?? throw new ConnectorConfigurationException($"Environment variable '{name}' is not set (referenced as ${{env:{name}}}).");
                builder.Append(value);
                i = close + 1;
                continue;
            }

            builder.Append(text[i]);
            i++;
        }

        return builder.ToString();
    }

    /// <summary>
    /// Hides a password written straight into a URI (<c>scheme://user:secret@host</c> becomes
    /// <c>scheme://user:***@host</c>); references are kept as written since they reveal nothing.
    /// </summary>
    public static string Redact(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var scheme = location.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return location;
        }

        var authorityStart = scheme + 3;
        var authorityEnd = location.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = location.Length;
        }

        var at = location.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart);
        if (at < 0)
        {
            return location;
        }

        var colon = location.IndexOf(':', authorityStart, at - authorityStart);
        if (colon < 0)
        {
            return location;
        }

        var secret = location[(colon + 1)..at];
        return HasReferences(secret) ? location : string.Concat(location.AsSpan(0, colon + 1), "***", location.AsSpan(at));
    }

    /// <summary>Whether a location carries a literal password (one that is not an environment reference).</summary>
    public static bool HasLiteralPassword(string location) => !string.Equals(Redact(location), location, StringComparison.Ordinal);
}
