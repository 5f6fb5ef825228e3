using System.Buffers.Binary;
using System.IO.Compression;
using Ferry.Files.Streams;

namespace Ferry.Files.Compression;

/// <summary>
/// Decompresses gzip and, at the end, checks the trailer (CRC-32 and length) that <see cref="GZipStream"/> does not
/// check: GZipStream returns end-of-stream for a file cut anywhere, so without this a truncated export would import
/// silently short. Concatenated members (RFC 1952 allows them) are verified by their last member, which needs a second
/// decompression pass and therefore a way to reopen the input.
/// </summary>
internal sealed class GzipReadStream : ReadOnlyStreamBase
{
    private readonly TailTrackingStream _input;
    private readonly GZipStream _gzip;
    private readonly Func<Stream>? _reopen;
    private readonly bool _verify;
    private readonly string _name;
    private Crc32 _crc = new();
    private long _length;
    private bool _ended;

    /// <param name="input">The compressed bytes.</param>
    /// <param name="name">The file name for messages.</param>
    /// <param name="verify">Check the trailer at the end (false only to recover a file whose writer never finished).</param>
    /// <param name="reopen">Opens the compressed bytes again from the start, for the concatenated-members check; may be null.</param>
    public GzipReadStream(Stream input, string name, bool verify, Func<Stream>? reopen)
    {
        _input = new TailTrackingStream(input);
        _gzip = new GZipStream(_input, CompressionMode.Decompress, leaveOpen: true);
        _name = name;
        _verify = verify;
        _reopen = reopen;
    }

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty || _ended)
        {
            return 0;
        }

        int n;
        try
        {
            n = _gzip.Read(buffer);
        }
        catch (InvalidDataException ex)
        {
            throw new FileIntegrityException(
                FileIntegrityProblem.CorruptCompression,
                $"{_name}: the gzip data is corrupt near compressed byte {_input.BytesRead:N0} ({ex.Message}).",
                byteOffset: _input.BytesRead,
                innerException: ex);
        }

        if (n > 0)
        {
            if (_verify)
            {
                _crc.Append(buffer[..n]);
            }

            _length += n;
            return n;
        }

        _ended = true;
        if (_verify)
        {
            Verify();
        }

        return 0;
    }

    private void Verify()
    {
        if (_input.BytesRead < 18)
        {
            throw Truncated("it is shorter than an empty gzip file (18 bytes)");
        }

        var tail = _input.Tail;
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(tail);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]);
        if (crc == _crc.Value && size == unchecked((uint)_length))
        {
            return;
        }

        if (_reopen is not null && size <= _length && LastMemberMatches(crc, size))
        {
            return;
        }

        throw Truncated($"the last 8 bytes are not the gzip trailer of the {_length:N0} bytes decompressed (CRC-32 or length differs)");
    }

    /// <summary>Second pass for concatenated members: the CRC of the last <paramref name="size"/> decompressed bytes.</summary>
    private bool LastMemberMatches(uint crc, uint size)
    {
        using var again = new GZipStream(_reopen!(), CompressionMode.Decompress, leaveOpen: false);
        var skip = _length - size;
        var buffer = new byte[81920];
        var member = new Crc32();
        long position = 0;
        int n;
        while ((n = again.Read(buffer)) > 0)
        {
            var span = buffer.AsSpan(0, n);
            if (position + n > skip)
            {
                var from = (int)Math.Max(0, skip - position);
                member.Append(span[from..]);
            }

            position += n;
        }

        return position == _length && member.Value == crc;
    }

    private FileIntegrityException Truncated(string why) => new(
        FileIntegrityProblem.TruncatedCompression,
        $"{_name}: the gzip data is truncated or damaged: {why}; the file ends at compressed byte {_input.BytesRead:N0}. Records up to that point may have been read.",
        byteOffset: _input.BytesRead);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
            _input.Dispose();
        }

        base.Dispose(disposing);
    }
}
