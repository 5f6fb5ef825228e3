namespace Ferry.Files.Streams;

/// <summary>Reads at most a given number of bytes from a stream, then reports its end.</summary>
internal sealed class LimitedReadStream : ReadOnlyStreamBase
{
    private readonly Stream _inner;
    private long _remaining;

    public LimitedReadStream(Stream inner, long limit)
    {
        _inner = inner;
        _remaining = limit;
    }

    public override int Read(Span<byte> buffer)
    {
        if (_remaining <= 0)
        {
            return 0;
        }

        if (buffer.Length > _remaining)
        {
            buffer = buffer[..(int)_remaining];
        }

        var n = _inner.Read(buffer);
        _remaining -= Math.Max(0, n);
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
