using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Ferry.Plugins.Postgres.Internal.Vectors;

/// <summary>
/// Converts between float32/int32 spans and the network (big-endian) byte order PostgreSQL's binary
/// protocol uses, a whole span at a time (the runtime vectorizes the byte swap), bit for bit.
/// </summary>
internal static class BigEndianFloats
{
    /// <summary>Decodes big-endian float32 values.</summary>
    public static void Read(ReadOnlySpan<byte> source, Span<float> destination) =>
        Read(source, MemoryMarshal.Cast<float, int>(destination));

    /// <summary>Decodes big-endian int32 values.</summary>
    public static void Read(ReadOnlySpan<byte> source, Span<int> destination)
    {
        var words = MemoryMarshal.Cast<byte, int>(source[..(destination.Length * sizeof(int))]);
        if (BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.ReverseEndianness(words, destination);
        }
        else
        {
            words.CopyTo(destination);
        }
    }

    /// <summary>Encodes float32 values big-endian.</summary>
    public static void Write(ReadOnlySpan<float> source, Span<byte> destination) =>
        Write(MemoryMarshal.Cast<float, int>(source), destination);

    /// <summary>Encodes int32 values big-endian.</summary>
    public static void Write(ReadOnlySpan<int> source, Span<byte> destination)
    {
        var words = MemoryMarshal.Cast<byte, int>(destination[..(source.Length * sizeof(int))]);
        if (BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.ReverseEndianness(source, words);
        }
        else
        {
            source.CopyTo(words);
        }
    }
}
