using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Ferry.Frame.Search.Kernels;

/// <summary>
/// SIMD distance kernels over float32 vectors: one pair at a time, or one query against a contiguous row-major
/// matrix of vectors (the exact-search inner loop).
/// </summary>
/// <remarks>
/// <para>
/// Every kernel follows the Vector512 → Vector256 → Vector128 → scalar ladder, choosing the widest width the
/// processor accelerates (the JIT folds the choice into a constant), and finishes the last partial vector with
/// a masked, overlapping load rather than a scalar loop. Accumulation is float32 with fused multiply-add where
/// the hardware has it, in four independent accumulators; results therefore differ from a sequential sum in
/// the last bits, and slightly between processors of different vector widths. On one processor, the score of a
/// row is bit-for-bit the same whichever kernel computes it (pair, one-to-many, fused scan), whichever other rows
/// are selected and however the rows are split between threads.
/// </para>
/// <para>
/// Score conventions: <see cref="Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> and
/// <see cref="Cosine(ReadOnlySpan{float}, ReadOnlySpan{float})"/> are similarities (higher is closer);
/// <see cref="SquaredL2(ReadOnlySpan{float}, ReadOnlySpan{float})"/> is the squared Euclidean distance (lower is
/// closer; it orders exactly like the distance and saves a square root per row). The cosine of a zero vector
/// with anything is defined as 0, never NaN.
/// </para>
/// <para>
/// One-to-many kernels take an optional selection bitmap: bit <c>r % 64</c> of word <c>r / 64</c> set means
/// row r is scored; an empty span selects every row. Unselected rows are not read at all (deleted or
/// filtered-out rows cost no memory bandwidth) and their score is set to NaN, which
/// <see cref="Ferry.Frame.Search.TopK.TopKCollector"/> never selects.
/// </para>
/// </remarks>
public static partial class VectorKernels
{
    /// <summary>Elements per vector at each width.</summary>
    internal const int Width512 = 16;
    internal const int Width256 = 8;
    internal const int Width128 = 4;

    /// <summary>Rows per selection-bitmap word.</summary>
    internal const int RowsPerWord = 64;

    /// <summary>The number of bitmap words needed to cover <paramref name="rows"/> rows.</summary>
    /// <param name="rows">Row count.</param>
    /// <returns>ceil(rows / 64).</returns>
    public static int SelectionWords(int rows) => (int)(((uint)rows + RowsPerWord - 1) / RowsPerWord);

    private static void ThrowIfLengthsDiffer(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"Vectors have different dimensions ({x.Length} and {y.Length}).", nameof(y));
        }
    }

    /// <summary>Checks the shapes of a one-to-many call and returns the row count.</summary>
    private static int ValidateMany(
        ReadOnlySpan<float> query, ReadOnlySpan<float> matrix, Span<float> scores, ReadOnlySpan<ulong> selection)
    {
        int dimension = query.Length;
        if (dimension == 0)
        {
            if (!matrix.IsEmpty)
            {
                throw new ArgumentException("A zero-dimensional query needs an empty matrix.", nameof(matrix));
            }

            return 0;
        }

        if (matrix.Length % dimension != 0)
        {
            throw new ArgumentException(
                $"The matrix length {matrix.Length} is not a multiple of the query dimension {dimension}.", nameof(matrix));
        }

        int rows = matrix.Length / dimension;
        if (scores.Length < rows)
        {
            throw new ArgumentException($"The scores span holds {scores.Length} values but the matrix has {rows} rows.", nameof(scores));
        }

        if (!selection.IsEmpty && selection.Length < SelectionWords(rows))
        {
            throw new ArgumentException(
                $"The selection bitmap has {selection.Length} words but {rows} rows need {SelectionWords(rows)}.", nameof(selection));
        }

        return rows;
    }

    /// <summary>All-ones in the last <paramref name="remaining"/> lanes, zero in the lanes before them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> TailMask512(int remaining) =>
        Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create(Width512 - remaining)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> TailMask256(int remaining) =>
        Vector256.GreaterThanOrEqual(Vector256<int>.Indices, Vector256.Create(Width256 - remaining)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> TailMask128(int remaining) =>
        Vector128.GreaterThanOrEqual(Vector128<int>.Indices, Vector128.Create(Width128 - remaining)).AsSingle();
}
