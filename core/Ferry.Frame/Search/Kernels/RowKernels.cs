using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ferry.Frame.Search.Kernels;

/// <summary>
/// One query against many rows of a row-major matrix, specialised per metric (<see cref="IRowOp"/>) and per
/// vector width. The public entry points are <see cref="VectorKernels"/> and <see cref="ExactScan"/>.
/// </summary>
internal static partial class RowKernels
{
    /// <summary>The widest width this processor accelerates (a JIT-time constant).</summary>
    public static KernelWidth Best =>
        Vector512.IsHardwareAccelerated ? KernelWidth.Vector512
        : Vector256.IsHardwareAccelerated ? KernelWidth.Vector256
        : Vector128.IsHardwareAccelerated ? KernelWidth.Vector128
        : KernelWidth.Scalar;

    /// <summary>
    /// Σ step(x[i], y[i]) for one pair with four accumulators, plus |y|² when the op needs it. The row kernels
    /// score every row with this same code, so a row's score never depends on which other rows are selected
    /// or how the rows are split between threads, and equals the pair kernels' result on the same width.
    /// (Interleaving four rows to share query loads measured twice as slow: four streams per step.)
    /// </summary>
    public static float Pair<TOp>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, KernelWidth width, out float ySquaredNorm)
        where TOp : struct, IRowOp
    {
        int n = x.Length;
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        if (width >= KernelWidth.Vector512 && n >= VectorKernels.Width512)
        {
            return Pair512<TOp>(ref xr, ref yr, 0, n, out ySquaredNorm);
        }

        if (width >= KernelWidth.Vector256 && n >= VectorKernels.Width256)
        {
            return Pair256<TOp>(ref xr, ref yr, 0, n, out ySquaredNorm);
        }

        if (width >= KernelWidth.Vector128 && n >= VectorKernels.Width128)
        {
            return Pair128<TOp>(ref xr, ref yr, 0, n, out ySquaredNorm);
        }

        return PairScalar<TOp>(x, y[..n], out ySquaredNorm);
    }

    /// <summary>Scores the contiguous rows [<paramref name="from"/>, <paramref name="to"/>) into the same indexes of <paramref name="scores"/>.</summary>
    public static void ScoreRange<TOp>(
        ReadOnlySpan<float> query, ReadOnlySpan<float> matrix, int from, int to, Span<float> scores, float queryNorm,
        KernelWidth width)
        where TOp : struct, IRowOp
    {
        if (from >= to)
        {
            return;
        }

        int dimension = query.Length;
        ref float q = ref MemoryMarshal.GetReference(query);
        ref float m = ref MemoryMarshal.GetReference(matrix);
        if (width >= KernelWidth.Vector512 && dimension >= VectorKernels.Width512)
        {
            Range512<TOp>(ref q, ref m, dimension, from, to, scores, queryNorm);
        }
        else if (width >= KernelWidth.Vector256 && dimension >= VectorKernels.Width256)
        {
            Range256<TOp>(ref q, ref m, dimension, from, to, scores, queryNorm);
        }
        else if (width >= KernelWidth.Vector128 && dimension >= VectorKernels.Width128)
        {
            Range128<TOp>(ref q, ref m, dimension, from, to, scores, queryNorm);
        }
        else
        {
            RangeScalar<TOp>(query, matrix, from, to, scores, queryNorm);
        }
    }

    /// <summary>
    /// Scores rows [<paramref name="from"/>, <paramref name="to"/>) that are selected in <paramref name="selection"/>
    /// (bit r % 64 of word r / 64, absolute row numbers) and writes NaN for the others without reading them.
    /// An empty selection selects every row. <paramref name="from"/> must be a multiple of 64 or the range must lie in one word.
    /// </summary>
    public static void ScoreSelected<TOp>(
        ReadOnlySpan<float> query, ReadOnlySpan<float> matrix, int from, int to, ReadOnlySpan<ulong> selection,
        Span<float> scores, float queryNorm, KernelWidth width)
        where TOp : struct, IRowOp
    {
        if (selection.IsEmpty)
        {
            ScoreRange<TOp>(query, matrix, from, to, scores, queryNorm, width);
            return;
        }

        int row = from;
        while (row < to)
        {
            int word = row / VectorKernels.RowsPerWord;
            int wordStart = word * VectorKernels.RowsPerWord;
            int wordEnd = Math.Min(wordStart + VectorKernels.RowsPerWord, to);
            ulong bits = selection[word] >> (row - wordStart);
            int span = wordEnd - row;
            if (span < VectorKernels.RowsPerWord)
            {
                bits &= (1UL << span) - 1;
            }

            if (bits == 0)
            {
                scores[row..wordEnd].Fill(float.NaN);
            }
            else if (span == VectorKernels.RowsPerWord && bits == ulong.MaxValue)
            {
                ScoreRange<TOp>(query, matrix, row, wordEnd, scores, queryNorm, width);
            }
            else
            {
                // Runs of consecutive selected rows go through the multi-row kernel; gaps are never read.
                scores[row..wordEnd].Fill(float.NaN);
                while (bits != 0)
                {
                    int start = BitOperations.TrailingZeroCount(bits);
                    int length = BitOperations.TrailingZeroCount(~(bits >> start));
                    ScoreRange<TOp>(query, matrix, row + start, row + start + length, scores, queryNorm, width);
                    bits = start + length >= 64 ? 0 : bits & ~((1UL << (start + length)) - 1);
                }
            }

            row = wordEnd;
        }
    }

    /// <summary>Turns dot products into cosines with precomputed row norms; NaN (unselected) stays NaN.</summary>
    public static void DotsToCosines(Span<float> scores, ReadOnlySpan<float> rowNorms, float queryNorm)
    {
        rowNorms = rowNorms[..scores.Length];
        int r = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Same IEEE operations as CosineFromParts, eight rows at a time, so the results are bit-identical.
            ref float s = ref MemoryMarshal.GetReference(scores);
            ref float n = ref MemoryMarshal.GetReference(rowNorms);
            Vector256<float> q = Vector256.Create(queryNorm);
            for (; r + Vector256<float>.Count <= scores.Length; r += Vector256<float>.Count)
            {
                Vector256<float> dots = Vector256.LoadUnsafe(ref s, (nuint)r);
                Vector256<float> denominators = q * Vector256.LoadUnsafe(ref n, (nuint)r);
                Vector256<float> zeroForNoDirection = Vector256.Equals(denominators, Vector256<float>.Zero)
                    & Vector256.Equals(dots, dots); // a NaN (unscored) row keeps its NaN
                Vector256.ConditionalSelect(zeroForNoDirection, Vector256<float>.Zero, dots / denominators)
                    .StoreUnsafe(ref s, (nuint)r);
            }
        }

        for (; r < scores.Length; r++)
        {
            float dot = scores[r];
            if (!float.IsNaN(dot))
            {
                scores[r] = VectorKernels.CosineFromParts(dot, queryNorm, rowNorms[r]);
            }
        }
    }

    private static float PairScalar<TOp>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, out float ySquaredNorm)
        where TOp : struct, IRowOp
    {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, n0 = 0, n1 = 0;
        int i = 0;
        for (; i + 4 <= x.Length; i += 4)
        {
            s0 = TOp.Step(s0, x[i], y[i]);
            s1 = TOp.Step(s1, x[i + 1], y[i + 1]);
            s2 = TOp.Step(s2, x[i + 2], y[i + 2]);
            s3 = TOp.Step(s3, x[i + 3], y[i + 3]);
            if (TOp.NeedsRowNorm)
            {
                n0 += (y[i] * y[i]) + (y[i + 1] * y[i + 1]);
                n1 += (y[i + 2] * y[i + 2]) + (y[i + 3] * y[i + 3]);
            }
        }

        for (; i < x.Length; i++)
        {
            s0 = TOp.Step(s0, x[i], y[i]);
            if (TOp.NeedsRowNorm)
            {
                n0 += y[i] * y[i];
            }
        }

        ySquaredNorm = n0 + n1;
        return (s0 + s1) + (s2 + s3);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RangeScalar<TOp>(
        ReadOnlySpan<float> query, ReadOnlySpan<float> matrix, int from, int to, Span<float> scores, float queryNorm)
        where TOp : struct, IRowOp
    {
        int dimension = query.Length;
        for (int r = from; r < to; r++)
        {
            float sum = PairScalar<TOp>(query, matrix.Slice(r * dimension, dimension), out float rowSquaredNorm);
            scores[r] = TOp.Finish(sum, rowSquaredNorm, queryNorm);
        }
    }
}
