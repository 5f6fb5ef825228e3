using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Ferry.Sdk.Records;

/// <summary>
/// A record's content checksum: 128 bits (XXH64 with two seeds) over a canonical encoding of its text, title
/// (strings as UTF-16 code units), metadata (every value type-tagged, object keys sorted ordinally, floats by bit pattern,
/// timestamps with their offset), dense vectors (by name, raw float32 bits) and sparse vectors. The id is not part of it
/// (it is the lookup key), nor are provenance, relationships, collection and record type, which some targets do not
/// keep. Two records have the same checksum exactly when a type-preserving, bit-exact copy would.
/// </summary>
/// <remarks>
/// Full validation compares the checksum of every source record with the checksum of what the target holds under its
/// id (<see cref="Connectors.SinkConnector.ReadChecksumsAsync"/>). A target that can hash its stored form without
/// building records feeds the same fields to a <see cref="RecordChecksumBuilder"/>.
/// </remarks>
public static class RecordChecksum
{
    /// <summary>The checksum length in bytes.</summary>
    public const int Size = 16;

    [ThreadStatic]
    private static RecordChecksumBuilder? t_builder;

    /// <summary>Computes the checksum into <paramref name="destination"/> (at least <see cref="Size"/> bytes), little-endian.</summary>
    public static void Compute(Record record, Span<byte> destination) =>
        BinaryPrimitives.WriteUInt128LittleEndian(destination, Compute128(record));

    /// <summary>The checksum as one 128-bit value (the <see cref="Size"/> bytes of <see cref="Compute(Record, Span{byte})"/>, little-endian).</summary>
    public static UInt128 Compute128(Record record)
    {
        var builder = Encode(record);
        var checksum = builder.Finish();
        Return(builder);
        return checksum;
    }

    /// <summary>The checksum as 32 lower-case hex digits.</summary>
    public static string ComputeHex(Record record)
    {
        Span<byte> bytes = stackalloc byte[Size];
        Compute(record, bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>
    /// 32 hex digits of SHA-256 over the same canonical encoding: a content id that stays unique across a whole dataset
    /// (<c>--id-mode hash</c>), where a cryptographic hash is worth its cost.
    /// </summary>
    public static string ComputeContentId(Record record)
    {
        var builder = Encode(record);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(builder.Complete(), hash);
        Return(builder);
        return Convert.ToHexStringLower(hash[..16]);
    }

    /// <summary>Feeds the record's fields to a builder (one per thread, reused) in the canonical order.</summary>
    private static RecordChecksumBuilder Encode(Record record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var builder = t_builder ?? new RecordChecksumBuilder();
        t_builder = null;
        builder.Reset();
        builder.Text(record.Text);
        builder.Title(record.Title);
        if (record.Metadata.Count > 0)
        {
            foreach (var key in SortedKeys(record.Metadata.Keys))
            {
                builder.Metadata(key, record.Metadata[key]);
            }
        }

        if (record.Vectors.Count > 0)
        {
            foreach (var name in SortedKeys(record.Vectors.Keys))
            {
                builder.Vector(name, record.Vectors[name]);
            }
        }

        if (record.Sparse.Count > 0)
        {
            foreach (var name in SortedKeys(record.Sparse.Keys))
            {
                var sparse = record.Sparse[name];
                builder.Sparse(name, sparse.Indices, sparse.Values);
            }
        }

        return builder;
    }

    private static void Return(RecordChecksumBuilder builder)
    {
        if (builder.Capacity <= 16 * 1024 * 1024)
        {
            t_builder = builder;
        }
    }

    private static string[] SortedKeys(ICollection<string> keys)
    {
        var array = new string[keys.Count];
        keys.CopyTo(array, 0);
        for (var i = 1; i < array.Length; i++)
        {
            if (string.CompareOrdinal(array[i - 1], array[i]) > 0)
            {
                // Usually already in order (sources and targets tend to keep a schema order); sort only when not.
                Array.Sort(array, StringComparer.Ordinal);
                break;
            }
        }

        return array;
    }
}
