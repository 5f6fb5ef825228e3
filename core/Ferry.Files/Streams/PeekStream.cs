namespace Ferry.Files.Streams;

/// <summary>Reads the first bytes of a stream ahead (to sniff magic numbers), then replays them.</summary>
internal sealed class PeekStream : ReadOnlyStreamBase
{
    private readonly Stream _inner;
    private readonly byte[] _head;
    private readonly int _headLength;
    private int _headPosition;

    public PeekStream(Stream inner, int count)
    {
        _inner = inner;
        _head = new byte[count];
        _headLength = inner.ReadAtLeast(_head, count, throwOnEndOfStream: false);
    }

    /// <summary>The first bytes (fewer when the stream is shorter).</summary>
    public ReadOnlySpan<byte> Head => _head.AsSpan(0, _headLength);

    public override int Read(Span<byte> buffer)
    {
        if (_headPosition < _headLength)
        {
            var n = Math.Min(buffer.Length, _headLength - _headPosition);
            _head.AsSpan(_headPosition, n).CopyTo(buffer);
            _headPosition += n;
            return n;
        }

        return _inner.Read(buffer);
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
