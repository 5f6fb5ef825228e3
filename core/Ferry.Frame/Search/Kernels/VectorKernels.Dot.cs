namespace Ferry.Frame.Search.Kernels;

public static partial class VectorKernels
{
    /// <summary>The dot product Σ x[i]·y[i] (a similarity: higher is closer).</summary>
    /// <param name="x">First vector.</param>
    /// <param name="y">Second vector, of the same length.</param>
    /// <returns>The dot product; 0 for empty vectors.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y) => Dot(x, y, RowKernels.Best);

    /// <summary>Dot product limited to <paramref name="width"/>, for tests and benchmarks of each rung.</summary>
    internal static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y, KernelWidth width)
    {
        ThrowIfLengthsDiffer(x, y);
        return RowKernels.Pair<DotRowOp>(x, y, width, out _);
    }
}
