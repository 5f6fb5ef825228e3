namespace Ferry.Plugins.Folder.Internal;

/// <summary>
/// The title of a Markdown document: the <c>title</c> key of a YAML front matter block (a first line <c>---</c>, up
/// to a line <c>---</c> or <c>...</c>), else the text of the first heading, ATX (<c># Title</c>, closing hashes
/// removed) or setext (a line underlined with <c>===</c> or <c>---</c>), outside fenced code blocks. Inline markup in
/// the heading is kept as written.
/// </summary>
internal static class MarkdownTitle
{
    public static string? Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        var start = 0;
        if (lines.Length > 0 && lines[0].TrimEnd('\r', ' ', '\t') == "---")
        {
            for (var i = 1; i < lines.Length; i++)
            {
                var line = lines[i].TrimEnd('\r');
                var bare = line.TrimEnd(' ', '\t');
                if (bare is "---" or "...")
                {
                    start = i + 1;
                    break;
                }

                if (line.StartsWith("title:", StringComparison.Ordinal))
                {
                    var value = Unquote(line["title:".Length..].Trim());
                    if (value.Length > 0)
                    {
                        return value;
                    }
                }
            }
        }

        string? fence = null;
        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var indent = Indent(line);
            var content = line.TrimStart(' ');
            if (indent <= 3 && (content.StartsWith("```", StringComparison.Ordinal) || content.StartsWith("~~~", StringComparison.Ordinal)))
            {
                var marker = content[..3];
                if (fence is null)
                {
                    fence = marker;
                }
                else if (marker == fence)
                {
                    fence = null;
                }

                continue;
            }

            if (fence is not null || indent > 3)
            {
                continue;
            }

            if (content.StartsWith('#'))
            {
                var level = 0;
                while (level < content.Length && content[level] == '#')
                {
                    level++;
                }

                if (level <= 6 && (level == content.Length || content[level] is ' ' or '\t'))
                {
                    var heading = content[level..].Trim();
                    var closing = heading.Length;
                    while (closing > 0 && heading[closing - 1] == '#')
                    {
                        closing--;
                    }

                    if (closing < heading.Length && (closing == 0 || heading[closing - 1] is ' ' or '\t'))
                    {
                        heading = heading[..closing].TrimEnd();
                    }

                    if (heading.Length > 0)
                    {
                        return heading;
                    }
                }

                continue;
            }

            if (content.Trim().Length > 0 && i + 1 < lines.Length)
            {
                var next = lines[i + 1].TrimEnd('\r');
                var underline = next.Trim();
                if (Indent(next) <= 3 && underline.Length > 0 && (underline.All(ch => ch == '=') || (underline.All(ch => ch == '-') && underline.Length >= 2)))
                {
                    return content.Trim();
                }
            }
        }

        return null;
    }

    private static int Indent(string line)
    {
        var count = 0;
        while (count < line.Length && line[count] == ' ')
        {
            count++;
        }

        return count;
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')))
        {
            var inner = value[1..^1];
            return value[0] == '\'' ? inner.Replace("''", "'", StringComparison.Ordinal) : inner.Replace("\\\"", "\"", StringComparison.Ordinal);
        }

        return value;
    }
}
