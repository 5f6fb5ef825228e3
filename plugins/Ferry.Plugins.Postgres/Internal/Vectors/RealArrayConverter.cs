using System.Buffers;
using System.Buffers.Binary;
using Npgsql.Internal;

namespace Ferry.Plugins.Postgres.Internal.Vectors;

/// <summary>
/// PostgreSQL's binary array format for a <c>real[]</c> used as a vector (array_send / array_recv): int32 number
/// of dimensions (1, or 0 for an empty array), int32 has-nulls flag, the element type's oid (700, float4), then
/// per dimension int32 length and int32 lower bound, then each element as int32 byte length (4) and its IEEE
/// bits. Npgsql's general array reader handles each element on its own; reading the block at once is several
/// times faster for vectors of hundreds of components. A NULL element or a second dimension is not a vector.
/// </summary>
internal sealed class RealArrayConverter : PgStreamingConverter<PgRealArray>
{
    private const int Float4Oid = 700;
    private const int HeaderSize = 3 * sizeof(int);
    private const int DimensionSize = 2 * sizeof(int);
    private const int ElementSize = 2 * sizeof(int);

    public override PgRealArray Read(PgReader reader)
    {
        if (reader.ShouldBuffer(HeaderSize))
        {
            reader.Buffer(HeaderSize);
        }

        if (ReadHeader(reader) == 0)
        {
            return new PgRealArray([]);
        }

        if (reader.ShouldBuffer(DimensionSize))
        {
            reader.Buffer(DimensionSize);
        }

        var values = new float[ReadLength(reader)];
        var bytes = ArrayPool<byte>.Shared.Rent(values.Length * ElementSize);
        try
        {
            var span = bytes.AsSpan(0, values.Length * ElementSize);
            reader.ReadBytes(span);
            Decode(span, values);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }

        return new PgRealArray(values);
    }

    public override async ValueTask<PgRealArray> ReadAsync(PgReader reader, CancellationToken cancellationToken = default)
    {
        if (reader.ShouldBuffer(HeaderSize))
        {
            await reader.BufferAsync(HeaderSize, cancellationToken).ConfigureAwait(false);
        }

        if (ReadHeader(reader) == 0)
        {
            return new PgRealArray([]);
        }

        if (reader.ShouldBuffer(DimensionSize))
        {
            await reader.BufferAsync(DimensionSize, cancellationToken).ConfigureAwait(false);
        }

        var values = new float[ReadLength(reader)];
        var bytes = ArrayPool<byte>.Shared.Rent(values.Length * ElementSize);
        try
        {
            var memory = bytes.AsMemory(0, values.Length * ElementSize);
            await reader.ReadBytesAsync(memory, cancellationToken).ConfigureAwait(false);
            Decode(memory.Span, values);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }

        return new PgRealArray(values);
    }

    public override Size GetSize(SizeContext context, PgRealArray value, ref object? writeState) =>
        HeaderSize + DimensionSize + (value.Values.Length * ElementSize);

    public override void Write(PgWriter writer, PgRealArray value)
    {
        if (writer.ShouldFlush(HeaderSize + DimensionSize))
        {
            writer.Flush();
        }

        WriteHeader(writer, value.Values.Length);
        var length = value.Values.Length * ElementSize;
        var bytes = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Encode(value.Values, bytes.AsSpan(0, length));
            writer.WriteBytes(bytes.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    public override async ValueTask WriteAsync(PgWriter writer, PgRealArray value, CancellationToken cancellationToken = default)
    {
        if (writer.ShouldFlush(HeaderSize + DimensionSize))
        {
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        WriteHeader(writer, value.Values.Length);
        var length = value.Values.Length * ElementSize;
        var bytes = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Encode(value.Values, bytes.AsSpan(0, length));
            await writer.WriteBytesAsync(bytes.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static int ReadHeader(PgReader reader)
    {
        var dimensions = reader.ReadInt32();
        var hasNulls = reader.ReadInt32();
        _ = reader.ReadInt32(); // element oid: float4 by the column's type
        if (dimensions > 1)
        {
            throw new InvalidCastException($"A real[] with {dimensions} dimensions is not a vector.");
        }

        if (hasNulls != 0)
        {
            throw new InvalidCastException("A real[] with NULL elements is not a vector.");
        }

        return dimensions;
    }

    private static int ReadLength(PgReader reader)
    {
        var length = reader.ReadInt32();
        _ = reader.ReadInt32(); // lower bound
        if (length < 0 || reader.CurrentRemaining != length * ElementSize)
        {
            throw new InvalidDataException($"A real[] of {length} elements arrived with {reader.CurrentRemaining} bytes.");
        }

        return length;
    }

    private static void Decode(ReadOnlySpan<byte> source, Span<float> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            var element = source.Slice(i * ElementSize, ElementSize);
            if (BinaryPrimitives.ReadInt32BigEndian(element) != sizeof(float))
            {
                throw new InvalidCastException("A real[] with NULL elements is not a vector.");
            }

            destination[i] = BinaryPrimitives.ReadSingleBigEndian(element[sizeof(int)..]);
        }
    }

    private static void Encode(ReadOnlySpan<float> source, Span<byte> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            var element = destination.Slice(i * ElementSize, ElementSize);
            BinaryPrimitives.WriteInt32BigEndian(element, sizeof(float));
            BinaryPrimitives.WriteSingleBigEndian(element[sizeof(int)..], source[i]);
        }
    }

    private static void WriteHeader(PgWriter writer, int length)
    {
        writer.WriteInt32(1);
        writer.WriteInt32(0);
        writer.WriteInt32(Float4Oid);
        writer.WriteInt32(length);
        writer.WriteInt32(1);
    }
}
