namespace Ferry.Arrow;

/// <summary>
/// Dictionary-encoded values: slot i is <c>Dictionary[Indices[i]]</c>, or null when the index slot is null.
/// </summary>
public sealed class DictionaryArray : ArrowArray
{
    /// <summary>Combines indices and a dictionary (no copy).</summary>
    /// <param name="type">The dictionary type.</param>
    /// <param name="indices">A <see cref="PrimitiveArray{T}"/> of the index type; its validity is the array's.</param>
    /// <param name="dictionary">The dictionary values, of the type's value type.</param>
    public DictionaryArray(DictionaryType type, ArrowArray indices, ArrowArray dictionary)
        : base(type, indices?.Length ?? 0, indices?.Validity ?? default, indices?.NullCount ?? 0)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(dictionary);
        if (!indices.Type.Equals(type.IndexType))
        {
            throw new ArgumentException($"The indices have type {indices.Type}; the dictionary type expects {type.IndexType}.", nameof(indices));
        }

        if (!ReferenceEquals(type.ValueType, dictionary.Type) && !type.ValueType.Equals(dictionary.Type))
        {
            throw new ArgumentException($"The dictionary has type {dictionary.Type}; the dictionary type expects {type.ValueType}.", nameof(dictionary));
        }

        DictionaryType = type;
        Indices = indices;
        Dictionary = dictionary;
    }

    /// <summary>The dictionary type.</summary>
    public DictionaryType DictionaryType { get; }

    /// <summary>The indices (a <see cref="PrimitiveArray{T}"/> of the index type).</summary>
    public ArrowArray Indices { get; }

    /// <summary>The dictionary values.</summary>
    public ArrowArray Dictionary { get; }

    private protected override ArrowArray SliceCore(int offset, int length) =>
        new DictionaryArray(DictionaryType, Indices.Slice(offset, length), Dictionary);

    /// <summary>The dictionary index of slot <paramref name="index"/> (unspecified for a null slot).</summary>
    public long GetIndex(int index) => Indices switch
    {
        PrimitiveArray<sbyte> a => a.GetValue(index),
        PrimitiveArray<byte> a => a.GetValue(index),
        PrimitiveArray<short> a => a.GetValue(index),
        PrimitiveArray<ushort> a => a.GetValue(index),
        PrimitiveArray<int> a => a.GetValue(index),
        PrimitiveArray<uint> a => a.GetValue(index),
        PrimitiveArray<long> a => a.GetValue(index),
        PrimitiveArray<ulong> a => checked((long)a.GetValue(index)),
        _ => throw new InvalidOperationException("The indices are not a primitive integer array."),
    };
}
