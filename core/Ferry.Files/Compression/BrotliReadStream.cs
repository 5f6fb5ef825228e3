using System.Buffers;
using System.IO.Compression;
using Ferry.Files.Streams;

namespace Ferry.Files.Compression;

/// <summary>
/// Decompresses Brotli with <see cref="BrotliDecoder"/>, which, unlike <see cref="BrotliStream"/>, tells a finished
/// stream from one that ran out of input: input that ends before the last meta-block is reported as truncated.
/// </summary>
internal sealed class BrotliReadStream : ReadOnlyStreamBase
{
    private const int InputBufferSize = 64 * 1024;

    private readonly Stream _input;
    private readonly string _name;
    private readonly bool _strict;
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(InputBufferSize);
    private BrotliDecoder _decoder;
    private int _start;
    private int _end;
    private long _consumed;
    private bool _inputEnded;
    private bool _finished;
    private bool _disposed;

    /// <param name="input">The compressed bytes.</param>
    /// <param name="name">The file name for messages.</param>
    /// <param name="strict">Report input that ends early as truncated (false only to recover an unfinished file).</param>
    public BrotliReadStream(Stream input, string name, bool strict)
    {
        _input = input;
        _name = name;
        _strict = strict;
        _decoder = new BrotliDecoder();
    }

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (!_finished)
        {
            var status = _decoder.Decompress(_buffer.AsSpan(_start, _end - _start), buffer, out var consumed, out var written);
            _start += consumed;
            _consumed += consumed;
            switch (status)
            {
                case OperationStatus.Done:
                    _finished = true;
                    CheckNothingFollows();
                    if (written > 0)
                    {
                        return written;
                    }

                    return 0;
                case OperationStatus.DestinationTooSmall:
                    if (written > 0)
                    {
                        return written;
                    }

                    break;
                case OperationStatus.NeedMoreData:
                    if (written > 0)
                    {
                        return written;
                    }

                    if (!Fill())
                    {
                        if (_strict)
                        {
                            throw new FileIntegrityException(
                                FileIntegrityProblem.TruncatedCompression,
                                $"{_name}: the Brotli data is truncated: it ends at compressed byte {_consumed:N0} before the last block. Records up to that point may have been read.",
                                byteOffset: _consumed);
                        }

                        _finished = true;
                        return 0;
                    }

                    break;
                default:
                    throw new FileIntegrityException(
                        FileIntegrityProblem.CorruptCompression,
                        $"{_name}: the Brotli data is corrupt near compressed byte {_consumed:N0}.",
                        byteOffset: _consumed);
            }
        }

        return 0;
    }

    private bool Fill()
    {
        if (_inputEnded)
        {
            return false;
        }

        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        var n = _input.Read(_buffer.AsSpan(_end, InputBufferSize - _end));
        if (n <= 0)
        {
            _inputEnded = true;
            return false;
        }

        _end += n;
        return true;
    }

    private void CheckNothingFollows()
    {
        if (!_strict)
        {
            return;
        }

        if (_end > _start || (!_inputEnded && Fill() && _end > _start))
        {
            throw new FileIntegrityException(
                FileIntegrityProblem.CorruptCompression,
                $"{_name}: unexpected bytes after the end of the Brotli data at compressed byte {_consumed:N0}.",
                byteOffset: _consumed);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _decoder.Dispose();
            ArrayPool<byte>.Shared.Return(_buffer);
            _input.Dispose();
        }

        base.Dispose(disposing);
    }
}
