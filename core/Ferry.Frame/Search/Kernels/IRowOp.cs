using System.Runtime.Intrinsics;

namespace Ferry.Frame.Search.Kernels;

/// <summary>
/// One metric's inner step for the row kernels in <see cref="RowKernels"/>. Implemented by structs, so every
/// kernel is specialised per metric by the JIT with the step inlined and unused accumulators removed.
/// </summary>
internal interface IRowOp
{
    /// <summary>Whether the kernel also accumulates the row's squared norm (cosine without precomputed norms).</summary>
    static abstract bool NeedsRowNorm { get; }

    /// <summary>acc + f(q, r) lane-wise.</summary>
    static abstract Vector512<float> Step(Vector512<float> acc, Vector512<float> q, Vector512<float> r);

    /// <inheritdoc cref="Step(Vector512{float}, Vector512{float}, Vector512{float})"/>
    static abstract Vector256<float> Step(Vector256<float> acc, Vector256<float> q, Vector256<float> r);

    /// <inheritdoc cref="Step(Vector512{float}, Vector512{float}, Vector512{float})"/>
    static abstract Vector128<float> Step(Vector128<float> acc, Vector128<float> q, Vector128<float> r);

    /// <inheritdoc cref="Step(Vector512{float}, Vector512{float}, Vector512{float})"/>
    static abstract float Step(float acc, float q, float r);

    /// <summary>The row's score from the accumulated sum (and squared row norm, when needed).</summary>
    static abstract float Finish(float sum, float rowSquaredNorm, float queryNorm);
}
