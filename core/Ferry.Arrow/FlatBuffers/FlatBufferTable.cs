using System.Buffers.Binary;
using System.Text;

namespace Ferry.Arrow.FlatBuffers;

/// <summary>
/// A bounds-checked view of one FlatBuffers table. Every offset is validated against the buffer
/// before it is followed, so corrupt metadata raises <see cref="InvalidDataException"/>, never an
/// out-of-range read.
/// </summary>
internal readonly struct FlatBufferTable
{
    private readonly ReadOnlyMemory<byte> _buffer;
    private readonly int _position;
    private readonly int _vtable;
    private readonly int _vtableSize;

    private FlatBufferTable(ReadOnlyMemory<byte> buffer, int position, int vtable, int vtableSize)
    {
        _buffer = buffer;
        _position = position;
        _vtable = vtable;
        _vtableSize = vtableSize;
    }

    public static FlatBufferTable Root(ReadOnlyMemory<byte> buffer)
    {
        if (buffer.Length < 8)
        {
            throw Error("buffer too short for a root table");
        }

        var offset = BinaryPrimitives.ReadUInt32LittleEndian(buffer.Span);
        return At(buffer, offset);
    }

    public bool HasField(int slot) => FieldOffset(slot) != 0;

    public byte GetByte(int slot, byte defaultValue = 0)
    {
        var p = FieldPosition(slot, 1);
        return p < 0 ? defaultValue : _buffer.Span[p];
    }

    public bool GetBool(int slot, bool defaultValue = false)
    {
        var p = FieldPosition(slot, 1);
        return p < 0 ? defaultValue : _buffer.Span[p] != 0;
    }

    public short GetInt16(int slot, short defaultValue = 0)
    {
        var p = FieldPosition(slot, 2);
        return p < 0 ? defaultValue : BinaryPrimitives.ReadInt16LittleEndian(_buffer.Span[p..]);
    }

    public int GetInt32(int slot, int defaultValue = 0)
    {
        var p = FieldPosition(slot, 4);
        return p < 0 ? defaultValue : BinaryPrimitives.ReadInt32LittleEndian(_buffer.Span[p..]);
    }

    public long GetInt64(int slot, long defaultValue = 0)
    {
        var p = FieldPosition(slot, 8);
        return p < 0 ? defaultValue : BinaryPrimitives.ReadInt64LittleEndian(_buffer.Span[p..]);
    }

    public string? GetString(int slot)
    {
        var target = Indirect(slot);
        return target < 0 ? null : ReadString(target);
    }

    public FlatBufferTable? GetTable(int slot)
    {
        var target = Indirect(slot);
        return target < 0 ? null : At(_buffer, (uint)target);
    }

    /// <summary>Number of elements of a vector field (0 when absent).</summary>
    public int GetVectorLength(int slot)
    {
        var target = Indirect(slot);
        return target < 0 ? 0 : ReadVectorLength(target, 1);
    }

    /// <summary>Element <paramref name="index"/> of a vector of tables.</summary>
    public FlatBufferTable GetTableElement(int slot, int index)
    {
        var (start, count) = Vector(slot, 4);
        if ((uint)index >= (uint)count)
        {
            throw Error("vector index out of range");
        }

        var p = start + (index * 4);
        var offset = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.Span[p..]);
        return At(_buffer, p + (long)offset);
    }

    /// <summary>Element <paramref name="index"/> of a vector of strings.</summary>
    public string GetStringElement(int slot, int index)
    {
        var (start, count) = Vector(slot, 4);
        if ((uint)index >= (uint)count)
        {
            throw Error("vector index out of range");
        }

        var p = start + (index * 4);
        var offset = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.Span[p..]);
        return ReadString(CheckedPosition(p + (long)offset, 4));
    }

    /// <summary>The raw bytes of a vector of fixed-size structs or scalars (count × elementSize bytes).</summary>
    public ReadOnlySpan<byte> GetVectorBytes(int slot, int elementSize, out int count)
    {
        var target = Indirect(slot);
        if (target < 0)
        {
            count = 0;
            return default;
        }

        count = ReadVectorLength(target, elementSize);
        return _buffer.Span.Slice(target + 4, count * elementSize);
    }

    private static FlatBufferTable At(ReadOnlyMemory<byte> buffer, long position)
    {
        var span = buffer.Span;
        if (position < 0 || position > span.Length - 4)
        {
            throw Error("table offset outside the buffer");
        }

        var pos = (int)position;
        var vtable = pos - (long)BinaryPrimitives.ReadInt32LittleEndian(span[pos..]);
        if (vtable < 0 || vtable > span.Length - 4)
        {
            throw Error("vtable offset outside the buffer");
        }

        var vt = (int)vtable;
        var vtableSize = BinaryPrimitives.ReadUInt16LittleEndian(span[vt..]);
        var tableSize = BinaryPrimitives.ReadUInt16LittleEndian(span[(vt + 2)..]);
        if (vtableSize < 4 || (vtableSize & 1) != 0 || vt + vtableSize > span.Length || tableSize < 4 || pos + tableSize > span.Length)
        {
            throw Error("vtable is malformed");
        }

        return new FlatBufferTable(buffer, pos, vt, vtableSize);
    }

    private int FieldOffset(int slot)
    {
        var entry = 4 + (slot * 2);
        return entry + 2 > _vtableSize ? 0 : BinaryPrimitives.ReadUInt16LittleEndian(_buffer.Span[(_vtable + entry)..]);
    }

    /// <summary>Absolute position of a scalar field of <paramref name="size"/> bytes, or -1 when absent.</summary>
    private int FieldPosition(int slot, int size)
    {
        var offset = FieldOffset(slot);
        return offset == 0 ? -1 : CheckedPosition(_position + (long)offset, size);
    }

    /// <summary>Absolute position an offset field points to, or -1 when absent.</summary>
    private int Indirect(int slot)
    {
        var p = FieldPosition(slot, 4);
        if (p < 0)
        {
            return -1;
        }

        var offset = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.Span[p..]);
        return CheckedPosition(p + (long)offset, 4);
    }

    private (int Start, int Count) Vector(int slot, int elementSize)
    {
        var target = Indirect(slot);
        if (target < 0)
        {
            return (0, 0);
        }

        return (target + 4, ReadVectorLength(target, elementSize));
    }

    private int ReadVectorLength(int position, int elementSize)
    {
        var count = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.Span[position..]);
        if (count > (ulong)(_buffer.Length - position - 4) / (ulong)elementSize)
        {
            throw Error("vector extends past the buffer");
        }

        return (int)count;
    }

    private string ReadString(int position)
    {
        var length = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.Span[position..]);
        if (length > (ulong)(_buffer.Length - position - 4))
        {
            throw Error("string extends past the buffer");
        }

        try
        {
            return Utf8Strict.GetString(_buffer.Span.Slice(position + 4, (int)length));
        }
        catch (DecoderFallbackException e)
        {
            throw Ipc.IpcErrors.Invalid("a metadata string is not valid UTF-8.", e);
        }
    }

    private int CheckedPosition(long position, int size)
    {
        if (position < 0 || position > _buffer.Length - size)
        {
            throw Error("field offset outside the buffer");
        }

        return (int)position;
    }

    private static readonly UTF8Encoding Utf8Strict = new(false, true);

    private static InvalidDataException Error(string what) => Ipc.IpcErrors.Invalid("malformed metadata flatbuffer (" + what + ").");
}
