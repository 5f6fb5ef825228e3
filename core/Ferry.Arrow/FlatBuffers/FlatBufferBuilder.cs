using System.Buffers.Binary;
using System.Text;

namespace Ferry.Arrow.FlatBuffers;

/// <summary>
/// A minimal FlatBuffers builder. Like the reference builders it writes back to front: children
/// first, so every uoffset points forward. Offsets returned by the Create/End methods are
/// distances from the end of the buffer.
/// </summary>
internal sealed class FlatBufferBuilder
{
    private byte[] _buffer;
    private int _space;
    private int _minAlign = 1;
    private int[] _fieldOffsets = new int[16];
    private int _fieldCount;
    private int _tableStart;

    public FlatBufferBuilder(int initialCapacity = 1024)
    {
        _buffer = new byte[initialCapacity];
        _space = initialCapacity;
    }

    /// <summary>Current distance from the end of the buffer.</summary>
    public int Offset => _buffer.Length - _space;

    public int CreateString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Prep(4, length + 1);
        _space -= 1;
        _buffer[_space] = 0;
        _space -= length;
        Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_space, length));
        PutInt32(length);
        return Offset;
    }

    public int CreateOffsetVector(ReadOnlySpan<int> offsets)
    {
        Prep(4, offsets.Length * 4);
        for (var i = offsets.Length - 1; i >= 0; i--)
        {
            PutOffset(offsets[i]);
        }

        PutInt32(offsets.Length);
        return Offset;
    }

    /// <summary>Reserves a vector of <paramref name="count"/> fixed-size elements; fill the returned
    /// span front to back, then call <see cref="EndVector"/>.</summary>
    public Span<byte> StartVector(int elementSize, int count, int alignment)
    {
        var bytes = elementSize * count;
        Prep(4, bytes);
        Prep(alignment, bytes);
        Reserve(bytes);
        _space -= bytes;
        var span = _buffer.AsSpan(_space, bytes);
        span.Clear();
        return span;
    }

    public int EndVector(int count)
    {
        PutInt32(count);
        return Offset;
    }

    public void StartTable(int fieldCount)
    {
        if (_fieldOffsets.Length < fieldCount)
        {
            _fieldOffsets = new int[fieldCount];
        }

        Array.Clear(_fieldOffsets, 0, fieldCount);
        _fieldCount = fieldCount;
        _tableStart = Offset;
    }

    public void AddBool(int slot, bool value, bool defaultValue)
    {
        if (value != defaultValue)
        {
            Prep(1, 0);
            _space -= 1;
            _buffer[_space] = value ? (byte)1 : (byte)0;
            _fieldOffsets[slot] = Offset;
        }
    }

    public void AddByte(int slot, byte value, byte defaultValue)
    {
        if (value != defaultValue)
        {
            Prep(1, 0);
            _space -= 1;
            _buffer[_space] = value;
            _fieldOffsets[slot] = Offset;
        }
    }

    public void AddInt16(int slot, short value, short defaultValue)
    {
        if (value != defaultValue)
        {
            Prep(2, 0);
            _space -= 2;
            BinaryPrimitives.WriteInt16LittleEndian(_buffer.AsSpan(_space), value);
            _fieldOffsets[slot] = Offset;
        }
    }

    public void AddInt32(int slot, int value, int defaultValue)
    {
        if (value != defaultValue)
        {
            PutInt32(value);
            _fieldOffsets[slot] = Offset;
        }
    }

    public void AddInt64(int slot, long value, long defaultValue)
    {
        if (value != defaultValue)
        {
            Prep(8, 0);
            _space -= 8;
            BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_space), value);
            _fieldOffsets[slot] = Offset;
        }
    }

    public void AddOffset(int slot, int offset)
    {
        if (offset != 0)
        {
            Prep(4, 0);
            PutOffset(offset);
            _fieldOffsets[slot] = Offset;
        }
    }

    public int EndTable()
    {
        PutInt32(0); // soffset to the vtable, patched below
        var tableOffset = Offset;
        var lastField = _fieldCount - 1;
        while (lastField >= 0 && _fieldOffsets[lastField] == 0)
        {
            lastField--;
        }

        for (var i = lastField; i >= 0; i--)
        {
            PutUInt16(_fieldOffsets[i] == 0 ? (ushort)0 : (ushort)(tableOffset - _fieldOffsets[i]));
        }

        PutUInt16((ushort)(tableOffset - _tableStart));
        PutUInt16((ushort)((lastField + 1 + 2) * 2));
        var vtableOffset = Offset;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_buffer.Length - tableOffset), vtableOffset - tableOffset);
        _fieldCount = 0;
        return tableOffset;
    }

    /// <summary>Writes the root offset and returns the finished bytes.</summary>
    public ReadOnlySpan<byte> Finish(int rootTable)
    {
        Prep(_minAlign, 4);
        PutOffset(rootTable);
        return _buffer.AsSpan(_space);
    }

    private void PutOffset(int offset)
    {
        Prep(4, 0);
        PutInt32(Offset + 4 - offset);
    }

    private void PutInt32(int value)
    {
        Prep(4, 0);
        _space -= 4;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_space), value);
    }

    private void PutUInt16(ushort value)
    {
        Prep(2, 0);
        _space -= 2;
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(_space), value);
    }

    /// <summary>Pads so that after writing <paramref name="additional"/> bytes the offset is a
    /// multiple of <paramref name="size"/>.</summary>
    private void Prep(int size, int additional)
    {
        if (size > _minAlign)
        {
            _minAlign = size;
        }

        var pad = (-(Offset + additional)) & (size - 1);
        Reserve(pad + additional + size);
        for (var i = 0; i < pad; i++)
        {
            _buffer[--_space] = 0;
        }
    }

    private void Reserve(int bytes)
    {
        if (_space >= bytes)
        {
            return;
        }

        var used = _buffer.Length - _space;
        var next = new byte[Math.Max(_buffer.Length * 2, used + bytes + 64)];
        _buffer.AsSpan(_space).CopyTo(next.AsSpan(next.Length - used));
        _space = next.Length - used;
        _buffer = next;
    }
}
