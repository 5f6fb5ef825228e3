namespace Ferry.Files.Streams;

/// <summary>Passes reads through and remembers the total count and the last 8 bytes read (a gzip trailer).</summary>
internal sealed class TailTrackingStream : ReadOnlyStreamBase
{
    public const int TailLength = 8;

    private readonly Stream _inner;
    private readonly byte[] _tail = new byte[TailLength];

    public TailTrackingStream(Stream inner)
    {
        _inner = inner;
    }

    public long BytesRead { get; private set; }

    /// <summary>The last <see cref="TailLength"/> bytes read (valid when <see cref="BytesRead"/> is at least that).</summary>
    public ReadOnlySpan<byte> Tail => _tail;

    public override int Read(Span<byte> buffer)
    {
        var n = _inner.Read(buffer);
        if (n <= 0)
        {
            return n;
        }

        BytesRead += n;
        if (n >= TailLength)
        {
            buffer.Slice(n - TailLength, TailLength).CopyTo(_tail);
        }
        else
        {
            // Shift the old tail left and append the new bytes.
            _tail.AsSpan(n).CopyTo(_tail);
            buffer[..n].CopyTo(_tail.AsSpan(TailLength - n));
        }

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
