using System.Buffers;
using System.Text;
using System.Text.Json;
using Ferry.Plugins.Files.Json;
using Ferry.Plugins.Files.Typing;
using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using Ferry.Text.Json;
using Ferry.Text.Numbers;

namespace Ferry.Plugins.Files.Csv;

/// <summary>Writes records as CSV rows with the columns of <see cref="CsvLayout"/>, quoting per RFC 4180.</summary>
internal sealed class CsvRecordWriter : RecordWriter
{
    private readonly Stream _output;
    private readonly CsvOptions _options;
    private readonly List<CsvColumn> _columns;
    private readonly Dictionary<string, int> _metadataColumn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _vectorColumn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _dottedRoot = new(StringComparer.Ordinal);
    private readonly ArrayBufferWriter<byte> _row = new(4096);
    private readonly string?[] _cells;
    private readonly bool[] _raw;
    private readonly byte[] _newline;
    private readonly ExtraColumnJson _extraJson = new();
    private bool _pending;
    private bool _headerWritten;

    public CsvRecordWriter(Stream output, CsvOptions options, DatasetSchema schema, IReadOnlyList<Record> firstRecords)
    {
        _output = output;
        _options = options;
        _columns = CsvLayout.ForWriting(schema, firstRecords, options);
        _cells = new string?[_columns.Count];
        _raw = new bool[_columns.Count];
        _newline = options.CrLf ? "\r\n"u8.ToArray() : "\n"u8.ToArray();
        for (var i = 0; i < _columns.Count; i++)
        {
            var column = _columns[i];
            if (column.Kind == CsvColumnKind.Metadata)
            {
                _metadataColumn[column.Name] = i;
                if (column.Path.Length > 1)
                {
                    _dottedRoot.TryAdd(column.Path[0], i);
                }
            }
            else if (column.Kind == CsvColumnKind.Vector)
            {
                _vectorColumn[column.Path[0]] = i;
            }
        }
    }

    public override long Prepare(Record record)
    {
        Array.Clear(_cells);
        Array.Clear(_raw);
        var extra = new Record(string.Empty) { RecordType = RecordTypes.Document };
        var hasExtra = false;
        foreach (var (i, column) in _columns.Index())
        {
            switch (column.Kind)
            {
                case CsvColumnKind.Id:
                    _cells[i] = record.Id;
                    break;
                case CsvColumnKind.Title:
                    _cells[i] = record.Title;
                    break;
                case CsvColumnKind.Text:
                    _cells[i] = record.Text;
                    break;
                case CsvColumnKind.Collection:
                    _cells[i] = record.Collection;
                    break;
                case CsvColumnKind.RecordType:
                    _cells[i] = record.RecordType;
                    break;
            }
        }

        if (record.Collection is not null && !HasColumn(CsvColumnKind.Collection))
        {
            extra.Collection = record.Collection;
            hasExtra = true;
        }

        if (!string.Equals(record.RecordType, RecordTypes.Document, StringComparison.Ordinal) && !HasColumn(CsvColumnKind.RecordType))
        {
            extra.RecordType = record.RecordType;
            hasExtra = true;
        }

        foreach (var (name, vector) in record.Vectors)
        {
            if (_vectorColumn.TryGetValue(name, out var column) && AllFinite(vector))
            {
                _cells[column] = FormatVector(vector);
                _raw[column] = true;
            }
            else
            {
                extra.Vectors[name] = vector;
                hasExtra = true;
            }
        }

        foreach (var (key, value) in record.Metadata)
        {
            if (_dottedRoot.ContainsKey(key) && value.Kind == MetadataKind.Object && TryPlaceLeaves(value, key))
            {
                continue;
            }

            if (_metadataColumn.TryGetValue(key, out var column) && _columns[column].Path.Length == 1 && Fits(_columns[column], value))
            {
                PlaceValue(column, value);
                continue;
            }

            extra.Metadata[key] = value;
            hasExtra = true;
        }

        hasExtra |= ExtraColumnJson.AddUncolumned(record, extra);

        if (hasExtra)
        {
            _cells[^1] = _extraJson.Write(extra);
        }

        _row.ResetWrittenCount();
        try
        {
            for (var i = 0; i < _cells.Length; i++)
            {
                if (i > 0)
                {
                    _row.Write([_options.Delimiter]);
                }

                WriteCell(_cells[i], _raw[i]);
            }
        }
        catch (EncoderFallbackException ex)
        {
            throw new RecordException($"cannot be written as CSV: a string is not valid UTF-16 ({ex.Message})", record.Id, innerException: ex);
        }

        _row.Write(_newline);
        _pending = true;
        return _row.WrittenCount;
    }

    public override void Commit()
    {
        if (!_pending)
        {
            throw new InvalidOperationException("No prepared record to commit.");
        }

        WriteHeader();
        _output.Write(_row.WrittenSpan);
        _pending = false;
    }

    public override void Discard() => _pending = false;

    public override void Finish()
    {
        WriteHeader();
        _output.Flush();
    }

    private void WriteHeader()
    {
        if (_headerWritten)
        {
            return;
        }

        _headerWritten = true;
        if (_options.ByteOrderMark)
        {
            _output.Write("\uFEFF"u8);
        }

        if (!_options.Header)
        {
            return;
        }

        var header = new ArrayBufferWriter<byte>();
        var saved = _row.WrittenSpan.ToArray();
        _row.ResetWrittenCount();
        for (var i = 0; i < _columns.Count; i++)
        {
            if (i > 0)
            {
                _row.Write([_options.Delimiter]);
            }

            WriteCell(_columns[i].HeaderText(_options.HeaderTypes), raw: false);
        }

        _row.Write(_newline);
        header.Write(_row.WrittenSpan);
        _row.ResetWrittenCount();
        _row.Write(saved);
        _output.Write(header.WrittenSpan);
    }

    private bool HasColumn(CsvColumnKind kind)
    {
        foreach (var column in _columns)
        {
            if (column.Kind == kind)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a value can go to a column and read back as itself (given what the reader will know).</summary>
    private bool Fits(CsvColumn column, MetadataValue value)
    {
        if (value.IsNull || !_options.HeaderTypes)
        {
            return true;
        }

        return column.Type == FieldType.Json || column.Type == CellText.TypeOf(value);
    }

    private void PlaceValue(int column, MetadataValue value)
    {
        if (value.IsNull)
        {
            _cells[column] = _options.NullText;
            _raw[column] = true;
            return;
        }

        _cells[column] = _columns[column].Type == FieldType.Json ? MetadataJson.Serialize(value) : CellText.Format(value);
    }

    private bool TryPlaceLeaves(MetadataValue value, string key)
    {
        var placed = new List<(int Column, MetadataValue Value)>();
        if (!CollectLeaves(value, key, placed))
        {
            return false;
        }

        foreach (var (column, leaf) in placed)
        {
            PlaceValue(column, leaf);
        }

        return true;
    }

    private bool CollectLeaves(MetadataValue value, string prefix, List<(int, MetadataValue)> placed)
    {
        foreach (var (key, child) in value.AsObject())
        {
            var path = prefix + "." + key;
            if (child.Kind == MetadataKind.Object && child.AsObject().Count > 0)
            {
                if (!CollectLeaves(child, path, placed))
                {
                    return false;
                }

                continue;
            }

            if (!_metadataColumn.TryGetValue(path, out var column) || !Fits(_columns[column], child) || key.Contains('.', StringComparison.Ordinal))
            {
                return false;
            }

            placed.Add((column, child));
        }

        return value.AsObject().Count > 0;
    }

    private string FormatVector(float[] vector)
    {
        if (!_options.SpaceVectors)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(JsonNumberArray.GetMaxByteCount(vector.Length));
            try
            {
                JsonNumberArray.TryWriteSingles(vector, buffer, out var written);
                return Encoding.UTF8.GetString(buffer, 0, written);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        var builder = new StringBuilder(vector.Length * 12);
        Span<byte> number = stackalloc byte[32];
        for (var i = 0; i < vector.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            Utf8Number.TryFormatSingle(vector[i], number, out var written);
            foreach (var b in number[..written])
            {
                builder.Append((char)b);
            }
        }

        return builder.ToString();
    }

    private static bool AllFinite(float[] vector)
    {
        foreach (var value in vector)
        {
            if (!float.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes one cell: nothing for null (absent), <c>""</c> for an empty string, quoted when it holds a delimiter, quote, newline or the null text.</summary>
    private void WriteCell(string? text, bool raw)
    {
        if (text is null)
        {
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var utf8 = _row.GetSpan((2 * max) + 2);
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var bytes = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var length = encoding.GetBytes(text, bytes);
            var content = bytes.AsSpan(0, length);
            var quote = !raw && (length == 0 || content.IndexOfAny(_options.Delimiter, _options.Quote, (byte)'\n') >= 0 || content.Contains((byte)'\r')
                || string.Equals(text, _options.NullText, StringComparison.Ordinal));
            if (raw && content.IndexOfAny(_options.Delimiter, (byte)'\n', (byte)'\r') >= 0)
            {
                quote = true;
            }

            if (!quote)
            {
                content.CopyTo(utf8);
                _row.Advance(length);
                return;
            }

            var o = 0;
            utf8[o++] = _options.Quote;
            foreach (var b in content)
            {
                if (b == _options.Quote)
                {
                    utf8[o++] = b;
                }

                utf8[o++] = b;
            }

            utf8[o++] = _options.Quote;
            _row.Advance(o);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
