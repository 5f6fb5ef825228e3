using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Ferry.Files.Encryption;

/// <summary>
/// The header of a Ferry encrypted file (docs/formats.md, "Encryption"): magic <c>FERRYENC</c>, version, algorithm,
/// flags, key id, chunk size, nonce prefix and key check value. Its SHA-256 is part of every chunk's associated data,
/// so a changed header fails authentication.
/// </summary>
internal sealed class EncryptionHeader
{
    public const byte Version = 1;
    public const byte AlgorithmAes256Gcm = 1;
    public const int NoncePrefixLength = 8;
    public const int KeyCheckLength = 16;
    public const int TagLength = 16;
    public const int NonceLength = 12;
    public const int ChunkPrefixLength = 4;
    public const int DefaultChunkSize = 64 * 1024;
    public const int MinChunkSize = 1024;
    public const int MaxChunkSize = 16 * 1024 * 1024;

    /// <summary>Bytes before the key id: magic (8), version, algorithm, flags, key id length.</summary>
    public const int FixedPrefixLength = 12;

    /// <summary>Bytes after the key id: chunk size (4), nonce prefix (8), key check (16).</summary>
    public const int FixedSuffixLength = 4 + NoncePrefixLength + KeyCheckLength;

    public static ReadOnlySpan<byte> Magic => "FERRYENC"u8;

    public static ReadOnlySpan<byte> KeyCheckLabel => "ferry-enc-v1 key check"u8;

    public EncryptionHeader(string keyId, int chunkSize, byte[] noncePrefix, byte[] keyCheck, byte[] bytes)
    {
        KeyId = keyId;
        ChunkSize = chunkSize;
        NoncePrefix = noncePrefix;
        KeyCheck = keyCheck;
        Bytes = bytes;
        Digest = SHA256.HashData(bytes);
    }

    public string KeyId { get; }

    public int ChunkSize { get; }

    public byte[] NoncePrefix { get; }

    public byte[] KeyCheck { get; }

    /// <summary>The header exactly as stored.</summary>
    public byte[] Bytes { get; }

    /// <summary>SHA-256 of <see cref="Bytes"/>, the first part of every chunk's associated data.</summary>
    public byte[] Digest { get; }

    public static EncryptionHeader Create(EncryptionKey key, int chunkSize)
    {
        var noncePrefix = RandomNumberGenerator.GetBytes(NoncePrefixLength);
        var keyCheck = new byte[KeyCheckLength];
        key.ComputeKeyCheck(noncePrefix, keyCheck);
        var keyId = Encoding.UTF8.GetBytes(key.KeyId);
        var bytes = new byte[FixedPrefixLength + keyId.Length + FixedSuffixLength];
        Magic.CopyTo(bytes);
        bytes[8] = Version;
        bytes[9] = AlgorithmAes256Gcm;
        bytes[10] = 0;
        bytes[11] = (byte)keyId.Length;
        keyId.CopyTo(bytes.AsSpan(FixedPrefixLength));
        var at = FixedPrefixLength + keyId.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), (uint)chunkSize);
        noncePrefix.CopyTo(bytes.AsSpan(at + 4));
        keyCheck.CopyTo(bytes.AsSpan(at + 4 + NoncePrefixLength));
        return new EncryptionHeader(key.KeyId, chunkSize, noncePrefix, keyCheck, bytes);
    }

    /// <summary>Reads and checks the header; the stream is left at the first chunk.</summary>
    public static EncryptionHeader Read(Stream input, string name)
    {
        var prefix = new byte[FixedPrefixLength];
        var got = input.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        if (got < Magic.Length || !prefix.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new FileIntegrityException(
                FileIntegrityProblem.NotEncrypted,
                $"{name} is not a Ferry encrypted file: it does not start with the FERRYENC header. Drop the .enc suffix or the encrypt option to read it as plain data.",
                byteOffset: 0);
        }

        if (got < FixedPrefixLength)
        {
            throw new FileIntegrityException(FileIntegrityProblem.TruncatedEncryption, $"{name}: the encryption header is truncated.", byteOffset: got);
        }

        if (prefix[8] != Version || prefix[9] != AlgorithmAes256Gcm)
        {
            throw new FileIntegrityException(
                FileIntegrityProblem.NotEncrypted,
                $"{name}: encryption format version {prefix[8]}, algorithm {prefix[9]} is not supported (this Ferry reads version {Version}, algorithm {AlgorithmAes256Gcm} = AES-256-GCM).",
                byteOffset: 8);
        }

        var keyIdLength = prefix[11];
        var rest = new byte[keyIdLength + FixedSuffixLength];
        if (input.ReadAtLeast(rest, rest.Length, throwOnEndOfStream: false) < rest.Length)
        {
            throw new FileIntegrityException(FileIntegrityProblem.TruncatedEncryption, $"{name}: the encryption header is truncated.", byteOffset: FixedPrefixLength);
        }

        var keyId = Encoding.UTF8.GetString(rest, 0, keyIdLength);
        var chunkSize = BinaryPrimitives.ReadUInt32LittleEndian(rest.AsSpan(keyIdLength));
        if (chunkSize is < MinChunkSize or > MaxChunkSize)
        {
            throw new FileIntegrityException(
                FileIntegrityProblem.TamperedChunk,
                $"{name}: the encryption header names a chunk size of {chunkSize} bytes, outside {MinChunkSize}..{MaxChunkSize}: the header is damaged.",
                byteOffset: FixedPrefixLength + keyIdLength);
        }

        var noncePrefix = rest.AsSpan(keyIdLength + 4, NoncePrefixLength).ToArray();
        var keyCheck = rest.AsSpan(keyIdLength + 4 + NoncePrefixLength, KeyCheckLength).ToArray();
        var bytes = new byte[prefix.Length + rest.Length];
        prefix.CopyTo(bytes, 0);
        rest.CopyTo(bytes, prefix.Length);
        return new EncryptionHeader(keyId, (int)chunkSize, noncePrefix, keyCheck, bytes);
    }

    /// <summary>The nonce of chunk <paramref name="index"/>: the prefix, then the index as a big-endian 32-bit counter.</summary>
    public void Nonce(uint index, Span<byte> nonce)
    {
        NoncePrefix.CopyTo(nonce);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[NoncePrefixLength..], index);
    }

    /// <summary>The associated data of a chunk: the header digest, then 1 for the final chunk or 0 for any other.</summary>
    public void AssociatedData(bool final, Span<byte> aad)
    {
        Digest.CopyTo(aad);
        aad[Digest.Length] = final ? (byte)1 : (byte)0;
    }
}
