using System.Net;
using System.Text;

namespace Ferry.Plugins.Folder.Internal;

/// <summary>
/// Turns HTML into readable plain text: comments, doctype, processing instructions and the content of
/// <c>script</c>, <c>style</c>, <c>noscript</c>, <c>template</c> and <c>head</c> (except the title) are dropped; block
/// elements (p, div, li, h1–h6, tr, br, …) end a line; table cells are separated by a tab; whitespace runs collapse to
/// one space outside <c>pre</c>; character references (named, decimal, hexadecimal) are decoded; at most one blank
/// line is kept in a row. The title is the decoded content of the first <c>title</c> element, else of the first
/// <c>h1</c>. A lenient scanner, not a validating parser: malformed markup degrades to text, it never throws.
/// </summary>
internal static class HtmlText
{
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "noscript", "template" };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html",
        "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
    };

    /// <summary>Extracts the text and the title.</summary>
    public static (string Text, string? Title) Extract(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var output = new StringBuilder(html.Length / 2);
        string? title = null;
        string? firstH1 = null;
        StringBuilder? h1 = null;
        var inHead = false;
        var preDepth = 0;
        var pendingSpace = false;
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c != '<')
            {
                var end = html.IndexOf('<', i);
                if (end < 0)
                {
                    end = html.Length;
                }

                if (!inHead)
                {
                    var text = WebUtility.HtmlDecode(html[i..end]);
                    AppendText(output, text, preDepth > 0, ref pendingSpace);
                    h1?.Append(text);
                }

                i = end;
                continue;
            }

            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                i = Skip(html, i + 4, "-->");
                continue;
            }

            if (string.CompareOrdinal(html, i, "<![CDATA[", 0, 9) == 0)
            {
                var close = html.IndexOf("]]>", i + 9, StringComparison.Ordinal);
                var end = close < 0 ? html.Length : close;
                if (!inHead)
                {
                    AppendText(output, html[(i + 9)..end], preDepth > 0, ref pendingSpace);
                }

                i = close < 0 ? html.Length : close + 3;
                continue;
            }

            if (i + 1 < html.Length && (html[i + 1] == '!' || html[i + 1] == '?'))
            {
                i = Skip(html, i + 2, ">");
                continue;
            }

            var closing = i + 1 < html.Length && html[i + 1] == '/';
            var nameStart = i + (closing ? 2 : 1);
            if (nameStart >= html.Length || !char.IsAsciiLetter(html[nameStart]))
            {
                // A lone '<' is text.
                if (!inHead)
                {
                    AppendText(output, "<", preDepth > 0, ref pendingSpace);
                }

                i++;
                continue;
            }

            var nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or ':' or '_'))
            {
                nameEnd++;
            }

            var name = html[nameStart..nameEnd];
            var tagEnd = TagEnd(html, nameEnd);
            var selfClosing = tagEnd > 1 && html[tagEnd - 2] == '/';
            i = tagEnd;
            if (closing)
            {
                if (name.Equals("head", StringComparison.OrdinalIgnoreCase))
                {
                    inHead = false;
                }
                else if (name.Equals("pre", StringComparison.OrdinalIgnoreCase))
                {
                    preDepth = Math.Max(0, preDepth - 1);
                }
                else if (name.Equals("h1", StringComparison.OrdinalIgnoreCase) && h1 is not null)
                {
                    firstH1 = Collapse(h1.ToString());
                    h1 = null;
                }

                EndElement(output, name, ref pendingSpace);
                continue;
            }

            if (Dropped.Contains(name) && !selfClosing)
            {
                i = SkipElement(html, i, name);
                continue;
            }

            if (name.Equals("title", StringComparison.OrdinalIgnoreCase) && !selfClosing)
            {
                var close = IndexOfClosingTag(html, i, "title");
                var raw = html[i..(close < 0 ? html.Length : close)];
                title ??= Collapse(WebUtility.HtmlDecode(raw));
                i = close < 0 ? html.Length : TagEnd(html, close + 2 + "title".Length);
                continue;
            }

            if (name.Equals("head", StringComparison.OrdinalIgnoreCase))
            {
                inHead = !selfClosing;
                continue;
            }

            if (name.Equals("body", StringComparison.OrdinalIgnoreCase))
            {
                inHead = false;
            }

            if (name.Equals("pre", StringComparison.OrdinalIgnoreCase) && !selfClosing)
            {
                preDepth++;
            }

            if (name.Equals("h1", StringComparison.OrdinalIgnoreCase) && firstH1 is null && h1 is null && !selfClosing)
            {
                h1 = new StringBuilder();
            }

            StartElement(output, name, ref pendingSpace);
        }

        if (h1 is not null && firstH1 is null)
        {
            firstH1 = Collapse(h1.ToString());
        }

        var finalTitle = string.IsNullOrEmpty(title) ? (string.IsNullOrEmpty(firstH1) ? null : firstH1) : title;
        return (Tidy(output), finalTitle);
    }

    private static void AppendText(StringBuilder output, string text, bool preformatted, ref bool pendingSpace)
    {
        if (preformatted)
        {
            if (pendingSpace && output.Length > 0 && output[^1] != '\n')
            {
                output.Append(' ');
            }

            pendingSpace = false;
            output.Append(text.Replace("\r\n", "\n", StringComparison.Ordinal));
            return;
        }

        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace && output.Length > 0 && output[^1] is not ('\n' or '\t' or ' '))
            {
                output.Append(' ');
            }

            pendingSpace = false;
            output.Append(ch);
        }
    }

    private static void StartElement(StringBuilder output, string name, ref bool pendingSpace)
    {
        if (Blocks.Contains(name))
        {
            NewLine(output, ref pendingSpace, blank: EndsParagraph(name));
        }
        else if (name.Equals("td", StringComparison.OrdinalIgnoreCase) || name.Equals("th", StringComparison.OrdinalIgnoreCase))
        {
            if (output.Length > 0 && output[^1] is not ('\n' or '\t'))
            {
                output.Append('\t');
            }

            pendingSpace = false;
        }
        else if (name.Equals("img", StringComparison.OrdinalIgnoreCase) || name.Equals("input", StringComparison.OrdinalIgnoreCase))
        {
            pendingSpace = true;
        }
    }

    private static void EndElement(StringBuilder output, string name, ref bool pendingSpace)
    {
        if (Blocks.Contains(name))
        {
            NewLine(output, ref pendingSpace, blank: EndsParagraph(name));
        }
    }

    /// <summary>Headings and paragraphs are set off by a blank line; other blocks by a line break.</summary>
    private static bool EndsParagraph(string name) =>
        name.Equals("p", StringComparison.OrdinalIgnoreCase)
        || (name.Length == 2 && (name[0] == 'h' || name[0] == 'H') && name[1] is >= '1' and <= '6');

    private static void NewLine(StringBuilder output, ref bool pendingSpace, bool blank)
    {
        pendingSpace = false;
        if (output.Length == 0)
        {
            return;
        }

        if (output[^1] != '\n')
        {
            output.Append('\n');
        }

        if (blank && (output.Length < 2 || output[^2] != '\n'))
        {
            output.Append('\n');
        }
    }

    /// <summary>Trims the end of each line (leading blanks only occur in pre), keeps at most one blank line in a row.</summary>
    private static string Tidy(StringBuilder output)
    {
        var lines = output.ToString().Split('\n');
        var result = new StringBuilder(output.Length);
        var blank = 0;
        foreach (var line in lines)
        {
            var trimmed = line.TrimEnd();
            if (trimmed.Trim().Length == 0)
            {
                blank++;
                continue;
            }

            if (result.Length > 0)
            {
                result.Append(blank > 0 ? "\n\n" : "\n");
            }

            blank = 0;
            result.Append(trimmed);
        }

        return result.ToString();
    }

    private static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(ch);
        }

        return builder.ToString();
    }

    private static int Skip(string html, int from, string terminator)
    {
        var index = html.IndexOf(terminator, from, StringComparison.Ordinal);
        return index < 0 ? html.Length : index + terminator.Length;
    }

    /// <summary>The index after the '&gt;' that ends a tag, honouring quoted attribute values.</summary>
    private static int TagEnd(string html, int from)
    {
        char quote = '\0';
        for (var i = from; i < html.Length; i++)
        {
            var c = html[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i + 1;
            }
        }

        return html.Length;
    }

    private static int SkipElement(string html, int from, string name)
    {
        var close = IndexOfClosingTag(html, from, name);
        return close < 0 ? html.Length : TagEnd(html, close + 2 + name.Length);
    }

    private static int IndexOfClosingTag(string html, int from, string name)
    {
        var i = from;
        while (true)
        {
            var index = html.IndexOf("</", i, StringComparison.Ordinal);
            if (index < 0)
            {
                return -1;
            }

            var end = index + 2 + name.Length;
            if (end <= html.Length
                && string.Compare(html, index + 2, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (end == html.Length || !char.IsAsciiLetterOrDigit(html[end])))
            {
                return index;
            }

            i = index + 2;
        }
    }
}
