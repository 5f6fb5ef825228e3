using System.Globalization;
using System.Text;
using System.Text.Json;
using Ferry.Plugins.Files.Json;
using Ferry.Plugins.Files.Typing;
using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Ferry.Text.Json;
using Ferry.Text.Numbers;

namespace Ferry.Plugins.Files.Csv;

/// <summary>
/// Reads CSV rows into records: the header maps columns (<see cref="CsvLayout.ForReading"/>); an unquoted empty cell
/// is absent, the null text (<c>\N</c>) an explicit null, a quoted empty cell an empty string; metadata cells are
/// strings unless a typed header or the <c>schema</c> option gives their type. A row with the wrong number of fields
/// or a cell that does not convert becomes a failure naming its line; reading goes on.
/// </summary>
internal sealed class CsvRecordReader : RecordReader
{
    private readonly CsvRowReader _rows;
    private readonly CsvOptions _options;
    private readonly TypeSchema _types;
    private readonly string _fileName;
    private readonly byte[] _nullText;
    private List<CsvColumn>? _columns;

    public CsvRecordReader(Stream input, CsvOptions options, TypeSchema types, string fileName)
    {
        _rows = new CsvRowReader(input, options.Delimiter, options.Quote, fileName);
        _options = options;
        _types = types;
        _fileName = fileName;
        _nullText = Encoding.UTF8.GetBytes(options.NullText);
    }

    public override string Position => string.Create(CultureInfo.InvariantCulture, $"line {_rows.Line}");

    public override bool Read(out Record? record, out RecordFailure? failure)
    {
        record = null;
        failure = null;
        if (_columns is null)
        {
            if (!_rows.ReadRow())
            {
                return false;
            }

            if (_options.Header)
            {
                var header = new List<string>(_rows.Fields.Count);
                for (var i = 0; i < _rows.Fields.Count; i++)
                {
                    header.Add(_rows.FieldString(i).Trim());
                }

                _columns = CsvLayout.ForReading(header, _types, _options);
                if (!_rows.ReadRow())
                {
                    return false;
                }
            }
            else
            {
                var header = new List<string>(_rows.Fields.Count) { "id" };
                for (var i = 1; i < _rows.Fields.Count; i++)
                {
                    header.Add("c" + (i + 1).ToString(CultureInfo.InvariantCulture));
                }

                _columns = CsvLayout.ForReading(header, _types, _options);
            }
        }
        else if (!_rows.ReadRow())
        {
            return false;
        }

        var line = _rows.Line;
        if (_rows.Fields.Count != _columns.Count)
        {
            failure = new RecordFailure(
                IdGuess(),
                string.Create(CultureInfo.InvariantCulture, $"{_fileName}, line {line}: ragged row: expected {_columns.Count} fields (as in the header), got {_rows.Fields.Count}"))
            {
                Line = line,
                Raw = _rows.RawRow(),
            };
            return true;
        }

        string? field = null;
        try
        {
            record = Convert(ref field);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException or InvalidOperationException)
        {
            failure = new RecordFailure(IdGuess(), $"{_fileName}, line {line}{(field is null ? string.Empty : ", column '" + field + "'")}: {ex.Message}")
            {
                Line = line,
                Field = field,
                Raw = _rows.RawRow(),
            };
        }

        return true;
    }

    private Record Convert(ref string? field)
    {
        var record = new Record(string.Empty);
        string? id = null;
        for (var i = 0; i < _columns!.Count; i++)
        {
            var column = _columns[i];
            field = column.Name;
            var (_, length, quoted) = _rows.Fields[i];
            var bytes = _rows.Field(i);
            if (length == 0 && !quoted)
            {
                continue;
            }

            var isNull = !quoted && bytes.SequenceEqual(_nullText);
            switch (column.Kind)
            {
                case CsvColumnKind.Id:
                    id = isNull ? null : Encoding.UTF8.GetString(bytes);
                    break;
                case CsvColumnKind.Title:
                    record.Title = isNull ? null : Encoding.UTF8.GetString(bytes);
                    break;
                case CsvColumnKind.Text:
                    record.Text = isNull ? null : Encoding.UTF8.GetString(bytes);
                    break;
                case CsvColumnKind.Collection:
                    record.Collection = isNull ? null : Encoding.UTF8.GetString(bytes);
                    break;
                case CsvColumnKind.RecordType:
                    record.RecordType = isNull ? RecordTypes.Document : Encoding.UTF8.GetString(bytes);
                    break;
                case CsvColumnKind.Vector:
                    if (!isNull)
                    {
                        record.Vectors[column.Path[0]] = ParseVector(bytes);
                    }

                    break;
                case CsvColumnKind.Metadata:
                    var value = isNull ? MetadataValue.Null : ConvertCell(column, bytes, quoted);
                    if (value is not null)
                    {
                        SetPath(record.Metadata, column.Path, value);
                    }

                    break;
                case CsvColumnKind.Extra:
                    MergeExtra(record, bytes);
                    break;
            }
        }

        field = null;
        if (string.IsNullOrEmpty(id))
        {
            throw new FormatException("the row has no id");
        }

        record.Id = id;
        return record;
    }

    private static MetadataValue? ConvertCell(CsvColumn column, ReadOnlySpan<byte> bytes, bool quoted)
    {
        var text = Encoding.UTF8.GetString(bytes);
        if (column.Type is null or FieldType.String)
        {
            return MetadataValue.FromString(text);
        }

        if (text.Length == 0 && quoted)
        {
            // "" is empty bytes in a bytes column (base64 of nothing), and no value in a column of another type.
            return column.Type == FieldType.Bytes ? MetadataValue.FromBytes([]) : null;
        }

        return TypeSchema.Convert(column.Type.Value, text, column.Name);
    }

    private static float[] ParseVector(ReadOnlySpan<byte> bytes)
    {
        var trimmed = bytes.Trim(" \t"u8);
        if (trimmed.Length > 0 && trimmed[0] == (byte)'[')
        {
            try
            {
                var values = JsonNumberArray.ParseSingles(trimmed, out var consumed);
                if (trimmed[consumed..].Trim(" \t"u8).Length != 0)
                {
                    throw new FormatException("the vector cell has text after its closing ]");
                }

                return values;
            }
            catch (Utf8FormatException ex)
            {
                throw new FormatException($"the vector is not a JSON array of numbers: {ex.Message}", ex);
            }
        }

        var list = new List<float>(trimmed.Count((byte)' ') + 1);
        var rest = trimmed;
        while (rest.Length > 0)
        {
            var end = rest.IndexOfAny(" ,;\t"u8);
            var token = end < 0 ? rest : rest[..end];
            if (token.Length > 0)
            {
                if (!Utf8Number.TryParseSingle(token, out var value, out var used) || used != token.Length)
                {
                    throw new FormatException($"the vector component '{Encoding.UTF8.GetString(token)}' is not a number");
                }

                list.Add(value);
            }

            rest = end < 0 ? [] : rest[(end + 1)..];
        }

        return list.ToArray();
    }

    private void MergeExtra(Record record, ReadOnlySpan<byte> json) => JsonRecordCodec.MergeJson(record, json, _types);

    private static void SetPath(Dictionary<string, MetadataValue> metadata, string[] path, MetadataValue value)
    {
        if (path.Length == 1)
        {
            metadata[path[0]] = value;
            return;
        }

        var existing = metadata.TryGetValue(path[0], out var current) && current.Kind == MetadataKind.Object ? current.AsObject() : null;
        var inner = new Dictionary<string, MetadataValue>(StringComparer.Ordinal);
        if (existing is not null)
        {
            foreach (var (key, item) in existing)
            {
                inner[key] = item;
            }
        }

        SetPath(inner, path[1..], value);
        metadata[path[0]] = MetadataValue.FromObject(inner);
    }

    private string? IdGuess()
    {
        for (var i = 0; i < Math.Min(_columns!.Count, _rows.Fields.Count); i++)
        {
            if (_columns[i].Kind == CsvColumnKind.Id)
            {
                return _rows.FieldString(i);
            }
        }

        return null;
    }

    public override void Dispose()
    {
        _rows.Dispose();
        base.Dispose();
    }
}
