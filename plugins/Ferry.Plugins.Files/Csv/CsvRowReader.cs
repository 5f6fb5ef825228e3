using System.Buffers;
using System.Globalization;
using Ferry.Sdk.Errors;
using Ferry.Plugins.Files.Internal.Buffers;

namespace Ferry.Plugins.Files.Csv;

/// <summary>
/// An RFC 4180 row reader over UTF-8 bytes: fields separated by the delimiter, rows by LF or CRLF (a lone CR too),
/// quoted fields may hold delimiters, doubled quotes and newlines. It keeps one row in memory and remembers for each
/// field whether it was quoted, which is how an empty string (<c>""</c>) differs from an empty cell (absent).
/// Lenient where real files are sloppy: a quote inside an unquoted field is kept as a character.
/// </summary>
internal sealed class CsvRowReader : IDisposable
{
    private const int InitialBuffer = 64 * 1024;

    private readonly Stream _input;
    private readonly byte _delimiter;
    private readonly byte _quote;
    private readonly string _fileName;
    private readonly SearchValues<byte> _unquotedStops;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
    private byte[] _row = ArrayPool<byte>.Shared.Rent(4096);
    private int _rowLength;
    private int _start;
    private int _end;
    private bool _eof;
    private long _nextLine = 1;
    private bool _bomChecked;

    public CsvRowReader(Stream input, byte delimiter, byte quote, string fileName)
    {
        _input = input;
        _delimiter = delimiter;
        _quote = quote;
        _fileName = fileName;
        _unquotedStops = SearchValues.Create([delimiter, (byte)'\n', (byte)'\r']);
    }

    /// <summary>The fields of the current row: start and length in <see cref="RowBytes"/>, and whether quoted.</summary>
    public List<(int Start, int Length, bool Quoted)> Fields { get; } = new(32);

    /// <summary>The unescaped bytes of the current row's fields.</summary>
    public ReadOnlySpan<byte> RowBytes => _row.AsSpan(0, _rowLength);

    /// <summary>The 1-based line the current row starts on.</summary>
    public long Line { get; private set; }

    public ReadOnlySpan<byte> Field(int index) => _row.AsSpan(Fields[index].Start, Fields[index].Length);

    public string FieldString(int index) => System.Text.Encoding.UTF8.GetString(Field(index));

    /// <summary>The row as it appeared (approximately: re-joined fields), for dead-letter entries.</summary>
    public string RawRow()
    {
        var parts = new string[Fields.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = FieldString(i);
        }

        var text = string.Join((char)_delimiter, parts);
        return text.Length <= 2048 ? text : text[..2048];
    }

    /// <summary>Reads the next row; false at the end. Blank lines are skipped.</summary>
    public bool ReadRow()
    {
        if (!_bomChecked)
        {
            _bomChecked = true;
            Ensure(3);
            if (_end - _start >= 3 && _buffer[_start] == 0xEF && _buffer[_start + 1] == 0xBB && _buffer[_start + 2] == 0xBF)
            {
                _start += 3;
            }
        }

        while (true)
        {
            if (_start >= _end)
            {
                if (_eof)
                {
                    return false;
                }

                Fill();
                continue;
            }

            // Skip blank lines: they carry no row in CSV.
            var b = _buffer[_start];
            if (b == (byte)'\n')
            {
                _start++;
                _nextLine++;
                continue;
            }

            if (b == (byte)'\r')
            {
                if (!Ensure(2) && _end - _start < 2)
                {
                    _start++;
                    _nextLine++;
                    continue;
                }

                _start += _buffer[_start + 1] == (byte)'\n' ? 2 : 1;
                _nextLine++;
                continue;
            }

            if (TryParseRow())
            {
                return true;
            }

            if (_eof)
            {
                throw new RecordException(
                    string.Create(CultureInfo.InvariantCulture, $"{_fileName}: a quoted field that starts on line {_nextLine} is not closed: the file ends inside it (truncated, or a stray quote)."),
                    line: _nextLine);
            }

            Fill();
        }
    }

    /// <summary>Parses a whole row from the buffer; false when the buffer ends before the row does.</summary>
    private bool TryParseRow()
    {
        Fields.Clear();
        _rowLength = 0;
        var i = _start;
        var lines = 0L;
        var span = _buffer.AsSpan(0, _end);
        while (true)
        {
            if (i >= _end)
            {
                if (!_eof)
                {
                    return false;
                }

                // The last row of a file without a final newline.
                AddField(span, i, i, quoted: false);
                Finish(_end, lines);
                return true;
            }

            if (span[i] == _quote)
            {
                // Quoted field: copy with doubled quotes collapsed, up to the closing quote.
                var fieldStart = _rowLength;
                var j = i + 1;
                while (true)
                {
                    var next = span[j.._end].IndexOf(_quote);
                    if (next < 0)
                    {
                        return false;
                    }

                    var chunk = span.Slice(j, next);
                    lines += chunk.Count((byte)'\n');
                    Append(chunk);
                    j += next + 1;
                    if (j >= _end)
                    {
                        if (!_eof)
                        {
                            return false;
                        }

                        break;
                    }

                    if (span[j] == _quote)
                    {
                        Append(span.Slice(j, 1));
                        j++;
                        continue;
                    }

                    break;
                }

                // Characters after the closing quote up to the separator are kept (lenient).
                var rest = j < _end ? span[j.._end].IndexOfAny(_unquotedStops) : 0;
                if (rest < 0)
                {
                    if (!_eof)
                    {
                        return false;
                    }

                    rest = _end - j;
                }

                Append(span.Slice(j, rest));
                Fields.Add((fieldStart, _rowLength - fieldStart, true));
                i = j + rest;
            }
            else
            {
                var stop = span[i.._end].IndexOfAny(_unquotedStops);
                if (stop < 0)
                {
                    if (!_eof)
                    {
                        return false;
                    }

                    stop = _end - i;
                }

                AddField(span, i, i + stop, quoted: false);
                i += stop;
            }

            if (i >= _end)
            {
                if (!_eof)
                {
                    return false;
                }

                Finish(i, lines);
                return true;
            }

            var separator = span[i];
            if (separator == _delimiter)
            {
                i++;
                if (i >= _end && _eof)
                {
                    AddField(span, i, i, quoted: false);
                    Finish(i, lines);
                    return true;
                }

                continue;
            }

            // End of row: LF, CRLF or CR.
            if (separator == (byte)'\r')
            {
                if (i + 1 >= _end && !_eof)
                {
                    return false;
                }

                i += i + 1 < _end && span[i + 1] == (byte)'\n' ? 2 : 1;
            }
            else
            {
                i++;
            }

            Finish(i, lines + 1);
            return true;
        }
    }

    private void AddField(ReadOnlySpan<byte> span, int from, int to, bool quoted)
    {
        var start = _rowLength;
        Append(span[from..to]);
        Fields.Add((start, to - from, quoted));
    }

    private void Finish(int consumedTo, long lines)
    {
        Line = _nextLine;
        _nextLine += lines;
        _start = consumedTo;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_rowLength + bytes.Length > _row.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_row.Length * 2, _rowLength + bytes.Length));
            _row.AsSpan(0, _rowLength).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_row);
            _row = bigger;
        }

        bytes.CopyTo(_row.AsSpan(_rowLength));
        _rowLength += bytes.Length;
    }

    private bool Ensure(int count)
    {
        while (_end - _start < count && !_eof)
        {
            Fill();
        }

        return _end - _start >= count;
    }

    private void Fill() => PooledWindow.Refill(_input, ref _buffer, ref _start, ref _end, ref _eof);

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            ArrayPool<byte>.Shared.Return(_row);
            _buffer = [];
            _row = [];
        }
    }
}
