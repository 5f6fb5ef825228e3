namespace Ferry.Frame.Search.Kernels;

public static partial class VectorKernels
{
    /// <summary>The squared Euclidean distance Σ (x[i] - y[i])² (a distance: lower is closer).</summary>
    /// <param name="x">First vector.</param>
    /// <param name="y">Second vector, of the same length.</param>
    /// <returns>The squared distance; its square root is the Euclidean distance, in the same order.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static float SquaredL2(ReadOnlySpan<float> x, ReadOnlySpan<float> y) => SquaredL2(x, y, RowKernels.Best);

    /// <summary>Squared L2 limited to <paramref name="width"/>, for tests and benchmarks of each rung.</summary>
    internal static float SquaredL2(ReadOnlySpan<float> x, ReadOnlySpan<float> y, KernelWidth width)
    {
        ThrowIfLengthsDiffer(x, y);
        return RowKernels.Pair<SquaredL2RowOp>(x, y, width, out _);
    }
}
