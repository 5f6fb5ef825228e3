using System.Runtime.InteropServices;

namespace Ferry.Arrow;

/// <summary>Helpers for offset buffers when slicing.</summary>
internal static class ArrayOffsets
{
    public static long Read(ReadOnlyMemory<byte> offsets, int index, bool isLarge) => isLarge
        ? MemoryMarshal.Read<long>(offsets.Span[(index * 8)..])
        : MemoryMarshal.Read<int>(offsets.Span[(index * 4)..]);

    /// <summary>Offsets [offset, offset + length] rebased to start at zero, and the range they cover.</summary>
    public static (ReadOnlyMemory<byte> Offsets, long Start, long End) Rebase(ReadOnlyMemory<byte> offsets, int offset, int length, bool isLarge)
    {
        var width = isLarge ? 8 : 4;
        if (offsets.IsEmpty)
        {
            return (new byte[width], 0, 0);
        }

        var start = Read(offsets, offset, isLarge);
        var end = Read(offsets, offset + length, isLarge);
        if (start == 0)
        {
            return (offsets.Slice(offset * width, (length + 1) * width), 0, end);
        }

        var result = new byte[(length + 1) * width];
        if (isLarge)
        {
            var src = MemoryMarshal.Cast<byte, long>(offsets.Span).Slice(offset, length + 1);
            var dst = MemoryMarshal.Cast<byte, long>(result.AsSpan());
            for (var i = 0; i < dst.Length; i++)
            {
                dst[i] = src[i] - start;
            }
        }
        else
        {
            var src = MemoryMarshal.Cast<byte, int>(offsets.Span).Slice(offset, length + 1);
            var dst = MemoryMarshal.Cast<byte, int>(result.AsSpan());
            var s = (int)start;
            for (var i = 0; i < dst.Length; i++)
            {
                dst[i] = src[i] - s;
            }
        }

        return (result, start, end);
    }
}
