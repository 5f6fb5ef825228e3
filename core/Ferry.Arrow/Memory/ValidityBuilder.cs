namespace Ferry.Arrow.Memory;

/// <summary>Tracks validity for a builder; the bitmap is only allocated once a null arrives.</summary>
internal sealed class ValidityBuilder
{
    private BitBuffer? _bits;
    private int _length;

    public int NullCount { get; private set; }

    public void AppendValid()
    {
        _bits?.Append(true);
        _length++;
    }

    public void AppendValid(int count)
    {
        _bits?.Append(true, count);
        _length += count;
    }

    public void AppendNull() => AppendNulls(1);

    public void AppendNulls(int count)
    {
        if (count == 0)
        {
            return;
        }

        if (_bits is null)
        {
            _bits = new BitBuffer(Math.Max(64, _length * 2));
            _bits.Append(true, _length);
        }

        _bits.Append(false, count);
        _length += count;
        NullCount += count;
    }

    /// <summary>Returns the bitmap (empty when no nulls) and null count, and starts again.</summary>
    public (ReadOnlyMemory<byte> Bitmap, int NullCount) Detach()
    {
        var result = (_bits?.Detach() ?? default, NullCount);
        _bits = null;
        _length = 0;
        NullCount = 0;
        return result;
    }
}
