using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ferry.Frame.Search.Kernels;

internal static partial class RowKernels
{
    /// <summary>x against y[yOffset..] with 512-bit vectors and four accumulators; requires n ≥ 16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Pair512<TOp>(ref float x, ref float y, nuint yOffset, int n, out float ySquaredNorm)
        where TOp : struct, IRowOp
    {
        Vector512<float> a0 = Vector512<float>.Zero, a1 = a0, a2 = a0, a3 = a0;
        Vector512<float> n0 = a0, n1 = a0, n2 = a0, n3 = a0;
        nuint length = (nuint)n;
        nuint i = 0;
        for (; i + (4 * 16) <= length; i += 4 * 16)
        {
            Vector512<float> y0 = Vector512.LoadUnsafe(ref y, yOffset + i);
            Vector512<float> y1 = Vector512.LoadUnsafe(ref y, yOffset + i + 16);
            Vector512<float> y2 = Vector512.LoadUnsafe(ref y, yOffset + i + (2 * 16));
            Vector512<float> y3 = Vector512.LoadUnsafe(ref y, yOffset + i + (3 * 16));
            a0 = TOp.Step(a0, Vector512.LoadUnsafe(ref x, i), y0);
            a1 = TOp.Step(a1, Vector512.LoadUnsafe(ref x, i + 16), y1);
            a2 = TOp.Step(a2, Vector512.LoadUnsafe(ref x, i + (2 * 16)), y2);
            a3 = TOp.Step(a3, Vector512.LoadUnsafe(ref x, i + (3 * 16)), y3);
            if (TOp.NeedsRowNorm)
            {
                n0 = Vector512.MultiplyAddEstimate(y0, y0, n0);
                n1 = Vector512.MultiplyAddEstimate(y1, y1, n1);
                n2 = Vector512.MultiplyAddEstimate(y2, y2, n2);
                n3 = Vector512.MultiplyAddEstimate(y3, y3, n3);
            }
        }

        for (; i + 16 <= length; i += 16)
        {
            Vector512<float> y0 = Vector512.LoadUnsafe(ref y, yOffset + i);
            a0 = TOp.Step(a0, Vector512.LoadUnsafe(ref x, i), y0);
            if (TOp.NeedsRowNorm)
            {
                n0 = Vector512.MultiplyAddEstimate(y0, y0, n0);
            }
        }

        if (i < length)
        {
            // Overlapping load of the last full vector; the lanes already summed are masked to zero in both inputs.
            nuint last = length - 16;
            Vector512<float> mask = VectorKernels.TailMask512((int)(length - i));
            Vector512<float> y0 = Vector512.LoadUnsafe(ref y, yOffset + last) & mask;
            a1 = TOp.Step(a1, Vector512.LoadUnsafe(ref x, last) & mask, y0);
            if (TOp.NeedsRowNorm)
            {
                n1 = Vector512.MultiplyAddEstimate(y0, y0, n1);
            }
        }

        ySquaredNorm = TOp.NeedsRowNorm ? Vector512.Sum((n0 + n1) + (n2 + n3)) : 0f;
        return Vector512.Sum((a0 + a1) + (a2 + a3));
    }

    /// <summary>Scores rows [<paramref name="from"/>, <paramref name="to"/>) with 512-bit vectors; requires dimension ≥ 16.</summary>
    private static void Range512<TOp>(
        ref float query, ref float matrix, int dimension, int from, int to, Span<float> scores, float queryNorm)
        where TOp : struct, IRowOp
    {
        for (int r = from; r < to; r++)
        {
            float sum = Pair512<TOp>(ref query, ref matrix, (nuint)r * (nuint)dimension, dimension, out float rowSquaredNorm);
            scores[r] = TOp.Finish(sum, rowSquaredNorm, queryNorm);
        }
    }
}
