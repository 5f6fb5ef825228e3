using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Ferry.Sdk.Records;

namespace Ferry.Core.Validation;

/// <summary>
/// A record's content checksum: 128 bits (XXH64 with two seeds) over a canonical encoding of its text, title
/// (strings as UTF-16 code units), metadata (every value type-tagged, object keys sorted ordinally, floats by bit pattern, timestamps with their
/// offset), dense vectors (by name, raw float32 bits) and sparse vectors. The id is not part of it (it is the
/// lookup key), nor are provenance, relationships, collection and record type, which some targets do not keep.
/// Two records have the same checksum exactly when a type-preserving, bit-exact copy would.
/// </summary>
public static class RecordChecksum
{
    /// <summary>The checksum length in bytes.</summary>
    public const int Size = 16;

    private const ulong SeedLow = 0;
    private const ulong SeedHigh = 0x9E3779B97F4A7C15;

    [ThreadStatic]
    private static byte[]? t_buffer;

    /// <summary>Computes the checksum into <paramref name="destination"/> (at least <see cref="Size"/> bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(Record record, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(record);
        var encoder = Encode(record);
        BinaryPrimitives.WriteUInt64LittleEndian(destination, XxHash64.Hash(encoder.Written, SeedLow));
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], XxHash64.Hash(encoder.Written, SeedHigh));
        Keep(encoder);
    }

    /// <summary>The checksum as one 128-bit value (the <see cref="Size"/> bytes of <see cref="Compute(Record, Span{byte})"/>, little-endian).</summary>
    public static UInt128 Compute128(Record record)
    {
        Span<byte> checksum = stackalloc byte[Size];
        Compute(record, checksum);
        return BinaryPrimitives.ReadUInt128LittleEndian(checksum);
    }

    /// <summary>
    /// 32 hex digits of SHA-256 over the same canonical encoding: the content id of <c>--id-mode hash</c>, where ids must
    /// stay unique across a whole dataset, so a cryptographic hash is worth its cost.
    /// </summary>
    public static string ComputeContentId(Record record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var encoder = Encode(record);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(encoder.Written, hash);
        Keep(encoder);
        return Convert.ToHexStringLower(hash[..16]);
    }

    private static Encoder Encode(Record record)
    {
        var encoder = new Encoder(t_buffer ??= new byte[64 * 1024]);
        encoder.Encode(record);
        return encoder;
    }

    private static void Keep(Encoder encoder)
    {
        if (encoder.Buffer.Length <= 16 * 1024 * 1024)
        {
            t_buffer = encoder.Buffer;
        }
    }

    /// <summary>The checksum as 32 lower-case hex digits.</summary>
    public static string ComputeHex(Record record)
    {
        Span<byte> bytes = stackalloc byte[Size];
        Compute(record, bytes);
        return Convert.ToHexStringLower(bytes);
    }

    private struct Encoder
    {
        private int _length;

        public Encoder(byte[] buffer)
        {
            Buffer = buffer;
            _length = 0;
        }

        public byte[] Buffer { get; private set; }

        public readonly ReadOnlySpan<byte> Written => Buffer.AsSpan(0, _length);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Encode(Record record)
        {
            OptionalString(record.Text);
            OptionalString(record.Title);
            Int(record.Metadata.Count);
            if (record.Metadata.Count > 0)
            {
                var keys = SortedKeys(record.Metadata.Keys);
                foreach (var key in keys)
                {
                    String(key);
                    Value(record.Metadata[key]);
                }
            }

            Int(record.Vectors.Count);
            foreach (var name in SortedKeys(record.Vectors.Keys))
            {
                String(name);
                var vector = record.Vectors[name];
                Int(vector.Length);
                Bytes(MemoryMarshal.AsBytes(vector.AsSpan()));
            }

            Int(record.Sparse.Count);
            foreach (var name in SortedKeys(record.Sparse.Keys))
            {
                String(name);
                var sparse = record.Sparse[name];
                Int(sparse.Count);
                Bytes(MemoryMarshal.AsBytes(sparse.Indices));
                Bytes(MemoryMarshal.AsBytes(sparse.Values));
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

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Value(MetadataValue value)
        {
            Byte((byte)value.Kind);
            switch (value.Kind)
            {
                case MetadataKind.Null:
                    break;
                case MetadataKind.Bool:
                    Byte(value.AsBool() ? (byte)1 : (byte)0);
                    break;
                case MetadataKind.Integer:
                    Long(value.AsInteger());
                    break;
                case MetadataKind.Float:
                    Long(BitConverter.DoubleToInt64Bits(value.AsFloat()));
                    break;
                case MetadataKind.Decimal:
                    Span<int> bits = stackalloc int[4];
                    decimal.GetBits(value.AsDecimal(), bits);
                    Bytes(MemoryMarshal.AsBytes(bits));
                    break;
                case MetadataKind.String:
                    String(value.AsString());
                    break;
                case MetadataKind.Timestamp:
                    var timestamp = value.AsTimestamp();
                    Long(timestamp.UtcTicks);
                    Int((int)timestamp.Offset.TotalMinutes);
                    break;
                case MetadataKind.Bytes:
                    var bytes = value.AsBytes().Span;
                    Int(bytes.Length);
                    Bytes(bytes);
                    break;
                case MetadataKind.Array:
                    var items = value.AsArray();
                    var count = items.Count;
                    Int(count);
                    for (var i = 0; i < count; i++)
                    {
                        Value(items[i]);
                    }

                    break;
                case MetadataKind.Object:
                    var entries = value.AsObject();
                    Int(entries.Count);
                    var keys = new string[entries.Count];
                    var k = 0;
                    foreach (var key in entries.Keys)
                    {
                        keys[k++] = key;
                    }

                    Array.Sort(keys, StringComparer.Ordinal);
                    foreach (var key in keys)
                    {
                        String(key);
                        Value(entries[key]);
                    }

                    break;
            }
        }

        private void OptionalString(string? text)
        {
            if (text is null)
            {
                Byte(0);
            }
            else
            {
                Byte(1);
                String(text);
            }
        }

        private void String(string text)
        {
            // UTF-16 code units as they are: canonical, and no transcoding pass.
            Int(text.Length);
            Bytes(MemoryMarshal.AsBytes(text.AsSpan()));
        }

        private void Byte(byte value)
        {
            Ensure(1);
            Buffer[_length++] = value;
        }

        private void Int(int value)
        {
            Ensure(4);
            BinaryPrimitives.WriteInt32LittleEndian(Buffer.AsSpan(_length), value);
            _length += 4;
        }

        private void Long(long value)
        {
            Ensure(8);
            BinaryPrimitives.WriteInt64LittleEndian(Buffer.AsSpan(_length), value);
            _length += 8;
        }

        private void Bytes(ReadOnlySpan<byte> bytes)
        {
            Ensure(bytes.Length);
            bytes.CopyTo(Buffer.AsSpan(_length));
            _length += bytes.Length;
        }

        private void Ensure(int count)
        {
            if (_length + count > Buffer.Length)
            {
                var bigger = new byte[Math.Max(Buffer.Length * 2, _length + count)];
                Buffer.AsSpan(0, _length).CopyTo(bigger);
                Buffer = bigger;
            }
        }
    }
}
