using System.Buffers;
using System.Text;
using System.Text.Json;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Files.Json;

/// <summary>
/// The <c>extra</c> column of the tabular formats (CSV, Arrow): what a record holds beyond the file's own columns,
/// as one compact JSON record (the JSON format's record shape, without the id).
/// </summary>
internal sealed class ExtraColumnJson
{
    private readonly ArrayBufferWriter<byte> _json = new(256);

    /// <summary>
    /// Copies the parts no tabular column ever carries (sparse vectors, relationships, provenance) onto
    /// <paramref name="extra"/>; true when the record had any.
    /// </summary>
    public static bool AddUncolumned(Record record, Record extra)
    {
        var added = false;
        foreach (var (name, sparse) in record.Sparse)
        {
            extra.Sparse[name] = sparse;
            added = true;
        }

        if (record.Relationships.Count > 0 || record.Source is not null)
        {
            extra.Relationships.AddRange(record.Relationships);
            extra.Source = record.Source;
            added = true;
        }

        return added;
    }

    /// <summary>The cell text of <paramref name="extra"/>.</summary>
    public string Write(Record extra)
    {
        _json.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_json, JsonArrayWriter.Options(indent: false)))
        {
            JsonRecordCodec.Write(writer, extra, includeId: false);
        }

        return Encoding.UTF8.GetString(_json.WrittenSpan);
    }
}
