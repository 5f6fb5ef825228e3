using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ferry.Arrow.Memory;

/// <summary>
/// An append-only byte buffer for builders. <see cref="Detach"/> hands the bytes to an array
/// without copying; <see cref="Snapshot"/> exposes the current prefix while appends continue
/// (appends never rewrite earlier bytes, so a snapshot stays valid).
/// </summary>
internal sealed class GrowableBuffer
{
    private const int MinimumCapacity = 64;
    private byte[] _data;
    private int _length;

    public GrowableBuffer(int capacity = 0) =>
        _data = capacity > 0 ? GC.AllocateUninitializedArray<byte>(capacity) : [];

    public int Length => _length;

    public Span<byte> WrittenSpan => _data.AsSpan(0, _length);

    /// <summary>Appends <paramref name="count"/> uninitialised bytes and returns them for filling.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> AppendSpan(int count)
    {
        if (_data.Length - _length < count)
        {
            Grow(count);
        }

        var span = _data.AsSpan(_length, count);
        _length += count;
        return span;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append<T>(T value)
        where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        if (_data.Length - _length < size)
        {
            Grow(size);
        }

        Unsafe.WriteUnaligned(ref _data[_length], value);
        _length += size;
    }

    public void Append(ReadOnlySpan<byte> bytes) => bytes.CopyTo(AppendSpan(bytes.Length));

    public void Append<T>(ReadOnlySpan<T> values)
        where T : unmanaged => MemoryMarshal.AsBytes(values).CopyTo(AppendSpan(values.Length * Unsafe.SizeOf<T>()));

    /// <summary>Drops the last <paramref name="count"/> bytes (used after over-reserving).</summary>
    public void Shrink(int count) => _length -= count;

    public void AppendZeros(int count) => AppendSpan(count).Clear();

    public void EnsureCapacity(int totalBytes)
    {
        if (totalBytes > _data.Length)
        {
            Grow(totalBytes - _length);
        }
    }

    /// <summary>Hands the written bytes over and starts again empty.</summary>
    public ReadOnlyMemory<byte> Detach()
    {
        var memory = new ReadOnlyMemory<byte>(_data, 0, _length);
        _data = [];
        _length = 0;
        return memory;
    }

    /// <summary>The written bytes, shared: later appends do not change them.</summary>
    public ReadOnlyMemory<byte> Snapshot() => new(_data, 0, _length);

    /// <summary>Forgets the content. Never reuses the old array: a snapshot may still point at it.</summary>
    public void Reset()
    {
        _data = [];
        _length = 0;
    }

    private void Grow(int extra)
    {
        var needed = (long)_length + extra;
        if (needed > Array.MaxLength)
        {
            throw new OverflowException($"An Arrow buffer cannot exceed {Array.MaxLength} bytes; split the data into more record batches.");
        }

        var capacity = Math.Max(needed, Math.Max(MinimumCapacity, (long)_data.Length * 2));
        capacity = Math.Min(capacity, Array.MaxLength);
        var next = GC.AllocateUninitializedArray<byte>((int)capacity);
        _data.AsSpan(0, _length).CopyTo(next);
        _data = next;
    }
}
