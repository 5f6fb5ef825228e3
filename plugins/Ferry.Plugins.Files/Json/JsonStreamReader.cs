using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ferry.Plugins.Files.Typing;
using Ferry.Plugins.Files.Wrapping;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Plugins.Files.Internal.Buffers;

namespace Ferry.Plugins.Files.Json;

/// <summary>
/// Streams the records of a JSON file: a top-level array read element by element (only the element at hand is in
/// memory), or a single top-level object (one record, the folder layout). An element that is valid JSON but not a
/// record becomes a failure naming its line; broken JSON syntax stops the read with an error naming line and byte.
/// </summary>
internal sealed class JsonStreamReader : RecordReader
{
    private const int InitialBuffer = 64 * 1024;
    private const int RawLimit = 2048;

    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false, MaxDepth = 256 };

    private readonly Stream _input;
    private readonly string _fileName;
    private readonly TypeSchema _types;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
    private int _start;
    private int _end;
    private bool _eof;
    private long _bufferOffset;
    private long _line = 1;
    private long _countedTo;
    private State _state = State.Start;

    public JsonStreamReader(Stream input, string fileName, TypeSchema types)
    {
        _input = input;
        _fileName = fileName;
        _types = types;
    }

    private enum State
    {
        Start,
        ArrayFirst,
        ArrayNext,
        SingleObject,
        Done,
    }

    public override string Position => string.Create(CultureInfo.InvariantCulture, $"line {CurrentLine()}");

    public override bool Read(out Record? record, out RecordFailure? failure)
    {
        record = null;
        failure = null;
        while (true)
        {
            switch (_state)
            {
                case State.Done:
                    return false;
                case State.Start:
                    SkipBom();
                    var first = PeekNonWhitespace();
                    if (first < 0)
                    {
                        // An empty file holds no records.
                        _state = State.Done;
                        return false;
                    }

                    if (first == '[')
                    {
                        _start++;
                        _state = State.ArrayFirst;
                    }
                    else if (first == '{')
                    {
                        _state = State.SingleObject;
                    }
                    else
                    {
                        throw Syntax($"a JSON file of records starts with [ (an array of records) or {{ (one record), found '{(char)first}'");
                    }

                    continue;
                case State.ArrayFirst or State.ArrayNext:
                    var next = PeekNonWhitespace();
                    if (next < 0)
                    {
                        throw Syntax("the file ends inside the top-level array (no closing ]): it is truncated");
                    }

                    if (next == ']')
                    {
                        _start++;
                        ExpectEnd();
                        _state = State.Done;
                        return false;
                    }

                    if (_state == State.ArrayNext)
                    {
                        if (next != ',')
                        {
                            throw Syntax($"expected , or ] after an array element, found '{(char)next}'");
                        }

                        _start++;
                        if (PeekNonWhitespace() < 0)
                        {
                            throw Syntax("the file ends after a comma in the top-level array: it is truncated");
                        }
                    }

                    _state = State.ArrayNext;
                    ReadElement(out record, out failure);
                    return true;
                case State.SingleObject:
                    ReadElement(out record, out failure);
                    ExpectEnd();
                    _state = State.Done;
                    return true;
            }
        }
    }

    private void ReadElement(out Record? record, out RecordFailure? failure)
    {
        record = null;
        failure = null;
        var line = CurrentLine();
        var length = MeasureElement();
        var element = _buffer.AsSpan(_start, length);
        try
        {
            ReadOnlySpan<byte> json = element;
            var reader = new Utf8JsonReader(json, isFinalBlock: true, new JsonReaderState(ReaderOptions));
            reader.Read();
            record = JsonRecordCodec.Read(ref reader, ref json, _types);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or ArgumentException)
        {
            failure = new RecordFailure(IdOf(element), $"{_fileName}, line {line}: not a record: {ex.Message}")
            {
                Line = line,
                Raw = Encoding.UTF8.GetString(element[..Math.Min(element.Length, RawLimit)]),
            };
        }

        _start += length;
    }

    /// <summary>The byte length of the JSON value at <c>_start</c>, reading more input until it is complete.</summary>
    private int MeasureElement()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _eof, new JsonReaderState(ReaderOptions));
            try
            {
                if (reader.Read() && reader.TrySkip())
                {
                    return (int)reader.BytesConsumed;
                }
            }
            catch (JsonException ex)
            {
                if (_eof && IsIncomplete())
                {
                    throw Syntax("the file ends inside a record: it is truncated");
                }

                throw SyntaxAt(ex);
            }

            if (_eof)
            {
                throw Syntax("the file ends inside a record: it is truncated");
            }

            Fill();
        }
    }

    /// <summary>Whether the value at the buffer start is valid so far and only lacks its end (the input was cut).</summary>
    private bool IsIncomplete()
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), isFinalBlock: false, new JsonReaderState(ReaderOptions));
        try
        {
            return !(reader.Read() && reader.TrySkip());
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? IdOf(ReadOnlySpan<byte> element)
    {
        try
        {
            var reader = new Utf8JsonReader(element, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (name is "id" or "_id" && reader.TokenType is JsonTokenType.String)
                {
                    return reader.GetString();
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Best effort only: the failure names the line anyway.
        }

        return null;
    }

    private void ExpectEnd()
    {
        if (PeekNonWhitespace() is var c and >= 0)
        {
            throw Syntax($"unexpected '{(char)c}' after the end of the JSON value");
        }
    }

    private void SkipBom()
    {
        EnsureAvailable(3);
        if (_end - _start >= 3 && _buffer[_start] == 0xEF && _buffer[_start + 1] == 0xBB && _buffer[_start + 2] == 0xBF)
        {
            _start += 3;
        }
    }

    /// <summary>Skips whitespace and comments are not allowed here; returns the next byte without consuming it, or -1 at the end.</summary>
    private int PeekNonWhitespace()
    {
        while (true)
        {
            while (_start < _end)
            {
                var b = _buffer[_start];
                if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                {
                    _start++;
                    continue;
                }

                return b;
            }

            if (_eof)
            {
                return -1;
            }

            Fill();
        }
    }

    private void EnsureAvailable(int count)
    {
        while (_end - _start < count && !_eof)
        {
            Fill();
        }
    }

    /// <summary>Reads more input, compacting the buffer and growing it when the element at hand fills it.</summary>
    private void Fill()
    {
        CountLines();
        var shift = PooledWindow.Refill(_input, ref _buffer, ref _start, ref _end, ref _eof);
        _bufferOffset += shift;
        _countedTo -= shift;
    }

    private void CountLines()
    {
        if (_countedTo < _start)
        {
            _line += _buffer.AsSpan((int)Math.Max(0, _countedTo), _start - (int)Math.Max(0, _countedTo)).Count((byte)'\n');
            _countedTo = _start;
        }
    }

    private long CurrentLine()
    {
        CountLines();
        return _line;
    }

    private RecordException Syntax(string message)
    {
        var line = CurrentLine();
        var offset = _bufferOffset + _start;
        return new RecordException($"{_fileName}: invalid JSON at line {line}, byte {offset.ToString("N0", CultureInfo.InvariantCulture)}: {message}.", line: line);
    }

    private RecordException SyntaxAt(JsonException ex)
    {
        var line = CurrentLine() + (ex.LineNumber ?? 0);
        var offset = _bufferOffset + _start;
        return new RecordException(
            $"{_fileName}: invalid JSON at line {line} (column {(ex.BytePositionInLine ?? 0) + 1}), in the element starting at byte {offset.ToString("N0", CultureInfo.InvariantCulture)}: {ex.Message}",
            line: line,
            innerException: ex);
    }

    public override void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        base.Dispose();
    }
}
