namespace Ferry.Arrow;

/// <summary>Distinct UTF-8 values in insertion order with an open-addressing index on their bytes.</summary>
internal sealed class Utf8DictionaryMemo
{
    private readonly bool _isLarge;
    private VariableBinaryBuffers _values;
    private int[] _slots = new int[16]; // entry index + 1; 0 = empty
    private int[] _hashes = new int[16];
    private int _count;

    public Utf8DictionaryMemo(bool isLarge)
    {
        _isLarge = isLarge;
        _values = new VariableBinaryBuffers(isLarge, 0);
    }

    public int Count => _count;

    public int GetOrAdd(ReadOnlySpan<byte> utf8, int maxCount)
    {
        var hash = Hash(utf8);
        var mask = _slots.Length - 1;
        var i = hash & mask;
        while (_slots[i] != 0)
        {
            if (_hashes[i] == hash && _values.GetValue(_slots[i] - 1).SequenceEqual(utf8))
            {
                return _slots[i] - 1;
            }

            i = (i + 1) & mask;
        }

        if (_count >= maxCount)
        {
            throw new OverflowException($"The dictionary already holds {_count} values, the most its index type can address.");
        }

        var index = _count++;
        _values.Append(utf8);
        _slots[i] = index + 1;
        _hashes[i] = hash;
        if (_count * 2 > _slots.Length)
        {
            Rehash();
        }

        return index;
    }

    public StringArray Snapshot(StringType type)
    {
        var (offsets, data) = _values.Snapshot();
        return new StringArray(type, offsets, data, _count, default, 0);
    }

    public void Reset()
    {
        _values = new VariableBinaryBuffers(_isLarge, 0);
        _slots = new int[16];
        _hashes = new int[16];
        _count = 0;
    }

    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        var h = new HashCode();
        h.AddBytes(bytes);
        return h.ToHashCode() & int.MaxValue;
    }

    private void Rehash()
    {
        var slots = new int[_slots.Length * 2];
        var hashes = new int[slots.Length];
        var mask = slots.Length - 1;
        for (var s = 0; s < _slots.Length; s++)
        {
            if (_slots[s] == 0)
            {
                continue;
            }

            var i = _hashes[s] & mask;
            while (slots[i] != 0)
            {
                i = (i + 1) & mask;
            }

            slots[i] = _slots[s];
            hashes[i] = _hashes[s];
        }

        _slots = slots;
        _hashes = hashes;
    }
}
