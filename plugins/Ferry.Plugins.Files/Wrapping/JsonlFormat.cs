using System.Buffers;
using System.Globalization;
using Ferry.Plugins.Files.Internal.Jsonl;
using Ferry.Plugins.Files.Typing;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using Ferry.Plugins.Files.Internal.Buffers;

namespace Ferry.Plugins.Files.Wrapping;

/// <summary>
/// JSON Lines as a <see cref="RecordFormat"/>, so that the wrapping layer (Brotli, encryption, splitting with a
/// manifest, recovery) carries the <c>jsonl</c> connector's own line writer and parser. The JSON Lines factories
/// route here when such wrapping is asked for; plain and gzip files keep their dedicated connector.
/// </summary>
internal sealed class JsonlFormat : RecordFormat
{
    public const string FormatName = "jsonl";

    /// <summary>The JSON Lines reading options (the rest of the options belong to the wrapping layer).</summary>
    private static readonly string[] ReaderOptions = ["timestamps", "vector_field", "id_field", "text_field", "title_field", "metric"];

    private readonly JsonlSourceSettings _settings;

    public JsonlFormat(ConnectorOptions options)
    {
        var own = new List<KeyValuePair<string, string>>();
        foreach (var name in ReaderOptions)
        {
            if (options.Get(name) is { } value)
            {
                own.Add(KeyValuePair.Create(name, value));
            }
        }

        _settings = JsonlSourceSettings.Parse(new ConnectorContext("records.jsonl", new ConnectorOptions(own)));
    }

    public override string Name => FormatName;

    /// <summary>The JSON Lines options (docs/migration.md); <c>partition_min_bytes</c> only matters to plain files but is accepted.</summary>
    public override IReadOnlyList<string> OwnOptions { get; } = [.. ReaderOptions, "partition_min_bytes"];

    /// <summary>Whether a JSON Lines location asks for what only the wrapping layer does: Brotli, encryption, splitting, a manifest.</summary>
    public static bool NeedsWrapping(ConnectorContext context, bool forWriting)
    {
        var options = context.Options;
        var path = FileSettings.PathOf(context.Location);
        var name = Ferry.Files.Wrapping.WrappedName.Parse(path);
        if (name.Encrypted || options.Get("encrypt") is not null || options.Get("key_env") is not null || options.Get("key_file") is not null)
        {
            return true;
        }

        // The JSON Lines source reads Brotli itself; its sink appends on resume, which Brotli and splitting cannot.
        if (forWriting
            && (name.Compression == Ferry.Files.Compression.CompressionKind.Brotli
                || options.Get("split_bytes") is not null || options.Get("split_records") is not null
                || string.Equals(options.Get("compression"), "brotli", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        // Reading a split export: the manifest, or a target name whose manifest sits beside it.
        return !forWriting
            && (Ferry.Files.Splitting.PartNaming.IsManifest(path)
                || (!File.Exists(path) && File.Exists(new Ferry.Files.Splitting.PartNaming(path).ManifestPath)));
    }

    public override RecordWriter CreateWriter(Stream output, DatasetSchema schema, IReadOnlyList<Record> firstRecords) => new Writer(output);

    public override RecordReader CreateReader(Stream input, string fileName, TypeSchema types) => new Reader(input, fileName, new JsonlRecordReader(_settings), types);

    private sealed class Writer(Stream output) : RecordWriter
    {
        private readonly JsonlRecordWriter _writer = new();
        private readonly ArrayBufferWriter<byte> _pending = new(4096);
        private bool _hasPending;

        public override long Prepare(Record record)
        {
            _pending.ResetWrittenCount();
            try
            {
                _writer.WriteLine(record, _pending);
            }
            catch (ArgumentException ex)
            {
                _pending.ResetWrittenCount();
                throw new RecordException($"cannot be written as JSON Lines: {ex.Message}", record.Id, innerException: ex);
            }

            _hasPending = true;
            return _pending.WrittenCount;
        }

        public override void Commit()
        {
            if (!_hasPending)
            {
                throw new InvalidOperationException("No prepared record to commit.");
            }

            output.Write(_pending.WrittenSpan);
            _hasPending = false;
        }

        public override void Discard() => _hasPending = false;

        public override void Finish() => output.Flush();
    }

    /// <summary>Splits the stream into lines (LF or CRLF; blank lines skipped) and parses each with the JSON Lines parser.</summary>
    private sealed class Reader(Stream input, string fileName, JsonlRecordReader parser, TypeSchema types) : RecordReader
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        private int _start;
        private int _end;
        private bool _eof;
        private long _line;

        public override string Position => string.Create(CultureInfo.InvariantCulture, $"line {_line}");

        public override bool Read(out Record? record, out RecordFailure? failure)
        {
            record = null;
            failure = null;
            while (true)
            {
                var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
                if (newline < 0 && !_eof)
                {
                    Fill();
                    continue;
                }

                if (newline < 0 && _start == _end)
                {
                    return false;
                }

                var length = newline < 0 ? _end - _start : newline;
                var line = _buffer.AsSpan(_start, length);
                _start += newline < 0 ? length : length + 1;
                _line++;
                if (!line.IsEmpty && line[^1] == (byte)'\r')
                {
                    line = line[..^1];
                }

                if (line.Trim(" \t"u8).IsEmpty)
                {
                    continue;
                }

                try
                {
                    record = parser.Parse(line);
                    if (!types.IsEmpty)
                    {
                        foreach (var key in record.Metadata.Keys.ToArray())
                        {
                            record.Metadata[key] = types.Coerce(key, record.Metadata[key]);
                        }
                    }
                }
                catch (Exception ex) when (ex is JsonlFormatException or FormatException or System.Text.Json.JsonException or ArgumentException)
                {
                    failure = new RecordFailure(parser.TryFindId(line), string.Create(CultureInfo.InvariantCulture, $"{fileName}, line {_line}: {ex.Message}"))
                    {
                        Line = _line,
                        Raw = System.Text.Encoding.UTF8.GetString(line[..Math.Min(line.Length, 2048)]),
                    };
                }

                return true;
            }
        }

        private void Fill() => PooledWindow.Refill(input, ref _buffer, ref _start, ref _end, ref _eof);

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
}
