using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Ferry.Sdk.Records;

namespace Ferry.Core.Validation;

/// <summary>
/// A record's content checksum: the first 16 bytes of SHA-256 over a canonical encoding of its text, title,
/// metadata (every value type-tagged, object keys sorted ordinally, floats by bit pattern, timestamps with their
/// offset), dense vectors (by name, raw float32 bits) and sparse vectors. The id is not part of it (it is the
/// lookup key), nor are provenance, relationships, collection and record type, which some targets do not keep.
/// Two records have the same checksum exactly when a type-preserving, bit-exact copy would.
/// </summary>
public static class RecordChecksum
{
    /// <summary>The checksum length in bytes.</summary>
    public const int Size = 16;

    [ThreadStatic]
    private static byte[]? t_buffer;

    /// <summary>Computes the checksum into <paramref name="destination"/> (at least <see cref="Size"/> bytes).</summary>
    public static void Compute(Record record, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(record);
        var encoder = new Encoder(t_buffer ??= new byte[64 * 1024]);
        encoder.Encode(record);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(encoder.Written, hash);
        hash[..Size].CopyTo(destination);
        if (encoder.Buffer.Length <= 16 * 1024 * 1024)
        {
            t_buffer = encoder.Buffer;
        }
    }

    /// <summary>Computes the checksum as a new array.</summary>
    public static byte[] Compute(Record record)
    {
        var result = new byte[Size];
        Compute(record, result);
        return result;
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

        public void Encode(Record record)
        {
            OptionalString(record.Text);
            OptionalString(record.Title);
            Int(record.Metadata.Count);
            if (record.Metadata.Count > 0)
            {
                var keys = new string[record.Metadata.Count];
                record.Metadata.Keys.CopyTo(keys, 0);
                Array.Sort(keys, StringComparer.Ordinal);
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
            if (array.Length > 1)
            {
                Array.Sort(array, StringComparer.Ordinal);
            }

            return array;
        }

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
                    Int(items.Count);
                    foreach (var item in items)
                    {
                        Value(item);
                    }

                    break;
                case MetadataKind.Object:
                    var entries = value.AsObject();
                    Int(entries.Count);
                    var keys = new string[entries.Count];
                    var i = 0;
                    foreach (var key in entries.Keys)
                    {
                        keys[i++] = key;
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
            var count = Encoding.UTF8.GetByteCount(text);
            Int(count);
            Ensure(count);
            Encoding.UTF8.GetBytes(text, Buffer.AsSpan(_length));
            _length += count;
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
