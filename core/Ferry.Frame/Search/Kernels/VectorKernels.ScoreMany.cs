using Ferry.Sdk.Schema;

namespace Ferry.Frame.Search.Kernels;

public static partial class VectorKernels
{
    /// <summary>
    /// Scores <paramref name="query"/> against every selected row of a row-major matrix with the given metric:
    /// cosine and dot similarities (higher is closer), squared L2 distance (lower is closer).
    /// </summary>
    /// <param name="metric">The metric.</param>
    /// <param name="query">The query vector; its length is the dimension of the rows.</param>
    /// <param name="matrix">Rows of <c>query.Length</c> floats, back to back.</param>
    /// <param name="scores">Receives one score per row (NaN for unselected rows).</param>
    /// <param name="selection">Optional bitmap of rows to score (bit r % 64 of word r / 64); empty scores all rows.</param>
    /// <param name="rowNorms">Optional precomputed row norms for cosine (see <see cref="Norms"/>); ignored by the other metrics.</param>
    /// <exception cref="ArgumentException">The shapes do not fit.</exception>
    public static void ScoreMany(
        DistanceMetric metric, ReadOnlySpan<float> query, ReadOnlySpan<float> matrix, Span<float> scores,
        ReadOnlySpan<ulong> selection = default, ReadOnlySpan<float> rowNorms = default)
    {
        switch (metric)
        {
            case DistanceMetric.Dot:
                DotMany(query, matrix, scores, selection);
                break;
            case DistanceMetric.L2:
                SquaredL2Many(query, matrix, scores, selection);
                break;
            case DistanceMetric.Cosine when rowNorms.IsEmpty:
                CosineMany(query, matrix, scores, selection);
                break;
            case DistanceMetric.Cosine:
                CosineMany(query, matrix, rowNorms, scores, selection);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown distance metric.");
        }
    }

    /// <summary>Dot product of <paramref name="query"/> with every selected row (higher is closer).</summary>
    /// <inheritdoc cref="ScoreMany" path="/param[@name='query' or @name='matrix' or @name='scores' or @name='selection']"/>
    public static void DotMany(
        ReadOnlySpan<float> query, ReadOnlySpan<float> matrix, Span<float> scores, ReadOnlySpan<ulong> selection = default)
    {
        int rows = ValidateMany(query, matrix, scores, selection);
        RowKernels.ScoreSelected<DotRowOp>(query, matrix, 0, rows, selection, scores, 0f, RowKernels.Best);
    }

    /// <summary>Squared Euclidean distance from <paramref name="query"/> to every selected row (lower is closer).</summary>
    /// <inheritdoc cref="ScoreMany" path="/param[@name='query' or @name='matrix' or @name='scores' or @name='selection']"/>
    public static void SquaredL2Many(
        ReadOnlySpan<float> query, ReadOnlySpan<float> matrix, Span<float> scores, ReadOnlySpan<ulong> selection = default)
    {
        int rows = ValidateMany(query, matrix, scores, selection);
        RowKernels.ScoreSelected<SquaredL2RowOp>(query, matrix, 0, rows, selection, scores, 0f, RowKernels.Best);
    }

    /// <summary>
    /// Cosine similarity of <paramref name="query"/> with every selected row (higher is closer), computing each
    /// row's norm in the same pass as its dot product.
    /// </summary>
    /// <inheritdoc cref="ScoreMany" path="/param[@name='query' or @name='matrix' or @name='scores' or @name='selection']"/>
    public static void CosineMany(
        ReadOnlySpan<float> query, ReadOnlySpan<float> matrix, Span<float> scores, ReadOnlySpan<ulong> selection = default)
    {
        int rows = ValidateMany(query, matrix, scores, selection);
        RowKernels.ScoreSelected<CosineRowOp>(query, matrix, 0, rows, selection, scores, Norm(query), RowKernels.Best);
    }

    /// <summary>Cosine similarity of <paramref name="query"/> with every selected row, from precomputed row norms.</summary>
    /// <param name="query">The query vector; its length is the dimension of the rows.</param>
    /// <param name="matrix">Rows of <c>query.Length</c> floats, back to back.</param>
    /// <param name="rowNorms">The Euclidean norm of each row (see <see cref="Norms"/>).</param>
    /// <param name="scores">Receives one score per row (NaN for unselected rows).</param>
    /// <param name="selection">Optional bitmap of rows to score; empty scores all rows.</param>
    public static void CosineMany(
        ReadOnlySpan<float> query, ReadOnlySpan<float> matrix, ReadOnlySpan<float> rowNorms, Span<float> scores,
        ReadOnlySpan<ulong> selection = default)
    {
        int rows = ValidateMany(query, matrix, scores, selection);
        if (rowNorms.Length < rows)
        {
            throw new ArgumentException($"{rowNorms.Length} row norms for {rows} rows.", nameof(rowNorms));
        }

        RowKernels.ScoreSelected<DotRowOp>(query, matrix, 0, rows, selection, scores, 0f, RowKernels.Best);
        RowKernels.DotsToCosines(scores[..rows], rowNorms[..rows], Norm(query));
    }
}
