using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Npgsql.Internal;

namespace Ferry.Plugins.Postgres.Internal.Vectors;

/// <summary>
/// pgvector's binary <c>halfvec</c> format (halfvec_send / halfvec_recv): uint16 dimension, int16 unused (0),
/// then IEEE 754 binary16 components big-endian. Widening to float32 is exact; narrowing is exact only for
/// values the sink has checked (<see cref="HalfPrecision.IsExact(float)"/>).
/// </summary>
internal sealed class HalfVectorConverter : PgStreamingConverter<PgHalfVector>
{
    private const int HeaderSize = 2 * sizeof(short);

    public override PgHalfVector Read(PgReader reader)
    {
        if (reader.ShouldBuffer(HeaderSize))
        {
            reader.Buffer(HeaderSize);
        }

        var values = new float[ReadHeader(reader)];
        var bytes = ArrayPool<byte>.Shared.Rent(values.Length * sizeof(ushort));
        try
        {
            var span = bytes.AsSpan(0, values.Length * sizeof(ushort));
            reader.ReadBytes(span);
            Decode(span, values);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }

        return new PgHalfVector(values);
    }

    public override async ValueTask<PgHalfVector> ReadAsync(PgReader reader, CancellationToken cancellationToken = default)
    {
        if (reader.ShouldBuffer(HeaderSize))
        {
            await reader.BufferAsync(HeaderSize, cancellationToken).ConfigureAwait(false);
        }

        var values = new float[ReadHeader(reader)];
        var bytes = ArrayPool<byte>.Shared.Rent(values.Length * sizeof(ushort));
        try
        {
            var memory = bytes.AsMemory(0, values.Length * sizeof(ushort));
            await reader.ReadBytesAsync(memory, cancellationToken).ConfigureAwait(false);
            Decode(memory.Span, values);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }

        return new PgHalfVector(values);
    }

    public override Size GetSize(SizeContext context, PgHalfVector value, ref object? writeState) =>
        HeaderSize + (value.Values.Length * sizeof(ushort));

    public override void Write(PgWriter writer, PgHalfVector value)
    {
        if (writer.ShouldFlush(HeaderSize))
        {
            writer.Flush();
        }

        WriteHeader(writer, value.Values.Length);
        var bytes = ArrayPool<byte>.Shared.Rent(value.Values.Length * sizeof(ushort));
        try
        {
            var span = bytes.AsSpan(0, value.Values.Length * sizeof(ushort));
            Encode(value.Values, span);
            writer.WriteBytes(span);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    public override async ValueTask WriteAsync(PgWriter writer, PgHalfVector value, CancellationToken cancellationToken = default)
    {
        if (writer.ShouldFlush(HeaderSize))
        {
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        WriteHeader(writer, value.Values.Length);
        var bytes = ArrayPool<byte>.Shared.Rent(value.Values.Length * sizeof(ushort));
        try
        {
            var memory = bytes.AsMemory(0, value.Values.Length * sizeof(ushort));
            Encode(value.Values, memory.Span);
            await writer.WriteBytesAsync(memory, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static void Decode(ReadOnlySpan<byte> source, Span<float> destination)
    {
        var halves = MemoryMarshal.Cast<byte, ushort>(source);
        for (var i = 0; i < destination.Length; i++)
        {
            var bits = BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(halves[i]) : halves[i];
            destination[i] = (float)BitConverter.UInt16BitsToHalf(bits);
        }
    }

    private static void Encode(ReadOnlySpan<float> source, Span<byte> destination)
    {
        var halves = MemoryMarshal.Cast<byte, ushort>(destination);
        for (var i = 0; i < source.Length; i++)
        {
            var bits = BitConverter.HalfToUInt16Bits((Half)source[i]);
            halves[i] = BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(bits) : bits;
        }
    }

    private static int ReadHeader(PgReader reader)
    {
        int dimension = reader.ReadUInt16();
        _ = reader.ReadInt16();
        if (reader.CurrentRemaining != dimension * sizeof(ushort))
        {
            throw new InvalidDataException($"A halfvec of {dimension} dimensions arrived with {reader.CurrentRemaining} bytes of components.");
        }

        return dimension;
    }

    private static void WriteHeader(PgWriter writer, int dimension)
    {
        writer.WriteUInt16(checked((ushort)dimension));
        writer.WriteInt16(0);
    }
}
