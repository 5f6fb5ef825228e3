using System.Buffers.Binary;
using System.Numerics;

namespace Ferry.Frame.Storage;

/// <summary>
/// CRC-32C (Castagnoli), the checksum the manifest records for every file. It runs on the CPU's CRC instruction
/// through <see cref="BitOperations.Crc32C(uint, ulong)"/> (SSE 4.2 / ARMv8), several GB/s, so it is computed while a
/// file is written without slowing the write path.
/// </summary>
internal struct Crc32C
{
    private uint _state;

    public Crc32C()
    {
        _state = uint.MaxValue;
    }

    /// <summary>The checksum of everything appended so far.</summary>
    public readonly uint Value => ~_state;

    /// <summary>The checksum as written in manifests: <c>crc32c:</c> and 8 lower-case hex digits.</summary>
    public readonly string ToManifestString() => Format(Value);

    public static string Format(uint value) => "crc32c:" + value.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = new Crc32C();
        crc.Append(data);
        return crc.Value;
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        var state = _state;
        var i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(i)));
        }

        for (; i < data.Length; i++)
        {
            state = BitOperations.Crc32C(state, data[i]);
        }

        _state = state;
    }
}
