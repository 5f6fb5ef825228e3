using System.Text;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Files.Internal.Jsonl;

/// <summary>
/// Cuts a buffer into lines and parses them into a batch of records and failures, stopping as soon as the batch
/// is full (by records or bytes) so that the caller can yield it with the position right after its last line.
/// </summary>
internal sealed class LineBatcher
{
    /// <summary>Raw text kept in a dead letter for a line that does not parse.</summary>
    private const int MaxRawChars = 64 * 1024;

    private readonly JsonlRecordReader _reader;
    private readonly int _batchSize;
    private readonly long _batchBytes;
    private readonly Func<long, long> _absoluteLine;
    private readonly string _display;
    private List<Record> _records;
    private List<RecordFailure>? _failures;
    private long _bytes;

    public LineBatcher(JsonlRecordReader reader, int batchSize, long batchBytes, Func<long, long> absoluteLine, string display)
    {
        _reader = reader;
        _batchSize = Math.Max(1, batchSize);
        _batchBytes = Math.Max(1, batchBytes);
        _absoluteLine = absoluteLine;
        _display = display;
        _records = new List<Record>(Math.Min(_batchSize, 4096));
    }

    /// <summary>Lines of the partition consumed so far (before the current position).</summary>
    public long Lines { get; set; }

    public bool HasContent => _records.Count > 0 || _failures is { Count: > 0 };

    public bool IsFull => _records.Count + (_failures?.Count ?? 0) >= _batchSize || _bytes >= _batchBytes;

    /// <summary>Parses one line (without its terminator); empty or blank lines count as lines but yield nothing.</summary>
    public void Add(ReadOnlySpan<byte> line)
    {
        Lines++;
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (IsBlank(line))
        {
            return;
        }

        _bytes += line.Length;
        try
        {
            _records.Add(_reader.Parse(line));
        }
        catch (JsonlFormatException e)
        {
            var number = _absoluteLine(Lines);
            var raw = line.Length <= MaxRawChars * 4 ? Encoding.UTF8.GetString(line) : Encoding.UTF8.GetString(line[..(MaxRawChars * 4)]);
            if (raw.Length > MaxRawChars)
            {
                raw = raw[..MaxRawChars] + "…";
            }

            (_failures ??= []).Add(new RecordFailure(_reader.TryFindId(line), $"{_display} line {number}: {e.Message}")
            {
                Line = number,
                Field = e.Field,
                Raw = raw,
            });
        }
    }

    /// <summary>Whether a line holds nothing but JSON whitespace.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r\n"u8) < 0;

    /// <summary>Takes the batch collected so far.</summary>
    public RecordBatch Take(JsonlPosition position, SourcePartition partition)
    {
        var batch = new RecordBatch(_records, position.ToString(), partition, _failures);
        _records = new List<Record>(Math.Min(_batchSize, 4096));
        _failures = null;
        _bytes = 0;
        return batch;
    }
}
