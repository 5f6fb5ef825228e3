using System.Text;
using Ferry.Plugins.Files.Yaml;
using Ferry.Sdk.Records;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Ferry.Plugins.Files.Markdown;

/// <summary>
/// A record as Markdown (docs/formats.md, "Markdown"): YAML front matter between <c>---</c> lines (id, title,
/// record_type, collection, metadata, vectors unless <c>vectors=false</c>, relationships, source; <c>text: null</c>
/// when the record has no text), then the text as the body, verbatim. In one file, each record starts with the line
/// <c>&lt;!-- ferry:record --&gt;</c>; a body line that equals that marker (after any backslashes) gets one more
/// leading backslash, which the reader removes.
/// </summary>
internal static class MarkdownLayout
{
    public const string Marker = "<!-- ferry:record -->";
    public const string Fence = "---";

    public static string Render(Record record, bool withMarker, bool vectors)
    {
        var yaml = new StringWriter();
        var emitter = new Emitter(yaml, YamlRecordWriter.Settings);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block));
        YamlRecordCodec.EmitMembers(emitter, record, includeText: false, includeVectors: vectors);
        if (record.Text is null)
        {
            YamlScalars.Plain(emitter, "text");
            YamlScalars.Plain(emitter, "null");
        }

        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        var builder = new StringBuilder((record.Text?.Length ?? 0) + 256);
        if (withMarker)
        {
            builder.Append(Marker).Append('\n');
        }

        builder.Append(Fence).Append('\n').Append(yaml.ToString());
        if (builder[^1] != '\n')
        {
            builder.Append('\n');
        }

        builder.Append(Fence).Append('\n');
        if (record.Text is { } text)
        {
            AppendEscaped(builder, text);
        }

        builder.Append('\n');
        return builder.ToString();
    }

    /// <summary>Whether a line (without its terminator) is the marker, possibly escaped with leading backslashes.</summary>
    public static bool IsEscapedMarker(ReadOnlySpan<char> line, out int backslashes)
    {
        backslashes = 0;
        while (backslashes < line.Length && line[backslashes] == '\\')
        {
            backslashes++;
        }

        return line[backslashes..].SequenceEqual(Marker);
    }

    private static void AppendEscaped(StringBuilder builder, string text)
    {
        var start = 0;
        while (start <= text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline;
            var line = text.AsSpan(start, end - start);
            var content = line.EndsWith("\r") ? line[..^1] : line;
            if (IsEscapedMarker(content, out _))
            {
                builder.Append('\\');
            }

            builder.Append(line);
            if (newline < 0)
            {
                break;
            }

            builder.Append('\n');
            start = newline + 1;
        }
    }
}
