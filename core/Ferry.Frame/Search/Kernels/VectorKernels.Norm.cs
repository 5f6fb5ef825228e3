namespace Ferry.Frame.Search.Kernels;

public static partial class VectorKernels
{
    /// <summary>The Euclidean norm |x| = sqrt(Σ x[i]²).</summary>
    /// <param name="x">The vector.</param>
    /// <returns>The norm; 0 for an empty or all-zero vector.</returns>
    public static float Norm(ReadOnlySpan<float> x) => MathF.Sqrt(RowKernels.Pair<DotRowOp>(x, x, RowKernels.Best, out _));

    /// <summary>
    /// The Euclidean norm of every row of a row-major matrix, for the precomputed-norm cosine kernels
    /// (<see cref="CosineMany(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, ReadOnlySpan{ulong})"/>).
    /// </summary>
    /// <param name="matrix">Rows of <paramref name="dimension"/> floats, back to back.</param>
    /// <param name="dimension">Floats per row (greater than 0).</param>
    /// <param name="norms">Receives one norm per row.</param>
    /// <exception cref="ArgumentException">The shapes do not fit.</exception>
    public static void Norms(ReadOnlySpan<float> matrix, int dimension, Span<float> norms)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if (matrix.Length % dimension != 0)
        {
            throw new ArgumentException($"The matrix length {matrix.Length} is not a multiple of the dimension {dimension}.", nameof(matrix));
        }

        int rows = matrix.Length / dimension;
        if (norms.Length < rows)
        {
            throw new ArgumentException($"The norms span holds {norms.Length} values but the matrix has {rows} rows.", nameof(norms));
        }

        for (int r = 0; r < rows; r++)
        {
            norms[r] = Norm(matrix.Slice(r * dimension, dimension));
        }
    }
}
