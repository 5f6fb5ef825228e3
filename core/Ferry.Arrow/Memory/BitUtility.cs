using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ferry.Arrow.Memory;

/// <summary>Helpers for Arrow's LSB-first bitmaps (validity and boolean values).</summary>
internal static class BitUtility
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool GetBit(ReadOnlySpan<byte> bits, int index) => (bits[index >> 3] & (1 << (index & 7))) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetBit(Span<byte> bits, int index, bool value)
    {
        ref var b = ref bits[index >> 3];
        var mask = (byte)(1 << (index & 7));
        b = value ? (byte)(b | mask) : (byte)(b & ~mask);
    }

    public static int BytesForBits(long bits) => checked((int)((bits + 7) >> 3));

    /// <summary>Counts set bits in [0, length).</summary>
    public static int CountSetBits(ReadOnlySpan<byte> bits, int length)
    {
        var fullBytes = length >> 3;
        var count = 0;
        var words = MemoryMarshal.Cast<byte, ulong>(bits[..fullBytes]);
        foreach (var w in words)
        {
            count += BitOperations.PopCount(w);
        }

        for (var i = words.Length * 8; i < fullBytes; i++)
        {
            count += BitOperations.PopCount((uint)bits[i]);
        }

        var rem = length & 7;
        if (rem != 0)
        {
            count += BitOperations.PopCount((uint)(bits[fullBytes] & ((1 << rem) - 1)));
        }

        return count;
    }

    /// <summary>Copies <paramref name="length"/> bits starting at bit <paramref name="srcOffset"/> of
    /// <paramref name="src"/> to bit 0 of <paramref name="dst"/> (bits past length in the last byte are zeroed).</summary>
    public static void CopyBits(ReadOnlySpan<byte> src, int srcOffset, Span<byte> dst, int length)
    {
        if (length == 0)
        {
            return;
        }

        var dstBytes = BytesForBits(length);
        if ((srcOffset & 7) == 0)
        {
            src.Slice(srcOffset >> 3, dstBytes).CopyTo(dst);
        }
        else
        {
            var shift = srcOffset & 7;
            var start = srcOffset >> 3;
            var srcLast = BytesForBits(srcOffset + (long)length) - 1;
            for (var i = 0; i < dstBytes; i++)
            {
                var lo = src[start + i] >> shift;
                var hi = start + i + 1 <= srcLast ? src[start + i + 1] << (8 - shift) : 0;
                dst[i] = (byte)(lo | hi);
            }
        }

        var tail = length & 7;
        if (tail != 0)
        {
            dst[dstBytes - 1] &= (byte)((1 << tail) - 1);
        }
    }
}
