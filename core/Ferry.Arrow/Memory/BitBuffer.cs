namespace Ferry.Arrow.Memory;

/// <summary>An append-only LSB-first bitmap.</summary>
internal sealed class BitBuffer
{
    private readonly GrowableBuffer _bytes;
    private int _length;

    public BitBuffer(int capacityBits = 0) => _bytes = new GrowableBuffer(capacityBits > 0 ? BitUtility.BytesForBits(capacityBits) : 0);

    public int Length => _length;

    public void Append(bool value)
    {
        if ((_length & 7) == 0)
        {
            _bytes.Append((byte)0);
        }

        if (value)
        {
            _bytes.WrittenSpan[_length >> 3] |= (byte)(1 << (_length & 7));
        }

        _length++;
    }

    public void Append(bool value, int count)
    {
        // Fill the partial byte bit by bit, then whole bytes at once.
        while (count > 0 && (_length & 7) != 0)
        {
            Append(value);
            count--;
        }

        var whole = count >> 3;
        if (whole > 0)
        {
            _bytes.AppendSpan(whole).Fill(value ? (byte)0xFF : (byte)0);
            _length += whole * 8;
            count -= whole * 8;
        }

        while (count-- > 0)
        {
            Append(value);
        }
    }

    public ReadOnlyMemory<byte> Detach()
    {
        _length = 0;
        return _bytes.Detach();
    }
}
