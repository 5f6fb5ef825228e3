using Ferry.Plugins.Files.Typing;
using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Files.Xml;

/// <summary>XML: <c>&lt;records&gt;</c> with one <c>&lt;record&gt;</c> element per record, values typed by attributes.</summary>
internal sealed class XmlFormat : RecordFormat
{
    public const string FormatName = "xml";

    public override string Name => FormatName;

    public override RecordWriter CreateWriter(Stream output, DatasetSchema schema, IReadOnlyList<Record> firstRecords) => new XmlRecordWriter(output);

    public override RecordReader CreateReader(Stream input, string fileName, TypeSchema types) => new XmlRecordReader(input, fileName, types);
}
