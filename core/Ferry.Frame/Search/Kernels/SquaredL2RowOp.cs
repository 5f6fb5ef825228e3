using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ferry.Frame.Search.Kernels;

/// <summary>Squared Euclidean distance: Σ (q - r)².</summary>
internal readonly struct SquaredL2RowOp : IRowOp
{
    public static bool NeedsRowNorm => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Step(Vector512<float> acc, Vector512<float> q, Vector512<float> r)
    {
        Vector512<float> d = q - r;
        return Vector512.MultiplyAddEstimate(d, d, acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Step(Vector256<float> acc, Vector256<float> q, Vector256<float> r)
    {
        Vector256<float> d = q - r;
        return Vector256.MultiplyAddEstimate(d, d, acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Step(Vector128<float> acc, Vector128<float> q, Vector128<float> r)
    {
        Vector128<float> d = q - r;
        return Vector128.MultiplyAddEstimate(d, d, acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Step(float acc, float q, float r)
    {
        float d = q - r;
        return acc + (d * d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Finish(float sum, float rowSquaredNorm, float queryNorm) => sum;
}
