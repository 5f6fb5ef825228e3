namespace Ferry.Sdk.Records;

/// <summary>An immutable sparse vector: strictly increasing indices and their float32 values.</summary>
public sealed class SparseVector : IEquatable<SparseVector>
{
    private readonly uint[] _indices;
    private readonly float[] _values;

    /// <summary>Creates a sparse vector; the arrays are copied and must have the same length and increasing indices.</summary>
    public SparseVector(ReadOnlySpan<uint> indices, ReadOnlySpan<float> values)
    {
        if (indices.Length != values.Length)
        {
            throw new ArgumentException($"A sparse vector needs as many values ({values.Length}) as indices ({indices.Length}).", nameof(values));
        }

        for (var i = 1; i < indices.Length; i++)
        {
            if (indices[i] <= indices[i - 1])
            {
                throw new ArgumentException($"Sparse vector indices must be strictly increasing (index {indices[i]} at position {i} follows {indices[i - 1]}).", nameof(indices));
            }
        }

        _indices = indices.ToArray();
        _values = values.ToArray();
    }

    /// <summary>The indices, strictly increasing.</summary>
    public ReadOnlySpan<uint> Indices => _indices;

    /// <summary>The values, one per index.</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>The number of non-zero entries.</summary>
    public int Count => _indices.Length;

    /// <summary>Bit-exact equality of indices and values.</summary>
    public bool Equals(SparseVector? other) =>
        other is not null
        && _indices.AsSpan().SequenceEqual(other._indices)
        && System.Runtime.InteropServices.MemoryMarshal.AsBytes(_values.AsSpan()).SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(other._values.AsSpan()));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SparseVector);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_indices.Length, _indices.Length > 0 ? _indices[0] : 0);
}
