using System.Text;

namespace Ferry.Arrow;

/// <summary>UTF-8 strings (utf8 or large_utf8). <see cref="BinaryArray.GetBytes"/> gives the raw UTF-8.</summary>
public sealed class StringArray : BinaryArray
{
    /// <summary>Wraps existing utf8 or large_utf8 buffers (no copy).</summary>
    /// <param name="type"><see cref="ArrowType.Utf8"/> or <see cref="ArrowType.LargeUtf8"/>.</param>
    /// <param name="offsets">Length + 1 little-endian int32 (int64 when large) offsets.</param>
    /// <param name="data">The concatenated UTF-8 bytes.</param>
    /// <param name="length">Number of slots.</param>
    /// <param name="validity">Validity bitmap, or empty when all slots are valid.</param>
    /// <param name="nullCount">Null count, or -1 to count it from the bitmap.</param>
    public StringArray(StringType type, ReadOnlyMemory<byte> offsets, ReadOnlyMemory<byte> data, int length,
        ReadOnlyMemory<byte> validity = default, int nullCount = -1)
        : base(type, type?.IsLarge ?? false, offsets, data, length, validity, nullCount)
    {
    }

    /// <summary>The string at a slot, or null for a null slot.</summary>
    public string? GetString(int index) => IsNull(index) ? null : Encoding.UTF8.GetString(GetBytes(index));
}
