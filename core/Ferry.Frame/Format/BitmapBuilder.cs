namespace Ferry.Frame.Format;

/// <summary>An Arrow validity (or boolean values) bitmap of a known length, LSB first, all bits clear to start.</summary>
internal sealed class BitmapBuilder
{
    private readonly byte[] _bits;

    public BitmapBuilder(int length)
    {
        Length = length;
        _bits = new byte[(length + 7) / 8];
    }

    public int Length { get; }

    public int SetCount { get; private set; }

    public void Set(int index)
    {
        ref var b = ref _bits[index >> 3];
        var mask = (byte)(1 << (index & 7));
        if ((b & mask) == 0)
        {
            b |= mask;
            SetCount++;
        }
    }

    /// <summary>The bitmap as a validity buffer: empty when every slot is valid, as Arrow allows.</summary>
    public ReadOnlyMemory<byte> AsValidity() => SetCount == Length ? ReadOnlyMemory<byte>.Empty : _bits;

    public int NullCount => Length - SetCount;

    public ReadOnlyMemory<byte> AsBits() => _bits;
}
