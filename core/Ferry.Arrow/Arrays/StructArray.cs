namespace Ferry.Arrow;

/// <summary>Structs: one child array per member field, each at least as long as the struct array.</summary>
public sealed class StructArray : ArrowArray
{
    private readonly ArrowArray[] _children;

    /// <summary>Wraps child arrays (no copy).</summary>
    /// <param name="type">The struct type.</param>
    /// <param name="children">One array per member, in field order.</param>
    /// <param name="length">Number of slots.</param>
    /// <param name="validity">Validity bitmap, or empty when all slots are valid.</param>
    /// <param name="nullCount">Null count, or -1 to count it from the bitmap.</param>
    public StructArray(StructType type, IReadOnlyList<ArrowArray> children, int length,
        ReadOnlyMemory<byte> validity = default, int nullCount = -1)
        : base(type, length, validity, nullCount)
    {
        ArgumentNullException.ThrowIfNull(children);
        if (children.Count != type.Fields.Count)
        {
            throw new ArgumentException($"The struct has {type.Fields.Count} fields but {children.Count} child arrays.", nameof(children));
        }

        _children = new ArrowArray[children.Count];
        for (var i = 0; i < _children.Length; i++)
        {
            var child = children[i] ?? throw new ArgumentException("Child arrays must not be null.", nameof(children));
            var expected = type.Fields[i].Type;
            if (!ReferenceEquals(expected, child.Type) && !expected.Equals(child.Type))
            {
                throw new ArgumentException($"Child {i} has type {child.Type}; field '{type.Fields[i].Name}' expects {expected}.", nameof(children));
            }

            if (child.Length < length)
            {
                throw new ArgumentException($"Child {i} has {child.Length} values; the struct has {length}.", nameof(children));
            }

            _children[i] = child;
        }

        StructType = type;
    }

    /// <summary>The struct type.</summary>
    public StructType StructType { get; }

    /// <summary>The child arrays, in field order.</summary>
    public IReadOnlyList<ArrowArray> Children => _children;

    private protected override ArrowArray SliceCore(int offset, int length)
    {
        var (validity, nulls) = SliceValidity(offset, length);
        var children = new ArrowArray[_children.Length];
        for (var i = 0; i < children.Length; i++)
        {
            children[i] = _children[i].Slice(offset, length);
        }

        return new StructArray(StructType, children, length, validity, nulls);
    }

    /// <summary>The child array of member <paramref name="index"/>.</summary>
    public ArrowArray GetChild(int index) => _children[index];

    /// <summary>The child array of the first member named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No member has that name.</exception>
    public ArrowArray GetChild(string name)
    {
        var i = StructType.GetFieldIndex(name);
        return i >= 0 ? _children[i] : throw new KeyNotFoundException("The struct has no field named '" + name + "'.");
    }
}
