using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Ferry.Plugins.Files.Wrapping;

/// <summary>
/// A fast streaming 64-bit hash (multiply-rotate lanes, SplitMix64 finish) for record fingerprints and id keys. Not
/// cryptographic: it only has to make accidental collisions improbable (two 64-bit lanes with different seeds give
/// the 128-bit id keys of <see cref="IdIndex"/>).
/// </summary>
internal struct Hash64
{
    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;

    private ulong _state;
    private ulong _length;

    public Hash64(ulong seed)
    {
        _state = seed ^ Prime2;
        _length = 0;
    }

    public void Add(ReadOnlySpan<byte> data)
    {
        _length += (ulong)data.Length;
        var state = _state;
        while (data.Length >= 8)
        {
            state = BitOperations.RotateLeft(state ^ (BinaryPrimitives.ReadUInt64LittleEndian(data) * Prime1), 31) * Prime2;
            data = data[8..];
        }

        if (!data.IsEmpty)
        {
            ulong tail = 0;
            for (var i = 0; i < data.Length; i++)
            {
                tail |= (ulong)data[i] << (8 * i);
            }

            state = BitOperations.RotateLeft(state ^ ((tail + (ulong)data.Length) * Prime1), 27) * Prime2;
        }

        _state = state;
    }

    public void Add(ReadOnlySpan<char> text) => Add(MemoryMarshal.AsBytes(text));

    public void Add(string? text)
    {
        if (text is null)
        {
            Add(ulong.MaxValue);
        }
        else
        {
            Add((ulong)text.Length);
            Add(text.AsSpan());
        }
    }

    public void Add(ulong value)
    {
        _length += 8;
        _state = BitOperations.RotateLeft(_state ^ (value * Prime1), 31) * Prime2;
    }

    public readonly ulong Finish()
    {
        var z = _state ^ _length;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
