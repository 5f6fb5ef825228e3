using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Xml;
using Ferry.Plugins.Files.Typing;
using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Text.Numbers;

namespace Ferry.Plugins.Files.Xml;

/// <summary>
/// Writes <c>&lt;records&gt;</c> with one <c>&lt;record&gt;</c> element per record (docs/formats.md, "XML"). Every
/// metadata value carries a <c>type</c> attribute, so kinds survive; a string holding characters XML 1.0 cannot
/// carry (most control characters) is written as base64 of its UTF-8 with <c>encoding="base64"</c>; carriage returns
/// are written as <c>&amp;#xD;</c> so that XML's line-end normalisation does not eat them.
/// </summary>
internal sealed class XmlRecordWriter : RecordWriter
{
    public const string RootElement = "records";
    private static readonly byte[] Header = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<records format=\"ferry\" version=\"1\">\n");
    private static readonly byte[] Footer = "</records>\n"u8.ToArray();

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        ConformanceLevel = ConformanceLevel.Fragment,
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Entitize,
        OmitXmlDeclaration = true,
        CheckCharacters = true,
        CloseOutput = false,
    };

    private readonly Stream _output;
    private readonly MemoryStream _pending = new();
    private bool _hasPending;
    private bool _started;

    public XmlRecordWriter(Stream output)
    {
        _output = output;
    }

    public override long TrailerBytes => Footer.Length;

    public override long Prepare(Record record)
    {
        _pending.SetLength(0);
        _hasPending = false;
        try
        {
            using (var writer = XmlWriter.Create(_pending, Settings))
            {
                WriteRecord(writer, record);
            }

            _pending.Write("\n"u8);
        }
        catch (Exception ex) when (ex is ArgumentException or XmlException or InvalidOperationException or EncoderFallbackException)
        {
            throw new RecordException($"cannot be written as XML: {ex.Message}", record.Id, innerException: ex);
        }

        _hasPending = true;
        return _pending.Length;
    }

    public override void Commit()
    {
        if (!_hasPending)
        {
            throw new InvalidOperationException("No prepared record to commit.");
        }

        Start();
        _output.Write(_pending.GetBuffer(), 0, (int)_pending.Length);
        _hasPending = false;
    }

    public override void Discard() => _hasPending = false;

    public override void Finish()
    {
        Start();
        _output.Write(Footer);
        _output.Flush();
    }

    private void Start()
    {
        if (!_started)
        {
            _started = true;
            _output.Write(Header);
        }
    }

    private static void WriteRecord(XmlWriter writer, Record record)
    {
        writer.WriteStartElement("record");
        AttributeText(writer, "id", record.Id);
        if (!string.Equals(record.RecordType, RecordTypes.Document, StringComparison.Ordinal))
        {
            AttributeText(writer, "type", record.RecordType);
        }

        if (record.Collection is not null)
        {
            AttributeText(writer, "collection", record.Collection);
        }

        OptionalElement(writer, "title", record.Title);
        OptionalElement(writer, "text", record.Text);
        foreach (var (name, vector) in record.Vectors)
        {
            writer.WriteStartElement("vector");
            AttributeText(writer, "name", name);
            writer.WriteAttributeString("dimension", vector.Length.ToString(CultureInfo.InvariantCulture));
            WriteFloats(writer, vector);
            writer.WriteEndElement();
        }

        foreach (var (name, sparse) in record.Sparse)
        {
            writer.WriteStartElement("sparse");
            AttributeText(writer, "name", name);
            writer.WriteAttributeString("indices", string.Join(' ', sparse.Indices.ToArray()));
            WriteFloats(writer, sparse.Values);
            writer.WriteEndElement();
        }

        if (record.Metadata.Count > 0)
        {
            writer.WriteStartElement("metadata");
            foreach (var (key, value) in record.Metadata)
            {
                WriteValue(writer, key, value);
            }

            writer.WriteEndElement();
        }

        foreach (var relationship in record.Relationships)
        {
            writer.WriteStartElement("relationship");
            AttributeText(writer, "kind", relationship.Kind);
            AttributeText(writer, "target", relationship.TargetId);
            writer.WriteEndElement();
        }

        if (record.Source is { } source)
        {
            writer.WriteStartElement("source");
            AttributeText(writer, "system", source.System);
            if (source.Location is not null)
            {
                AttributeText(writer, "location", source.Location);
            }

            if (source.OriginalId is not null)
            {
                AttributeText(writer, "original-id", source.OriginalId);
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static void WriteValue(XmlWriter writer, string? key, MetadataValue value)
    {
        writer.WriteStartElement("value");
        if (key is not null)
        {
            AttributeText(writer, "key", key);
        }

        writer.WriteAttributeString("type", value.Kind.ToString().ToLowerInvariant());
        switch (value.Kind)
        {
            case MetadataKind.Null:
                break;
            case MetadataKind.Array:
                foreach (var item in value.AsArray())
                {
                    WriteValue(writer, null, item);
                }

                break;
            case MetadataKind.Object:
                foreach (var (childKey, child) in value.AsObject())
                {
                    WriteValue(writer, childKey, child);
                }

                break;
            case MetadataKind.String:
                WriteText(writer, value.AsString());
                break;
            case MetadataKind.Float:
                writer.WriteString(XmlFloat(value.AsFloat()));
                break;
            default:
                writer.WriteString(CellText.Format(value));
                break;
        }

        writer.WriteEndElement();
    }

    /// <summary>A double as XML text: shortest round trip with a fraction, <c>NaN</c>, <c>INF</c>, <c>-INF</c> (XML Schema), or raw bits for a NaN payload.</summary>
    public static string XmlFloat(double value) => value switch
    {
        double.PositiveInfinity => "INF",
        double.NegativeInfinity => "-INF",
        _ when double.IsNaN(value) => BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(double.NaN) ? "NaN" : MetadataText.FormatFloatBits(value),
        _ => MetadataText.FormatFloat(value),
    };

    private static void WriteFloats(XmlWriter writer, ReadOnlySpan<float> values)
    {
        foreach (var value in values)
        {
            if (!float.IsFinite(value))
            {
                writer.WriteAttributeString("encoding", "base64-f32le");
                writer.WriteString(Convert.ToBase64String(MemoryMarshal.AsBytes(values)));
                return;
            }
        }

        var builder = new StringBuilder(values.Length * 12);
        Span<byte> utf8 = stackalloc byte[40];
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            Utf8Number.TryFormatSingle(values[i], utf8, out var written);
            foreach (var b in utf8[..written])
            {
                builder.Append((char)b);
            }
        }

        writer.WriteString(builder.ToString());
    }

    private static void OptionalElement(XmlWriter writer, string name, string? text)
    {
        if (text is null)
        {
            return;
        }

        writer.WriteStartElement(name);
        WriteText(writer, text);
        writer.WriteEndElement();
    }

    private static void WriteText(XmlWriter writer, string text)
    {
        if (IsXmlSafe(text))
        {
            writer.WriteString(text);
            return;
        }

        writer.WriteAttributeString("encoding", "base64");
        writer.WriteString(Convert.ToBase64String(StrictUtf8(text)));
    }

    private static void AttributeText(XmlWriter writer, string name, string text)
    {
        if (IsXmlSafe(text))
        {
            writer.WriteAttributeString(name, text);
        }
        else
        {
            writer.WriteAttributeString(name + "-base64", Convert.ToBase64String(StrictUtf8(text)));
        }
    }

    private static byte[] StrictUtf8(string text) => new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(text);

    /// <summary>Whether XML 1.0 can carry the text as characters (no control characters but tab, LF, CR; no lone surrogates; no U+FFFE/U+FFFF).</summary>
    public static bool IsXmlSafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x20 ? c is not ('\t' or '\n' or '\r') : c is '\uFFFE' or '\uFFFF')
            {
                return false;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
}
