namespace Ferry.Arrow;

/// <summary>
/// Lists of exactly <see cref="ListSize"/> values per slot; slot i holds
/// <c>Values[i × ListSize .. (i+1) × ListSize]</c>. For embedding vectors the child is a
/// <see cref="PrimitiveArray{T}"/> of float and <see cref="GetAllValues{T}"/> gives every vector
/// back to back, zero-copy, ready for SIMD.
/// </summary>
public sealed class FixedSizeListArray : ArrowArray
{
    /// <summary>Wraps a child array (no copy).</summary>
    /// <param name="type">The fixed-size list type.</param>
    /// <param name="values">The child array, at least length × ListSize long.</param>
    /// <param name="length">Number of slots.</param>
    /// <param name="validity">Validity bitmap, or empty when all slots are valid.</param>
    /// <param name="nullCount">Null count, or -1 to count it from the bitmap.</param>
    public FixedSizeListArray(FixedSizeListType type, ArrowArray values, int length,
        ReadOnlyMemory<byte> validity = default, int nullCount = -1)
        : base(type, length, validity, nullCount)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!ReferenceEquals(type.ValueType, values.Type) && !type.ValueType.Equals(values.Type))
        {
            throw new ArgumentException($"The values have type {values.Type}; the list expects {type.ValueType}.", nameof(values));
        }

        if (values.Length < (long)length * type.ListSize)
        {
            throw new ArgumentException(
                $"The child array has {values.Length} values; {(long)length * type.ListSize} are needed.", nameof(values));
        }

        ListSize = type.ListSize;
        Values = values;
    }

    /// <summary>Values per slot.</summary>
    public int ListSize { get; }

    /// <summary>The child array.</summary>
    public ArrowArray Values { get; }

    /// <summary>The values of slot <paramref name="index"/> viewed as <typeparamref name="T"/> (zero-copy).</summary>
    /// <exception cref="InvalidOperationException">The child is not a <see cref="PrimitiveArray{T}"/>.</exception>
    public ReadOnlySpan<T> GetValues<T>(int index)
        where T : unmanaged
    {
        CheckIndex(index);
        return Child<T>().Values.Slice(index * ListSize, ListSize);
    }

    /// <summary>All slots' values back to back (Length × ListSize of them), zero-copy.</summary>
    /// <exception cref="InvalidOperationException">The child is not a <see cref="PrimitiveArray{T}"/>.</exception>
    public ReadOnlySpan<T> GetAllValues<T>()
        where T : unmanaged => Child<T>().Values[..(Length * ListSize)];

    /// <summary>All slots' values as memory (Length × ListSize × sizeof(T) bytes), zero-copy.</summary>
    /// <exception cref="InvalidOperationException">The child is not a <see cref="PrimitiveArray{T}"/>.</exception>
    public ReadOnlyMemory<byte> GetAllValuesMemory<T>()
        where T : unmanaged => Child<T>().ValuesBuffer[..(Length * ListSize * System.Runtime.CompilerServices.Unsafe.SizeOf<T>())];

    private protected override ArrowArray SliceCore(int offset, int length)
    {
        var (validity, nulls) = SliceValidity(offset, length);
        var values = Values.Slice(offset * ListSize, length * ListSize);
        return new FixedSizeListArray((FixedSizeListType)Type, values, length, validity, nulls);
    }

    private PrimitiveArray<T> Child<T>()
        where T : unmanaged => Values as PrimitiveArray<T>
        ?? throw new InvalidOperationException($"The child array is {Values.GetType().Name} of {Values.Type}, not PrimitiveArray<{typeof(T).Name}>.");
}
