using Ferry.Files;
using Ferry.Files.Streams;
using Ferry.Files.Wrapping;
using Ferry.Plugins.Files.Typing;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Files.Wrapping;

/// <summary>
/// Reads the records of one <see cref="PartFile"/> through its wrappers and format, stopping after the records it is
/// known to hold, and at the end checks what a manifest promised (record count, size, SHA-256).
/// </summary>
internal sealed class PartCursor : IDisposable
{
    private readonly PartFile _part;
    private readonly HashingReadStream? _hashing;
    private readonly Stream _stream;
    private readonly RecordReader _reader;
    private bool _ended;

    public PartCursor(PartFile part, RecordFormat format, FileSettings settings, TypeSchema types)
    {
        _part = part;
        if (part.Sha256 is not null && !part.Unfinished)
        {
            var info = new FileInfo(part.Path);
            if (!info.Exists)
            {
                throw new FileIntegrityException(FileIntegrityProblem.PartMismatch, $"Part {Path.GetFileName(part.Path)} listed in the manifest does not exist.");
            }

            if (part.Bytes is { } bytes && info.Length != bytes)
            {
                throw new FileIntegrityException(
                    FileIntegrityProblem.PartMismatch,
                    $"Part {Path.GetFileName(part.Path)} has {info.Length:N0} bytes; the manifest says {bytes:N0}. It was changed or cut after it was written.");
            }
        }

        var read = part.Wrappers is { } w
            ? settings.ReadSettings(w.Compression, w.Encrypted, strict: !part.Unfinished)
            : settings.ReadSettings(strict: !part.Unfinished);
        HashingReadStream? hashing = null;
        _stream = WrappedFileReader.Open(
            part.Path,
            read,
            part.Unfinished ? part.Bytes : null,
            part.Sha256 is null ? null : raw => hashing = new HashingReadStream(raw));
        _hashing = hashing;
        try
        {
            _reader = format.CreateReader(_stream, Path.GetFileName(part.Path), types);
        }
        catch
        {
            _stream.Dispose();
            throw;
        }
    }

    /// <summary>Records (and failures) read so far.</summary>
    public long Count { get; private set; }

    public string Position => _reader.Position;

    public string FileName => Path.GetFileName(_part.Path);

    /// <summary>Reads the next item; false at the end of the part (after its checks).</summary>
    public bool Read(out Record? record, out RecordFailure? failure)
    {
        record = null;
        failure = null;
        if (_ended)
        {
            return false;
        }

        if (_part.Unfinished && _part.Records is { } limit && Count >= limit)
        {
            _ended = true;
            return false;
        }

        if (_reader.Read(out record, out failure))
        {
            Count++;
            return true;
        }

        _ended = true;
        Verify();
        return false;
    }

    private void Verify()
    {
        if (_part.Unfinished)
        {
            if (_part.Records is { } expected && Count < expected)
            {
                throw new FileIntegrityException(
                    FileIntegrityProblem.PartMismatch,
                    $"{FileName}: only {Count:N0} of the {expected:N0} flushed records could be recovered from the unfinished file.");
            }

            return;
        }

        if (_part.Records is { } records && records != Count)
        {
            throw new FileIntegrityException(
                FileIntegrityProblem.PartMismatch,
                $"Part {FileName} holds {Count:N0} records; the manifest says {records:N0}.");
        }

        if (_hashing is not null && _part.Sha256 is { } sha)
        {
            var actual = _hashing.DrainAndHash();
            if (!string.Equals(actual, sha, StringComparison.OrdinalIgnoreCase))
            {
                throw new FileIntegrityException(
                    FileIntegrityProblem.PartMismatch,
                    $"Part {FileName} has SHA-256 {actual}; the manifest says {sha}. The part was changed after it was written; records read from it so far may be wrong.");
            }
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
    }
}
