using System.Globalization;
using System.Text;
using Ferry.Plugins.Files.Typing;
using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Ferry.Plugins.Files.Yaml;

/// <summary>
/// Streams the records of a YAML file: a stream of documents, each a record mapping, or one document whose root is a
/// sequence of record mappings (read item by item). A record that does not convert becomes a failure naming its
/// line; YAML that is not well-formed stops the read with an error naming line and column.
/// </summary>
internal sealed class YamlRecordReader : RecordReader
{
    private readonly StreamReader _text;
    private readonly Parser _parser;
    private readonly string _fileName;
    private readonly TypeSchema _types;
    private bool _inSequence;
    private bool _started;

    public YamlRecordReader(Stream input, string fileName, TypeSchema types)
    {
        _text = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        _parser = new Parser(_text);
        _fileName = fileName;
        _types = types;
    }

    public override string Position => string.Create(CultureInfo.InvariantCulture, $"line {_parser.Current?.Start.Line ?? 0}");

    public override bool Read(out Record? record, out RecordFailure? failure)
    {
        record = null;
        failure = null;
        try
        {
            if (!_started)
            {
                _started = true;
                _parser.MoveNext();
            }

            while (true)
            {
                var current = _parser.Current;
                if (current is null or StreamEnd)
                {
                    return false;
                }

                if (_inSequence)
                {
                    if (current is SequenceEnd)
                    {
                        _inSequence = false;
                        _parser.MoveNext();
                        continue;
                    }

                    Convert(YamlNode.Read(_parser), out record, out failure);
                    return true;
                }

                switch (current)
                {
                    case StreamStart or DocumentEnd:
                        _parser.MoveNext();
                        continue;
                    case DocumentStart:
                        _parser.MoveNext();
                        if (_parser.Current is SequenceStart)
                        {
                            _inSequence = true;
                            _parser.MoveNext();
                            continue;
                        }

                        if (_parser.Current is Scalar empty && YamlScalars.Resolve(empty).IsNull)
                        {
                            // An empty document (a stray ---) holds no record.
                            _parser.MoveNext();
                            continue;
                        }

                        Convert(YamlNode.Read(_parser), out record, out failure);
                        return true;
                    default:
                        throw new YamlException(current.Start, current.End, $"expected a document, found {current.GetType().Name}");
                }
            }
        }
        catch (YamlException ex)
        {
            throw new RecordException(
                string.Create(CultureInfo.InvariantCulture, $"{_fileName}: YAML not well-formed at line {ex.Start.Line}:{ex.Start.Column}: {ex.Message}"),
                line: ex.Start.Line,
                innerException: ex);
        }
    }

    private void Convert(YamlNode node, out Record? record, out RecordFailure? failure)
    {
        record = null;
        failure = null;
        try
        {
            record = node is YamlMappingNode mapping
                ? YamlRecordCodec.ToRecord(mapping, _types)
                : throw new FormatException("a record must be a mapping");
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            failure = new RecordFailure(null, string.Create(CultureInfo.InvariantCulture, $"{_fileName}, line {node.Start.Line}: not a record: {ex.Message}")) { Line = node.Start.Line };
        }
    }

    public override void Dispose()
    {
        _text.Dispose();
        base.Dispose();
    }
}
