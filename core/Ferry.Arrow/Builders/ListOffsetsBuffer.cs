using Ferry.Arrow.Memory;

namespace Ferry.Arrow;

/// <summary>The offsets of a list or map builder: one start offset per slot, closed at build time.</summary>
internal sealed class ListOffsetsBuffer
{
    private readonly bool _isLarge;
    private GrowableBuffer _offsets;

    public ListOffsetsBuffer(bool isLarge, int capacity)
    {
        _isLarge = isLarge;
        _offsets = new GrowableBuffer((capacity + 1) * (isLarge ? 8 : 4));
    }

    public void AppendStart(int childLength, int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            if (_isLarge)
            {
                _offsets.Append((long)childLength);
            }
            else
            {
                _offsets.Append(childLength);
            }
        }
    }

    /// <summary>Closes the last slot at <paramref name="childLength"/> and hands the offsets over.</summary>
    public ReadOnlyMemory<byte> Detach(int childLength)
    {
        AppendStart(childLength);
        var result = _offsets.Detach();
        _offsets = new GrowableBuffer();
        return result;
    }
}
