using System.Globalization;

namespace Ferry.Core.Plugins.Manifest;

/// <summary>
/// The SDK versions a plugin says it was built for, from the manifest's <c>sdk</c> field: comparators that must
/// all hold (<c>"&gt;=1.0 &lt;2.0"</c>, <c>"^1.2"</c>, <c>"~1.2"</c>) or a min (inclusive) / max (exclusive) pair.
/// Versions compare on major.minor.patch; missing parts are 0.
/// </summary>
public sealed class SdkVersionRange
{
    private readonly (string Operator, Version Version)[] _comparators;
    private readonly string _text;

    private SdkVersionRange((string Operator, Version Version)[] comparators, string text)
    {
        _comparators = comparators;
        _text = text;
    }

    /// <summary>Parses the string form; throws <see cref="FormatException"/> naming the bad part.</summary>
    public static SdkVersionRange Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var comparators = new List<(string, Version)>();
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var op = part.StartsWith(">=", StringComparison.Ordinal) || part.StartsWith("<=", StringComparison.Ordinal) ? part[..2]
                : part.Length > 0 && part[0] is '>' or '<' or '=' or '^' or '~' ? part[..1]
                : throw new FormatException($"SDK range '{text}': '{part}' must start with >=, >, <=, <, =, ^ or ~.");
            var versionText = part[op.Length..];
            if (versionText.Length == 0 && i + 1 < parts.Length)
            {
                // ">= 1.0" with a space after the operator.
                versionText = parts[++i];
            }

            var version = ParseVersion(versionText, text);
            switch (op)
            {
                case "^":
                    comparators.Add((">=", version));
                    comparators.Add(("<", version.Major > 0 ? new Version(version.Major + 1, 0, 0) : new Version(0, version.Minor + 1, 0)));
                    break;
                case "~":
                    comparators.Add((">=", version));
                    comparators.Add(("<", versionText.Contains('.', StringComparison.Ordinal) ? new Version(version.Major, version.Minor + 1, 0) : new Version(version.Major + 1, 0, 0)));
                    break;
                default:
                    comparators.Add((op, version));
                    break;
            }
        }

        if (comparators.Count == 0)
        {
            throw new FormatException("SDK range is empty.");
        }

        return new SdkVersionRange([.. comparators], string.Join(' ', parts));
    }

    /// <summary>The object form: <paramref name="min"/> inclusive, <paramref name="maxExclusive"/> exclusive (open when <c>null</c>).</summary>
    public static SdkVersionRange Between(string min, string? maxExclusive)
    {
        ArgumentNullException.ThrowIfNull(min);
        var text = maxExclusive is null ? $">={min}" : $">={min} <{maxExclusive}";
        var comparators = new List<(string, Version)> { (">=", ParseVersion(min, text)) };
        if (maxExclusive is not null)
        {
            comparators.Add(("<", ParseVersion(maxExclusive, text)));
        }

        return new SdkVersionRange([.. comparators], text);
    }

    /// <summary>Whether the version (e.g. the host's <see cref="Ferry.Sdk.SdkInfo.Version"/>) satisfies every comparator.</summary>
    public bool Includes(Version version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var v = Normalize(version);
        foreach (var (op, bound) in _comparators)
        {
            var c = v.CompareTo(bound);
            var ok = op switch
            {
                ">=" => c >= 0,
                ">" => c > 0,
                "<=" => c <= 0,
                "<" => c < 0,
                _ => c == 0,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The range as written (whitespace normalized).</summary>
    public override string ToString() => _text;

    /// <summary>Major.minor.patch of a version, for display and comparison.</summary>
    public static string Format(Version version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return Normalize(version).ToString(3);
    }

    private static Version ParseVersion(string text, string range)
    {
        var parts = text.Split('.');
        if (parts.Length is < 1 or > 3)
        {
            throw new FormatException($"SDK range '{range}': '{text}' is not a version (major[.minor[.patch]]).");
        }

        var numbers = new int[3];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                throw new FormatException($"SDK range '{range}': '{text}' is not a version (major[.minor[.patch]]).");
            }
        }

        return new Version(numbers[0], numbers[1], numbers[2]);
    }

    private static Version Normalize(Version version) =>
        new(version.Major, Math.Max(version.Minor, 0), Math.Max(version.Build, 0));
}
