using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ferry.Frame.Search.Kernels;

/// <summary>
/// Cosine similarity with the row norm computed in the same pass as the dot product, so the row is read once.
/// The scan is memory bound: the extra multiply-add per element is free.
/// </summary>
internal readonly struct CosineRowOp : IRowOp
{
    public static bool NeedsRowNorm => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Step(Vector512<float> acc, Vector512<float> q, Vector512<float> r) =>
        Vector512.MultiplyAddEstimate(q, r, acc);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Step(Vector256<float> acc, Vector256<float> q, Vector256<float> r) =>
        Vector256.MultiplyAddEstimate(q, r, acc);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Step(Vector128<float> acc, Vector128<float> q, Vector128<float> r) =>
        Vector128.MultiplyAddEstimate(q, r, acc);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Step(float acc, float q, float r) => acc + (q * r);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Finish(float sum, float rowSquaredNorm, float queryNorm) =>
        VectorKernels.CosineFromParts(sum, queryNorm, MathF.Sqrt(rowSquaredNorm));
}
