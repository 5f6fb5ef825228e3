using System.Buffers;
using Npgsql.Internal;

namespace Ferry.Plugins.Postgres.Internal.Vectors;

/// <summary>
/// pgvector's binary <c>vector</c> format (vector_send / vector_recv): uint16 dimension, int16 unused (0),
/// then the float32 components big-endian. Components are moved as one block, not one call per value.
/// </summary>
internal sealed class VectorConverter : PgStreamingConverter<PgVector>
{
    private const int HeaderSize = 2 * sizeof(short);

    public override PgVector Read(PgReader reader)
    {
        if (reader.ShouldBuffer(HeaderSize))
        {
            reader.Buffer(HeaderSize);
        }

        var values = new float[ReadHeader(reader)];
        var bytes = ArrayPool<byte>.Shared.Rent(values.Length * sizeof(float));
        try
        {
            var span = bytes.AsSpan(0, values.Length * sizeof(float));
            reader.ReadBytes(span);
            BigEndianFloats.Read(span, values);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }

        return new PgVector(values);
    }

    public override async ValueTask<PgVector> ReadAsync(PgReader reader, CancellationToken cancellationToken = default)
    {
        if (reader.ShouldBuffer(HeaderSize))
        {
            await reader.BufferAsync(HeaderSize, cancellationToken).ConfigureAwait(false);
        }

        var values = new float[ReadHeader(reader)];
        var bytes = ArrayPool<byte>.Shared.Rent(values.Length * sizeof(float));
        try
        {
            var memory = bytes.AsMemory(0, values.Length * sizeof(float));
            await reader.ReadBytesAsync(memory, cancellationToken).ConfigureAwait(false);
            BigEndianFloats.Read(memory.Span, values);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }

        return new PgVector(values);
    }

    public override Size GetSize(SizeContext context, PgVector value, ref object? writeState) =>
        HeaderSize + (value.Values.Length * sizeof(float));

    public override void Write(PgWriter writer, PgVector value)
    {
        if (writer.ShouldFlush(HeaderSize))
        {
            writer.Flush();
        }

        WriteHeader(writer, value.Values.Length);
        var bytes = ArrayPool<byte>.Shared.Rent(value.Values.Length * sizeof(float));
        try
        {
            var span = bytes.AsSpan(0, value.Values.Length * sizeof(float));
            BigEndianFloats.Write(value.Values, span);
            writer.WriteBytes(span);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    public override async ValueTask WriteAsync(PgWriter writer, PgVector value, CancellationToken cancellationToken = default)
    {
        if (writer.ShouldFlush(HeaderSize))
        {
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        WriteHeader(writer, value.Values.Length);
        var bytes = ArrayPool<byte>.Shared.Rent(value.Values.Length * sizeof(float));
        try
        {
            var memory = bytes.AsMemory(0, value.Values.Length * sizeof(float));
            BigEndianFloats.Write(value.Values, memory.Span);
            await writer.WriteBytesAsync(memory, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static int ReadHeader(PgReader reader)
    {
        int dimension = reader.ReadUInt16();
        _ = reader.ReadInt16();
        if (reader.CurrentRemaining != dimension * sizeof(float))
        {
            throw new InvalidDataException($"A vector of {dimension} dimensions arrived with {reader.CurrentRemaining} bytes of components.");
        }

        return dimension;
    }

    private static void WriteHeader(PgWriter writer, int dimension)
    {
        writer.WriteUInt16(checked((ushort)dimension));
        writer.WriteInt16(0);
    }
}
