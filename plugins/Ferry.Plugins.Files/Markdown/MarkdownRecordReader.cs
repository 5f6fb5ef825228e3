using System.Globalization;
using System.Text;
using Ferry.Plugins.Files.Typing;
using Ferry.Plugins.Files.Wrapping;
using Ferry.Plugins.Files.Yaml;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using YamlDotNet.Core;

namespace Ferry.Plugins.Files.Markdown;

/// <summary>
/// Reads Markdown records line by line (line ends kept exactly): sections that start with the record marker, or a
/// single document (a file of the folder layout, or any Markdown file). Front matter gives the fields and metadata
/// (YAML typing); the body is the text. A file without front matter is one record: its id is the file name without
/// extension, its title the first <c># heading</c>, its text the whole file.
/// </summary>
internal sealed class MarkdownRecordReader : RecordReader
{
    private readonly StreamReader _text;
    private readonly string _fileName;
    private readonly TypeSchema _types;
    private readonly StringBuilder _line = new();
    private string? _pendingLine;
    private long _lineNumber;
    private bool _started;
    private bool _sections;
    private bool _done;
    private int _recordsInFile;

    public MarkdownRecordReader(Stream input, string fileName, TypeSchema types)
    {
        _text = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        _fileName = fileName;
        _types = types;
    }

    public override string Position => string.Create(CultureInfo.InvariantCulture, $"line {_lineNumber}");

    public override bool Read(out Record? record, out RecordFailure? failure)
    {
        record = null;
        failure = null;
        if (_done)
        {
            return false;
        }

        if (!_started)
        {
            _started = true;
            var first = NextLine();
            if (first is null)
            {
                _done = true;
                return false;
            }

            _sections = IsMarker(first);
            if (!_sections)
            {
                _pendingLine = first;
            }
        }

        var startLine = _lineNumber + (_sections ? 1 : 0);
        var lines = new List<string>();
        string? line;
        while ((line = NextLine()) is not null)
        {
            if (_sections && IsMarker(line))
            {
                break;
            }

            lines.Add(line);
        }

        if (line is null)
        {
            _done = true;
        }

        if (!_sections && lines.Count == 0)
        {
            return false;
        }

        try
        {
            record = Convert(lines, startLine);
        }
        catch (Exception ex) when (ex is FormatException or YamlException or ArgumentException)
        {
            var where = ex is YamlException y ? $"front matter not well-formed at line {startLine + y.Start.Line}:{y.Start.Column}: {y.Message}" : ex.Message;
            failure = new RecordFailure(null, string.Create(CultureInfo.InvariantCulture, $"{_fileName}, line {startLine}: not a record: {where}")) { Line = startLine };
        }

        _recordsInFile++;
        return true;
    }

    private Record Convert(List<string> lines, long startLine)
    {
        var defaultId = Path.GetFileNameWithoutExtension(Ferry.Files.Wrapping.WrappedName.Parse(_fileName).BasePath)
            + (_recordsInFile > 0 ? "#" + _recordsInFile.ToString(CultureInfo.InvariantCulture) : string.Empty);
        var bodyStart = 0;
        Record record;
        var hasTextKey = false;
        if (lines.Count > 0 && Trimmed(lines[0]) == MarkdownLayout.Fence)
        {
            var end = 1;
            while (end < lines.Count && Trimmed(lines[end]) != MarkdownLayout.Fence)
            {
                end++;
            }

            if (end == lines.Count)
            {
                throw new FormatException($"the front matter that starts on line {startLine} has no closing ---");
            }

            var yaml = string.Concat(lines.GetRange(1, end - 1));
            var parser = new Parser(new StringReader(yaml));
            parser.Consume<YamlDotNet.Core.Events.StreamStart>();
            if (parser.Accept<YamlDotNet.Core.Events.StreamEnd>(out _))
            {
                record = new Record(defaultId);
            }
            else
            {
                parser.Consume<YamlDotNet.Core.Events.DocumentStart>();
                var node = YamlNode.Read(parser);
                if (node is YamlScalarNode { Text: "" })
                {
                    record = new Record(defaultId);
                }
                else
                {
                    var mapping = node as YamlMappingNode ?? throw new FormatException("the front matter must be a mapping");
                    record = YamlRecordCodec.ToRecord(mapping, _types, defaultId);
                    foreach (var (key, _) in mapping.Entries)
                    {
                        hasTextKey |= key is YamlScalarNode { Text: "text" };
                    }
                }
            }

            bodyStart = end + 1;
        }
        else
        {
            record = new Record(defaultId);
            foreach (var line in lines)
            {
                var trimmed = Trimmed(line);
                if (trimmed.StartsWith("# ", StringComparison.Ordinal))
                {
                    record.Title = trimmed[2..].Trim();
                    break;
                }

                if (trimmed.Length > 0)
                {
                    break;
                }
            }
        }

        if (!hasTextKey)
        {
            var body = new StringBuilder();
            for (var i = bodyStart; i < lines.Count; i++)
            {
                var line = lines[i];
                var content = Trimmed(line).AsSpan();
                if (MarkdownLayout.IsEscapedMarker(content, out var backslashes) && backslashes > 0)
                {
                    line = line[1..];
                }

                body.Append(line);
            }

            // The writer ends every body with one newline of its own.
            if (body.Length > 0 && body[^1] == '\n')
            {
                body.Length--;
            }

            record.Text = body.ToString();
        }

        return record;
    }

    private static string Trimmed(string line) => line.TrimEnd('\n').TrimEnd('\r');

    private static bool IsMarker(string line) => MarkdownLayout.IsEscapedMarker(Trimmed(line), out var backslashes) && backslashes == 0;

    /// <summary>The next line with its terminator (LF, or CRLF as part of it), or null at the end.</summary>
    private string? NextLine()
    {
        if (_pendingLine is not null)
        {
            var pending = _pendingLine;
            _pendingLine = null;
            return pending;
        }

        _line.Clear();
        int c;
        while ((c = _text.Read()) >= 0)
        {
            _line.Append((char)c);
            if (c == '\n')
            {
                break;
            }
        }

        if (_line.Length == 0)
        {
            return null;
        }

        _lineNumber++;
        return _line.ToString();
    }

    public override void Dispose()
    {
        _text.Dispose();
        base.Dispose();
    }
}
