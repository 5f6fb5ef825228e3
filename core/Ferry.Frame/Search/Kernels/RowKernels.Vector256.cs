using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ferry.Frame.Search.Kernels;

internal static partial class RowKernels
{
    /// <summary>x against y[yOffset..] with 256-bit vectors and four accumulators; requires n ≥ 8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Pair256<TOp>(ref float x, ref float y, nuint yOffset, int n, out float ySquaredNorm)
        where TOp : struct, IRowOp
    {
        Vector256<float> a0 = Vector256<float>.Zero, a1 = a0, a2 = a0, a3 = a0;
        Vector256<float> n0 = a0, n1 = a0, n2 = a0, n3 = a0;
        nuint length = (nuint)n;
        nuint i = 0;
        for (; i + (4 * 8) <= length; i += 4 * 8)
        {
            Vector256<float> y0 = Vector256.LoadUnsafe(ref y, yOffset + i);
            Vector256<float> y1 = Vector256.LoadUnsafe(ref y, yOffset + i + 8);
            Vector256<float> y2 = Vector256.LoadUnsafe(ref y, yOffset + i + (2 * 8));
            Vector256<float> y3 = Vector256.LoadUnsafe(ref y, yOffset + i + (3 * 8));
            a0 = TOp.Step(a0, Vector256.LoadUnsafe(ref x, i), y0);
            a1 = TOp.Step(a1, Vector256.LoadUnsafe(ref x, i + 8), y1);
            a2 = TOp.Step(a2, Vector256.LoadUnsafe(ref x, i + (2 * 8)), y2);
            a3 = TOp.Step(a3, Vector256.LoadUnsafe(ref x, i + (3 * 8)), y3);
            if (TOp.NeedsRowNorm)
            {
                n0 = Vector256.MultiplyAddEstimate(y0, y0, n0);
                n1 = Vector256.MultiplyAddEstimate(y1, y1, n1);
                n2 = Vector256.MultiplyAddEstimate(y2, y2, n2);
                n3 = Vector256.MultiplyAddEstimate(y3, y3, n3);
            }
        }

        for (; i + 8 <= length; i += 8)
        {
            Vector256<float> y0 = Vector256.LoadUnsafe(ref y, yOffset + i);
            a0 = TOp.Step(a0, Vector256.LoadUnsafe(ref x, i), y0);
            if (TOp.NeedsRowNorm)
            {
                n0 = Vector256.MultiplyAddEstimate(y0, y0, n0);
            }
        }

        if (i < length)
        {
            // Overlapping load of the last full vector; the lanes already summed are masked to zero in both inputs.
            nuint last = length - 8;
            Vector256<float> mask = VectorKernels.TailMask256((int)(length - i));
            Vector256<float> y0 = Vector256.LoadUnsafe(ref y, yOffset + last) & mask;
            a1 = TOp.Step(a1, Vector256.LoadUnsafe(ref x, last) & mask, y0);
            if (TOp.NeedsRowNorm)
            {
                n1 = Vector256.MultiplyAddEstimate(y0, y0, n1);
            }
        }

        ySquaredNorm = TOp.NeedsRowNorm ? Vector256.Sum((n0 + n1) + (n2 + n3)) : 0f;
        return Vector256.Sum((a0 + a1) + (a2 + a3));
    }

    /// <summary>Scores rows [<paramref name="from"/>, <paramref name="to"/>) with 256-bit vectors; requires dimension ≥ 8.</summary>
    private static void Range256<TOp>(
        ref float query, ref float matrix, int dimension, int from, int to, Span<float> scores, float queryNorm)
        where TOp : struct, IRowOp
    {
        for (int r = from; r < to; r++)
        {
            float sum = Pair256<TOp>(ref query, ref matrix, (nuint)r * (nuint)dimension, dimension, out float rowSquaredNorm);
            scores[r] = TOp.Finish(sum, rowSquaredNorm, queryNorm);
        }
    }
}
