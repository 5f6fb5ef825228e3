using System.Buffers.Binary;

namespace Ferry.Files.Compression;

/// <summary>
/// CRC-32 with the polynomial of gzip and zlib (IEEE 802.3, reflected 0xEDB88320), slice-by-8. The BCL computes it
/// inside GZipStream but does not expose it, and System.IO.Hashing is not available here; we need it to check the
/// gzip trailer that GZipStream itself ignores.
/// </summary>
internal struct Crc32
{
    private static readonly uint[] Table = BuildTable();

    private uint _state;

    public Crc32()
    {
        _state = 0xFFFFFFFFu;
    }

    /// <summary>The CRC of everything appended so far.</summary>
    public readonly uint Value => ~_state;

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = new Crc32();
        crc.Append(data);
        return crc.Value;
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        var table = Table.AsSpan();
        var crc = _state;
        while (data.Length >= 8)
        {
            var one = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ crc;
            var two = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            crc = table[(7 * 256) + (int)(one & 0xFF)]
                ^ table[(6 * 256) + (int)((one >> 8) & 0xFF)]
                ^ table[(5 * 256) + (int)((one >> 16) & 0xFF)]
                ^ table[(4 * 256) + (int)(one >> 24)]
                ^ table[(3 * 256) + (int)(two & 0xFF)]
                ^ table[(2 * 256) + (int)((two >> 8) & 0xFF)]
                ^ table[256 + (int)((two >> 16) & 0xFF)]
                ^ table[(int)(two >> 24)];
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = table[(int)((crc ^ b) & 0xFF)] ^ (crc >> 8);
        }

        _state = crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        for (var slice = 1; slice < 8; slice++)
        {
            for (var i = 0; i < 256; i++)
            {
                var previous = table[((slice - 1) * 256) + i];
                table[(slice * 256) + i] = (previous >> 8) ^ table[(int)(previous & 0xFF)];
            }
        }

        return table;
    }
}
