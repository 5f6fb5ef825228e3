namespace Ferry.Plugins.Folder.Internal;

/// <summary>A list of globs; a path matches the set when it matches any of them.</summary>
internal sealed class GlobSet
{
    private readonly Glob[] _globs;

    public GlobSet(IEnumerable<Glob> globs)
    {
        _globs = globs.ToArray();
    }

    public static GlobSet Empty { get; } = new([]);

    public bool IsEmpty => _globs.Length == 0;

    public IReadOnlyList<Glob> Globs => _globs;

    public bool IsMatch(string relativePath)
    {
        foreach (var glob in _globs)
        {
            if (glob.IsMatch(relativePath))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Splits an option value into patterns: separated by <c>;</c>, or by <c>,</c> outside braces (a YAML list in a
    /// job file arrives comma-joined), so <c>**/*.{md,cs};docs/**</c> is two patterns.
    /// </summary>
    public static IReadOnlyList<string> Split(string value)
    {
        var patterns = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            switch (value[i])
            {
                case '{': depth++; break;
                case '}': depth = Math.Max(0, depth - 1); break;
                case ';':
                case ',' when depth == 0:
                    Add(value[start..i]);
                    start = i + 1;
                    break;
            }
        }

        Add(value[start..]);
        return patterns;

        void Add(string part)
        {
            var trimmed = part.Trim();
            if (trimmed.Length > 0)
            {
                patterns.Add(trimmed);
            }
        }
    }
}
