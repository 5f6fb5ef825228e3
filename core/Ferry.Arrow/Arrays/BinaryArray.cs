using System.Runtime.InteropServices;

namespace Ferry.Arrow;

/// <summary>
/// Variable-length bytes: binary and large_binary (and, through <see cref="StringArray"/>, utf8 and
/// large_utf8). Value i is <c>ValueData[offsets[i]..offsets[i+1]]</c>.
/// </summary>
public class BinaryArray : ArrowArray
{
    /// <summary>Wraps existing binary or large_binary buffers (no copy).</summary>
    /// <param name="type"><see cref="ArrowType.Binary"/> or <see cref="ArrowType.LargeBinary"/>.</param>
    /// <param name="offsets">Length + 1 little-endian int32 (int64 when large) offsets.</param>
    /// <param name="data">The concatenated value bytes.</param>
    /// <param name="length">Number of slots.</param>
    /// <param name="validity">Validity bitmap, or empty when all slots are valid.</param>
    /// <param name="nullCount">Null count, or -1 to count it from the bitmap.</param>
    public BinaryArray(BinaryType type, ReadOnlyMemory<byte> offsets, ReadOnlyMemory<byte> data, int length,
        ReadOnlyMemory<byte> validity = default, int nullCount = -1)
        : this((ArrowType)type, type?.IsLarge ?? false, offsets, data, length, validity, nullCount)
    {
    }

    private protected BinaryArray(ArrowType type, bool isLarge, ReadOnlyMemory<byte> offsets, ReadOnlyMemory<byte> data,
        int length, ReadOnlyMemory<byte> validity, int nullCount)
        : base(type, length, validity, nullCount)
    {
        IsLarge = isLarge;
        var width = isLarge ? 8 : 4;
        if (length > 0 && offsets.Length < (length + 1L) * width)
        {
            throw new ArgumentException(
                $"The offsets buffer has {offsets.Length} bytes; {(length + 1L) * width} are needed.", nameof(offsets));
        }

        OffsetsBuffer = length > 0 ? offsets[..((length + 1) * width)] : offsets;
        DataBuffer = data;
    }

    /// <summary>True for 64-bit offsets.</summary>
    public bool IsLarge { get; }

    /// <summary>The offsets buffer.</summary>
    public ReadOnlyMemory<byte> OffsetsBuffer { get; }

    /// <summary>The value bytes buffer.</summary>
    public ReadOnlyMemory<byte> DataBuffer { get; }

    /// <summary>The 32-bit offsets (Length + 1 entries, or none for an empty array).</summary>
    /// <exception cref="InvalidOperationException">The array has 64-bit offsets.</exception>
    public ReadOnlySpan<int> ValueOffsets => IsLarge
        ? throw new InvalidOperationException("This array has 64-bit offsets; use LargeValueOffsets.")
        : MemoryMarshal.Cast<byte, int>(OffsetsBuffer.Span);

    /// <summary>The 64-bit offsets (Length + 1 entries, or none for an empty array).</summary>
    /// <exception cref="InvalidOperationException">The array has 32-bit offsets.</exception>
    public ReadOnlySpan<long> LargeValueOffsets => IsLarge
        ? MemoryMarshal.Cast<byte, long>(OffsetsBuffer.Span)
        : throw new InvalidOperationException("This array has 32-bit offsets; use ValueOffsets.");

    /// <summary>The concatenated value bytes.</summary>
    public ReadOnlySpan<byte> ValueData => DataBuffer.Span;

    /// <summary>Start of value <paramref name="index"/> in <see cref="ValueData"/>.</summary>
    public long GetValueOffset(int index)
    {
        CheckIndex(index);
        return ReadOffset(index);
    }

    /// <summary>Byte length of value <paramref name="index"/>.</summary>
    public int GetValueLength(int index)
    {
        CheckIndex(index);
        return checked((int)(ReadOffset(index + 1) - ReadOffset(index)));
    }

    /// <summary>The bytes of value <paramref name="index"/> (empty for a null slot).</summary>
    public ReadOnlySpan<byte> GetBytes(int index)
    {
        CheckIndex(index);
        var start = ReadOffset(index);
        var end = ReadOffset(index + 1);
        return DataBuffer.Span.Slice(checked((int)start), checked((int)(end - start)));
    }

    /// <summary>The bytes of value <paramref name="index"/> as memory (no copy).</summary>
    public ReadOnlyMemory<byte> GetMemory(int index)
    {
        CheckIndex(index);
        var start = ReadOffset(index);
        var end = ReadOffset(index + 1);
        return DataBuffer.Slice(checked((int)start), checked((int)(end - start)));
    }

    private protected override ArrowArray SliceCore(int offset, int length)
    {
        var (validity, nulls) = SliceValidity(offset, length);
        var (offsets, start, end) = ArrayOffsets.Rebase(OffsetsBuffer, offset, length, IsLarge);
        var data = DataBuffer.Slice(checked((int)start), checked((int)(end - start)));
        return Type is StringType s
            ? new StringArray(s, offsets, data, length, validity, nulls)
            : new BinaryArray((BinaryType)Type, offsets, data, length, validity, nulls);
    }

    private long ReadOffset(int i) => IsLarge
        ? MemoryMarshal.Read<long>(OffsetsBuffer.Span[(i * 8)..])
        : MemoryMarshal.Read<int>(OffsetsBuffer.Span[(i * 4)..]);
}
