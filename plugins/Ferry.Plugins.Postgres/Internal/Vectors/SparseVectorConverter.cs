using System.Buffers;
using System.Runtime.InteropServices;
using Ferry.Sdk.Records;
using Npgsql.Internal;

namespace Ferry.Plugins.Postgres.Internal.Vectors;

/// <summary>
/// pgvector's binary <c>sparsevec</c> format (sparsevec_send / sparsevec_recv): int32 dimension, int32 number of
/// non-zero entries, int32 unused (0), the 0-based int32 indices, then the float32 values, all big-endian.
/// (The text form <c>{1:0.5}/3</c> counts from 1; the binary form does not.)
/// </summary>
internal sealed class SparseVectorConverter : PgStreamingConverter<PgSparseVector>
{
    private const int HeaderSize = 3 * sizeof(int);

    public override PgSparseVector Read(PgReader reader)
    {
        if (reader.ShouldBuffer(HeaderSize))
        {
            reader.Buffer(HeaderSize);
        }

        var (dimension, count) = ReadHeader(reader);
        var bytes = ArrayPool<byte>.Shared.Rent(count * 2 * sizeof(int));
        try
        {
            var span = bytes.AsSpan(0, count * 2 * sizeof(int));
            reader.ReadBytes(span);
            return Decode(dimension, count, span);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    public override async ValueTask<PgSparseVector> ReadAsync(PgReader reader, CancellationToken cancellationToken = default)
    {
        if (reader.ShouldBuffer(HeaderSize))
        {
            await reader.BufferAsync(HeaderSize, cancellationToken).ConfigureAwait(false);
        }

        var (dimension, count) = ReadHeader(reader);
        var bytes = ArrayPool<byte>.Shared.Rent(count * 2 * sizeof(int));
        try
        {
            var memory = bytes.AsMemory(0, count * 2 * sizeof(int));
            await reader.ReadBytesAsync(memory, cancellationToken).ConfigureAwait(false);
            return Decode(dimension, count, memory.Span);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    public override Size GetSize(SizeContext context, PgSparseVector value, ref object? writeState) =>
        HeaderSize + (value.Vector.Count * 2 * sizeof(int));

    public override void Write(PgWriter writer, PgSparseVector value)
    {
        if (writer.ShouldFlush(HeaderSize))
        {
            writer.Flush();
        }

        WriteHeader(writer, value);
        var length = value.Vector.Count * 2 * sizeof(int);
        var bytes = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Encode(value.Vector, bytes.AsSpan(0, length));
            writer.WriteBytes(bytes.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    public override async ValueTask WriteAsync(PgWriter writer, PgSparseVector value, CancellationToken cancellationToken = default)
    {
        if (writer.ShouldFlush(HeaderSize))
        {
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        WriteHeader(writer, value);
        var length = value.Vector.Count * 2 * sizeof(int);
        var bytes = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Encode(value.Vector, bytes.AsSpan(0, length));
            await writer.WriteBytesAsync(bytes.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static (int Dimension, int Count) ReadHeader(PgReader reader)
    {
        var dimension = reader.ReadInt32();
        var count = reader.ReadInt32();
        _ = reader.ReadInt32();
        if (count < 0 || reader.CurrentRemaining != count * 2 * sizeof(int))
        {
            throw new InvalidDataException($"A sparsevec with {count} entries arrived with {reader.CurrentRemaining} bytes of entries.");
        }

        return (dimension, count);
    }

    private static PgSparseVector Decode(int dimension, int count, ReadOnlySpan<byte> entries)
    {
        var indices = new int[count];
        var values = new float[count];
        BigEndianFloats.Read(entries[..(count * sizeof(int))], indices);
        BigEndianFloats.Read(entries[(count * sizeof(int))..], values);
        return new PgSparseVector(dimension, new SparseVector(MemoryMarshal.Cast<int, uint>(indices), values));
    }

    private static void Encode(SparseVector vector, Span<byte> destination)
    {
        var indexBytes = vector.Count * sizeof(int);
        BigEndianFloats.Write(MemoryMarshal.Cast<uint, int>(vector.Indices), destination[..indexBytes]);
        BigEndianFloats.Write(vector.Values, destination[indexBytes..]);
    }

    private static void WriteHeader(PgWriter writer, PgSparseVector value)
    {
        writer.WriteInt32(value.Dimension);
        writer.WriteInt32(value.Vector.Count);
        writer.WriteInt32(0);
    }
}
