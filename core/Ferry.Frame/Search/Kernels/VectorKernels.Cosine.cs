using System.Runtime.CompilerServices;

namespace Ferry.Frame.Search.Kernels;

public static partial class VectorKernels
{
    /// <summary>
    /// Cosine similarity x·y / (|x|·|y|) (higher is closer), computed in one pass over <paramref name="y"/>.
    /// 0 when either vector is all zeros.
    /// </summary>
    /// <param name="x">First vector.</param>
    /// <param name="y">Second vector, of the same length.</param>
    /// <returns>The cosine, in [-1, 1] up to float rounding.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static float Cosine(ReadOnlySpan<float> x, ReadOnlySpan<float> y) => Cosine(x, y, RowKernels.Best);

    /// <summary>
    /// Cosine similarity from precomputed Euclidean norms (see <see cref="Norm"/>): x·y / (<paramref name="xNorm"/>·<paramref name="yNorm"/>).
    /// 0 when either norm is 0.
    /// </summary>
    /// <param name="x">First vector.</param>
    /// <param name="y">Second vector, of the same length.</param>
    /// <param name="xNorm">|x|.</param>
    /// <param name="yNorm">|y|.</param>
    /// <returns>The cosine.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static float Cosine(ReadOnlySpan<float> x, ReadOnlySpan<float> y, float xNorm, float yNorm) =>
        CosineFromParts(Dot(x, y), xNorm, yNorm);

    /// <summary>Cosine limited to <paramref name="width"/>, for tests and benchmarks of each rung.</summary>
    internal static float Cosine(ReadOnlySpan<float> x, ReadOnlySpan<float> y, KernelWidth width)
    {
        ThrowIfLengthsDiffer(x, y);
        if (x.IsEmpty)
        {
            return 0f;
        }

        float xNorm = MathF.Sqrt(RowKernels.Pair<DotRowOp>(x, x, width, out _));
        float dot = RowKernels.Pair<CosineRowOp>(x, y, width, out float ySquaredNorm);
        return CosineFromParts(dot, xNorm, MathF.Sqrt(ySquaredNorm));
    }

    /// <summary>dot / (xNorm·yNorm), defined as 0 when a norm is 0 (a zero vector has no direction).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float CosineFromParts(float dot, float xNorm, float yNorm)
    {
        float denominator = xNorm * yNorm;
        return denominator == 0f ? 0f : dot / denominator;
    }
}
