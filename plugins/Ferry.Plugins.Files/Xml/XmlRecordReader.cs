using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Xml;
using Ferry.Plugins.Files.Typing;
using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Text.Numbers;

namespace Ferry.Plugins.Files.Xml;

/// <summary>
/// Streams the records of an XML file with <see cref="XmlReader"/>: every child element of the root is a record.
/// Ferry's layout (<c>id</c> attribute, <c>&lt;metadata&gt;&lt;value key type&gt;</c>) reads back exactly; other
/// layouts (<c>&lt;item&gt;&lt;id&gt;…&lt;/id&gt;&lt;title&gt;…</c>) map child elements by name (id, title, text or
/// content, collection) and the rest to metadata, typed by a <c>type</c> attribute or the <c>schema</c> option, else
/// strings. A record that does not convert becomes a failure naming its line; XML that is not well-formed stops the
/// read with an error naming line and column.
/// </summary>
internal sealed class XmlRecordReader : RecordReader
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CheckCharacters = true,
        CloseInput = false,
        XmlResolver = null,
    };

    private readonly XmlReader _reader;
    private readonly string _fileName;
    private readonly TypeSchema _types;
    private bool _started;
    private bool _done;

    public XmlRecordReader(Stream input, string fileName, TypeSchema types)
    {
        _reader = XmlReader.Create(input, Settings);
        _fileName = fileName;
        _types = types;
    }

    private IXmlLineInfo LineInfo => (IXmlLineInfo)_reader;

    public override string Position => string.Create(CultureInfo.InvariantCulture, $"line {LineInfo.LineNumber}:{LineInfo.LinePosition}");

    public override bool Read(out Record? record, out RecordFailure? failure)
    {
        record = null;
        failure = null;
        if (_done)
        {
            return false;
        }

        try
        {
            if (!_started)
            {
                _started = true;
                if (_reader.MoveToContent() != XmlNodeType.Element)
                {
                    _done = true;
                    return false;
                }

                if (_reader.IsEmptyElement)
                {
                    _reader.Read();
                    _done = true;
                    return false;
                }

                _reader.Read();
            }

            while (true)
            {
                switch (_reader.NodeType)
                {
                    case XmlNodeType.Element:
                        var line = LineInfo.LineNumber;
                        using (var subtree = _reader.ReadSubtree())
                        {
                            subtree.Read();
                            try
                            {
                                record = ReadRecord(subtree);
                            }
                            catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
                            {
                                failure = new RecordFailure(null, string.Create(CultureInfo.InvariantCulture, $"{_fileName}, line {line}: not a record: {ex.Message}")) { Line = line };
                            }
                        }

                        // The subtree reader leaves the parent on the record's end tag.
                        _reader.Read();
                        return true;
                    case XmlNodeType.EndElement:
                        _reader.Read();
                        _reader.MoveToContent();
                        if (!_reader.EOF)
                        {
                            throw new XmlException("unexpected content after the root element", null, LineInfo.LineNumber, LineInfo.LinePosition);
                        }

                        _done = true;
                        return false;
                    case XmlNodeType.None:
                        throw new XmlException("the file ends before the root element is closed: it is truncated", null, LineInfo.LineNumber, LineInfo.LinePosition);
                    default:
                        if (!_reader.Read())
                        {
                            throw new XmlException("the file ends before the root element is closed: it is truncated", null, LineInfo.LineNumber, LineInfo.LinePosition);
                        }

                        break;
                }
            }
        }
        catch (XmlException ex)
        {
            throw new RecordException(
                string.Create(CultureInfo.InvariantCulture, $"{_fileName}: XML not well-formed at line {ex.LineNumber}:{ex.LinePosition}: {ex.Message}"),
                line: ex.LineNumber,
                innerException: ex);
        }
    }

    private Record ReadRecord(XmlReader reader)
    {
        var record = new Record(string.Empty);
        string? id = Attribute(reader, "id");
        record.RecordType = Attribute(reader, "type") ?? RecordTypes.Document;
        record.Collection = Attribute(reader, "collection");
        if (reader.IsEmptyElement)
        {
            record.Id = id ?? throw new FormatException("the record has no id");
            return record;
        }

        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement && !reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            switch (reader.LocalName)
            {
                case "id" or "_id":
                    id = ReadText(reader);
                    break;
                case "title":
                    record.Title = ReadText(reader);
                    break;
                case "text" or "content":
                    record.Text = ReadText(reader);
                    break;
                case "collection":
                    record.Collection = ReadText(reader);
                    break;
                case "vector" or "embedding":
                    var name = Attribute(reader, "name") ?? Record.DefaultVectorName;
                    record.Vectors[name] = ReadFloats(reader);
                    break;
                case "sparse":
                    var sparseName = Attribute(reader, "name") ?? throw new FormatException("a sparse vector needs a name");
                    var indices = ParseIndices(reader.GetAttribute("indices") ?? string.Empty);
                    record.Sparse[sparseName] = new SparseVector(indices, ReadFloats(reader));
                    break;
                case "metadata":
                    if (reader.IsEmptyElement)
                    {
                        reader.Read();
                        break;
                    }

                    reader.Read();
                    while (reader.NodeType != XmlNodeType.EndElement)
                    {
                        if (reader.NodeType == XmlNodeType.Element)
                        {
                            var key = Attribute(reader, "key") ?? reader.LocalName;
                            record.Metadata[key] = Coerce(key, ReadValue(reader, key));
                        }
                        else
                        {
                            reader.Read();
                        }
                    }

                    reader.Read();
                    break;
                case "relationship":
                    record.Relationships.Add(new Relationship(
                        Attribute(reader, "kind") ?? throw new FormatException("a relationship needs a kind"),
                        Attribute(reader, "target") ?? throw new FormatException("a relationship needs a target")));
                    reader.Skip();
                    break;
                case "source" when reader.GetAttribute("system") is not null || reader.GetAttribute("system-base64") is not null:
                    record.Source = new RecordSource(Attribute(reader, "system")!, Attribute(reader, "location"), Attribute(reader, "original-id"));
                    reader.Skip();
                    break;
                default:
                    var elementName = reader.LocalName;
                    record.Metadata[elementName] = Coerce(elementName, ReadValue(reader, elementName));
                    break;
            }
        }

        record.Id = id ?? throw new FormatException("the record has no id (an id attribute or an <id> element)");
        return record;
    }

    /// <summary>A value element: typed by its <c>type</c> attribute; untyped, an element with children is an object, else a string.</summary>
    private MetadataValue ReadValue(XmlReader reader, string field)
    {
        var type = reader.GetAttribute("type");
        if (type is null)
        {
            // Untyped (another tool's XML): only this element is loaded, to see whether it has children.
            return Untyped((System.Xml.Linq.XElement)System.Xml.Linq.XNode.ReadFrom(reader));
        }

        switch (type)
        {
            case "null":
                reader.Skip();
                return MetadataValue.Null;
            case "array":
                return ReadChildren(reader, asArray: true, field);
            case "object":
                return ReadChildren(reader, asArray: false, field);
            case "string":
                return MetadataValue.FromString(ReadText(reader));
            case "float":
                var text = ReadText(reader).Trim();
                return text switch
                {
                    "INF" => MetadataValue.FromFloat(double.PositiveInfinity),
                    "-INF" => MetadataValue.FromFloat(double.NegativeInfinity),
                    _ => TypeSchema.Convert(FieldType.Float, text, field),
                };
            default:
                var fieldType = TypeSchema.ParseTypeOrNull(type) ?? throw new FormatException($"'{field}' has unknown type '{type}'");
                return TypeSchema.Convert(fieldType, ReadText(reader), field);
        }
    }

    private MetadataValue ReadChildren(XmlReader reader, bool asArray, string field)
    {
        var items = new List<MetadataValue>();
        var entries = new List<KeyValuePair<string, MetadataValue>>();
        if (reader.IsEmptyElement)
        {
            reader.Read();
        }
        else
        {
            reader.Read();
            while (reader.NodeType != XmlNodeType.EndElement)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                var key = Attribute(reader, "key") ?? reader.LocalName;
                var value = ReadValue(reader, field + "." + key);
                if (asArray)
                {
                    items.Add(value);
                }
                else
                {
                    entries.Add(KeyValuePair.Create(key, value));
                }
            }

            reader.Read();
        }

        return asArray ? MetadataValue.FromArray(items) : MetadataValue.FromObject(entries);
    }

    /// <summary>An element's text content (whitespace kept), decoded when <c>encoding="base64"</c>; the reader moves past it.</summary>
    private static string ReadText(XmlReader reader)
    {
        var base64 = reader.GetAttribute("encoding") == "base64";
        var text = reader.ReadElementContentAsString();
        return base64 ? new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(text)) : text;
    }

    private static float[] ReadFloats(XmlReader reader)
    {
        var raw = reader.GetAttribute("encoding") == "base64-f32le";
        var text = reader.ReadElementContentAsString();
        if (raw)
        {
            var bytes = Convert.FromBase64String(text);
            return bytes.Length % 4 == 0 ? MemoryMarshal.Cast<byte, float>(bytes).ToArray() : throw new FormatException("a base64-f32le vector must hold whole float32 values");
        }

        var utf8 = Encoding.UTF8.GetBytes(text);
        var values = new List<float>(utf8.Length / 8);
        ReadOnlySpan<byte> rest = utf8;
        while (true)
        {
            rest = rest.TrimStart(" \t\r\n,"u8);
            if (rest.IsEmpty)
            {
                break;
            }

            var end = rest.IndexOfAny(" \t\r\n,"u8);
            var token = end < 0 ? rest : rest[..end];
            if (!Utf8Number.TryParseSingle(token, out var value, out var used) || used != token.Length)
            {
                throw new FormatException($"vector component '{Encoding.UTF8.GetString(token)}' is not a number");
            }

            values.Add(value);
            rest = end < 0 ? [] : rest[end..];
        }

        return values.ToArray();
    }

    private static uint[] ParseIndices(string text)
    {
        var parts = text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        var indices = new uint[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            indices[i] = uint.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                ? index
                : throw new FormatException($"sparse index '{parts[i]}' is not an unsigned 32-bit integer");
        }

        return indices;
    }

    /// <summary>An attribute, or its <c>NAME-base64</c> form for text XML cannot carry.</summary>
    private static string? Attribute(XmlReader reader, string name)
    {
        var value = reader.GetAttribute(name);
        if (value is not null)
        {
            return value;
        }

        var encoded = reader.GetAttribute(name + "-base64");
        return encoded is null ? null : new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(encoded));
    }

    private static MetadataValue Untyped(System.Xml.Linq.XElement element)
    {
        if (!element.HasElements)
        {
            return MetadataValue.FromString(element.Value);
        }

        var entries = new List<KeyValuePair<string, MetadataValue>>();
        foreach (var child in element.Elements())
        {
            entries.Add(KeyValuePair.Create(child.Name.LocalName, Untyped(child)));
        }

        return MetadataValue.FromObject(entries);
    }

    private MetadataValue Coerce(string key, MetadataValue value) => _types.IsEmpty ? value : _types.Coerce(key, value);

    public override void Dispose()
    {
        _reader.Dispose();
        base.Dispose();
    }
}
