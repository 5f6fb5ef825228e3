using System.Runtime.Intrinsics;

namespace Ferry.Frame.Search.Kernels;

internal static partial class RowKernels
{
    /// <summary>One pair with 128-bit vectors and four accumulators; requires n ≥ 4.</summary>
    private static float Pair128<TOp>(ref float x, ref float y, int n, out float ySquaredNorm)
        where TOp : struct, IRowOp
    {
        Vector128<float> a0 = Vector128<float>.Zero, a1 = a0, a2 = a0, a3 = a0;
        Vector128<float> n0 = a0, n1 = a0, n2 = a0, n3 = a0;
        nuint length = (nuint)n;
        nuint i = 0;
        for (; i + (4 * 4) <= length; i += 4 * 4)
        {
            Vector128<float> y0 = Vector128.LoadUnsafe(ref y, i);
            Vector128<float> y1 = Vector128.LoadUnsafe(ref y, i + 4);
            Vector128<float> y2 = Vector128.LoadUnsafe(ref y, i + (2 * 4));
            Vector128<float> y3 = Vector128.LoadUnsafe(ref y, i + (3 * 4));
            a0 = TOp.Step(a0, Vector128.LoadUnsafe(ref x, i), y0);
            a1 = TOp.Step(a1, Vector128.LoadUnsafe(ref x, i + 4), y1);
            a2 = TOp.Step(a2, Vector128.LoadUnsafe(ref x, i + (2 * 4)), y2);
            a3 = TOp.Step(a3, Vector128.LoadUnsafe(ref x, i + (3 * 4)), y3);
            if (TOp.NeedsRowNorm)
            {
                n0 = Vector128.MultiplyAddEstimate(y0, y0, n0);
                n1 = Vector128.MultiplyAddEstimate(y1, y1, n1);
                n2 = Vector128.MultiplyAddEstimate(y2, y2, n2);
                n3 = Vector128.MultiplyAddEstimate(y3, y3, n3);
            }
        }

        for (; i + 4 <= length; i += 4)
        {
            Vector128<float> y0 = Vector128.LoadUnsafe(ref y, i);
            a0 = TOp.Step(a0, Vector128.LoadUnsafe(ref x, i), y0);
            if (TOp.NeedsRowNorm)
            {
                n0 = Vector128.MultiplyAddEstimate(y0, y0, n0);
            }
        }

        if (i < length)
        {
            // Overlapping load of the last full vector; the lanes already summed are masked to zero in both inputs.
            nuint last = length - 4;
            Vector128<float> mask = VectorKernels.TailMask128((int)(length - i));
            Vector128<float> y0 = Vector128.LoadUnsafe(ref y, last) & mask;
            a1 = TOp.Step(a1, Vector128.LoadUnsafe(ref x, last) & mask, y0);
            if (TOp.NeedsRowNorm)
            {
                n1 = Vector128.MultiplyAddEstimate(y0, y0, n1);
            }
        }

        ySquaredNorm = TOp.NeedsRowNorm ? Vector128.Sum((n0 + n1) + (n2 + n3)) : 0f;
        return Vector128.Sum((a0 + a1) + (a2 + a3));
    }

    /// <summary>
    /// Scores rows [<paramref name="from"/>, <paramref name="to"/>) with 128-bit vectors; requires dimension ≥ 4.
    /// Every row is summed in the same order (one accumulator, then the masked tail) whether it falls in a
    /// block of four or in the remainder, so a row's score never depends on which other rows are selected.
    /// </summary>
    private static void Range128<TOp>(
        ref float query, ref float matrix, int dimension, int from, int to, Span<float> scores, float queryNorm)
        where TOp : struct, IRowOp
    {
        nuint d = (nuint)dimension;
        nuint last = d - 4;
        int tail = (int)(d % 4);
        Vector128<float> mask = tail == 0 ? Vector128<float>.AllBitsSet : VectorKernels.TailMask128(tail);
        int r = from;

        // Four rows at a time: each query vector is loaded once for four rows, and four independent
        // accumulator chains keep the multiply-add units busy while the rows stream in from memory.
        for (; r + 4 <= to; r += 4)
        {
            nuint o0 = (nuint)r * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
            Vector128<float> a0 = Vector128<float>.Zero, a1 = a0, a2 = a0, a3 = a0;
            Vector128<float> n0 = a0, n1 = a0, n2 = a0, n3 = a0;
            nuint i = 0;
            for (; i + 4 <= d; i += 4)
            {
                Vector128<float> q = Vector128.LoadUnsafe(ref query, i);
                Vector128<float> v0 = Vector128.LoadUnsafe(ref matrix, o0 + i);
                Vector128<float> v1 = Vector128.LoadUnsafe(ref matrix, o1 + i);
                Vector128<float> v2 = Vector128.LoadUnsafe(ref matrix, o2 + i);
                Vector128<float> v3 = Vector128.LoadUnsafe(ref matrix, o3 + i);
                a0 = TOp.Step(a0, q, v0);
                a1 = TOp.Step(a1, q, v1);
                a2 = TOp.Step(a2, q, v2);
                a3 = TOp.Step(a3, q, v3);
                if (TOp.NeedsRowNorm)
                {
                    n0 = Vector128.MultiplyAddEstimate(v0, v0, n0);
                    n1 = Vector128.MultiplyAddEstimate(v1, v1, n1);
                    n2 = Vector128.MultiplyAddEstimate(v2, v2, n2);
                    n3 = Vector128.MultiplyAddEstimate(v3, v3, n3);
                }
            }

            if (tail != 0)
            {
                // Overlapping load of each row's last full vector with the lanes already summed masked off.
                Vector128<float> q = Vector128.LoadUnsafe(ref query, last) & mask;
                Vector128<float> v0 = Vector128.LoadUnsafe(ref matrix, o0 + last) & mask;
                Vector128<float> v1 = Vector128.LoadUnsafe(ref matrix, o1 + last) & mask;
                Vector128<float> v2 = Vector128.LoadUnsafe(ref matrix, o2 + last) & mask;
                Vector128<float> v3 = Vector128.LoadUnsafe(ref matrix, o3 + last) & mask;
                a0 = TOp.Step(a0, q, v0);
                a1 = TOp.Step(a1, q, v1);
                a2 = TOp.Step(a2, q, v2);
                a3 = TOp.Step(a3, q, v3);
                if (TOp.NeedsRowNorm)
                {
                    n0 = Vector128.MultiplyAddEstimate(v0, v0, n0);
                    n1 = Vector128.MultiplyAddEstimate(v1, v1, n1);
                    n2 = Vector128.MultiplyAddEstimate(v2, v2, n2);
                    n3 = Vector128.MultiplyAddEstimate(v3, v3, n3);
                }
            }

            scores[r] = TOp.Finish(Vector128.Sum(a0), TOp.NeedsRowNorm ? Vector128.Sum(n0) : 0f, queryNorm);
            scores[r + 1] = TOp.Finish(Vector128.Sum(a1), TOp.NeedsRowNorm ? Vector128.Sum(n1) : 0f, queryNorm);
            scores[r + 2] = TOp.Finish(Vector128.Sum(a2), TOp.NeedsRowNorm ? Vector128.Sum(n2) : 0f, queryNorm);
            scores[r + 3] = TOp.Finish(Vector128.Sum(a3), TOp.NeedsRowNorm ? Vector128.Sum(n3) : 0f, queryNorm);
        }

        for (; r < to; r++)
        {
            nuint o = (nuint)r * d;
            Vector128<float> a0 = Vector128<float>.Zero, n0 = a0;
            nuint i = 0;
            for (; i + 4 <= d; i += 4)
            {
                Vector128<float> v0 = Vector128.LoadUnsafe(ref matrix, o + i);
                a0 = TOp.Step(a0, Vector128.LoadUnsafe(ref query, i), v0);
                if (TOp.NeedsRowNorm)
                {
                    n0 = Vector128.MultiplyAddEstimate(v0, v0, n0);
                }
            }

            if (tail != 0)
            {
                Vector128<float> v0 = Vector128.LoadUnsafe(ref matrix, o + last) & mask;
                a0 = TOp.Step(a0, Vector128.LoadUnsafe(ref query, last) & mask, v0);
                if (TOp.NeedsRowNorm)
                {
                    n0 = Vector128.MultiplyAddEstimate(v0, v0, n0);
                }
            }

            scores[r] = TOp.Finish(Vector128.Sum(a0), TOp.NeedsRowNorm ? Vector128.Sum(n0) : 0f, queryNorm);
        }
    }
}
