using System.Security.Cryptography;

namespace Ferry.Files.Streams;

/// <summary>Passes writes through, counting bytes and, when asked, hashing them with SHA-256.</summary>
internal sealed class CountingWriteStream : WriteOnlyStreamBase
{
    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private readonly IncrementalHash? _sha256;

    public CountingWriteStream(Stream inner, bool hash, bool leaveOpen)
    {
        _inner = inner;
        _leaveOpen = leaveOpen;
        _sha256 = hash ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
    }

    public long BytesWritten { get; private set; }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _inner.Write(buffer);
        _sha256?.AppendData(buffer);
        BytesWritten += buffer.Length;
    }

    public override void Flush() => _inner.Flush();

    /// <summary>The SHA-256 of everything written, lower-case hex (call once, at the end).</summary>
    public string Sha256Hex() =>
        _sha256 is null ? throw new InvalidOperationException("This stream does not hash.") : Convert.ToHexStringLower(_sha256.GetHashAndReset());

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sha256?.Dispose();
            if (!_leaveOpen)
            {
                _inner.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
