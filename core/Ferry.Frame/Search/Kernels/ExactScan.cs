using Ferry.Frame.Search.TopK;
using Ferry.Sdk.Schema;

namespace Ferry.Frame.Search.Kernels;

/// <summary>
/// Exact (brute-force) nearest-neighbour search over a row-major float32 matrix: selection, scoring and top-k
/// fused into one pass, so each vector is read from memory once and scores never leave the L1 cache.
/// </summary>
/// <remarks>
/// Rows are scored in blocks of 64 (one selection word) into a stack buffer that is immediately offered to a
/// <see cref="TopKCollector"/>, which rejects almost all of them with one vector comparison. Unselected rows are
/// never read. Scores: cosine and dot similarities (higher is closer) and the squared L2 distance (lower is
/// closer; take the square root of the kept few for the Euclidean distance).
/// </remarks>
public static class ExactScan
{
    /// <summary>Rows per block: one selection word, 256 bytes of scores on the stack.</summary>
    public const int BlockRows = VectorKernels.RowsPerWord;

    // Below this many rows per thread, starting threads costs more than it saves.
    private const int MinRowsPerThread = 16 * 1024;

    /// <summary>
    /// Scores the selected rows of <paramref name="matrix"/> against <paramref name="query"/> and offers them to
    /// <paramref name="collector"/> (row i gets key <paramref name="firstRowKey"/> + i). Single-threaded; call it
    /// per fragment or per row range with one collector per thread, then <see cref="TopKCollector.Merge"/>.
    /// </summary>
    /// <param name="collector">Receives the rows; its order must match the metric (<see cref="DistanceMetricExtensions.ScoreOrder"/>).</param>
    /// <param name="metric">The metric.</param>
    /// <param name="query">The query vector; its length is the dimension.</param>
    /// <param name="matrix">Rows of <c>query.Length</c> floats, back to back. To scan part of a fragment, slice it at a multiple of 64 rows and slice the selection at the same word.</param>
    /// <param name="firstRowKey">Key of row 0 (see <see cref="RowKeys.Compose"/>).</param>
    /// <param name="selection">Optional bitmap of rows to score (bit r % 64 of word r / 64): live, non-null and filter-passing rows. Empty scores all rows.</param>
    /// <param name="rowNorms">Optional precomputed row norms for cosine; when empty, cosine computes each row's norm in the same pass.</param>
    public static void ScanInto(
        TopKCollector collector, DistanceMetric metric, ReadOnlySpan<float> query, ReadOnlySpan<float> matrix,
        long firstRowKey = 0, ReadOnlySpan<ulong> selection = default, ReadOnlySpan<float> rowNorms = default) =>
        ScanInto(collector, metric, query, matrix, firstRowKey, selection, rowNorms, RowKernels.Best);

    /// <summary>
    /// Searches the whole matrix for the <paramref name="k"/> best rows, on up to
    /// <paramref name="maxDegreeOfParallelism"/> threads (contiguous row ranges, merged at the end).
    /// </summary>
    /// <param name="metric">The metric.</param>
    /// <param name="query">The query vector; its length is the dimension.</param>
    /// <param name="matrix">Rows of <c>query.Length</c> floats, back to back.</param>
    /// <param name="k">How many rows to return.</param>
    /// <param name="firstRowKey">Key of row 0.</param>
    /// <param name="selection">Optional bitmap of rows to score; empty scores all rows.</param>
    /// <param name="rowNorms">Optional precomputed row norms for cosine.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for one per processor. The scan is usually memory bound, so more threads help only while bandwidth lasts.</param>
    /// <returns>At most <paramref name="k"/> rows, best first, ties by ascending row key.</returns>
    public static ScoredRow[] Search(
        DistanceMetric metric, ReadOnlyMemory<float> query, ReadOnlyMemory<float> matrix, int k,
        long firstRowKey = 0, ReadOnlyMemory<ulong> selection = default, ReadOnlyMemory<float> rowNorms = default,
        int maxDegreeOfParallelism = -1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use -1 or a positive count.");
        }

        int rows = Validate(query.Span, matrix.Span, selection.Span, rowNorms.Span, metric);
        ScoreOrder order = metric.ScoreOrder();
        int threads = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        threads = Math.Max(1, Math.Min(threads, rows / MinRowsPerThread));
        var result = new TopKCollector(k, order);
        if (threads == 1)
        {
            ScanInto(result, metric, query.Span, matrix.Span, firstRowKey, selection.Span, rowNorms.Span);
            return result.ToSortedArray();
        }

        // Contiguous ranges, each a whole number of selection words, so every thread streams its own part.
        int dimension = query.Length;
        int wordsPerThread = VectorKernels.SelectionWords((rows + threads - 1) / threads);
        int rowsPerThread = wordsPerThread * BlockRows;
        var partials = new TopKCollector[threads];
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            int from = t * rowsPerThread;
            int to = Math.Min(rows, from + rowsPerThread);
            var partial = new TopKCollector(k, order);
            if (from < to)
            {
                ReadOnlySpan<ulong> words = selection.Span;
                ReadOnlySpan<float> norms = rowNorms.Span;
                ScanInto(
                    partial, metric, query.Span, matrix.Span.Slice(from * dimension, (to - from) * dimension),
                    firstRowKey + from,
                    words.IsEmpty ? default : words[(from / BlockRows)..],
                    norms.IsEmpty ? default : norms[from..to]);
            }

            partials[t] = partial;
        });

        foreach (TopKCollector partial in partials)
        {
            result.Merge(partial);
        }

        return result.ToSortedArray();
    }

    /// <summary><see cref="ScanInto(TopKCollector, DistanceMetric, ReadOnlySpan{float}, ReadOnlySpan{float}, long, ReadOnlySpan{ulong}, ReadOnlySpan{float})"/> limited to <paramref name="width"/>.</summary>
    internal static void ScanInto(
        TopKCollector collector, DistanceMetric metric, ReadOnlySpan<float> query, ReadOnlySpan<float> matrix,
        long firstRowKey, ReadOnlySpan<ulong> selection, ReadOnlySpan<float> rowNorms, KernelWidth width)
    {
        ArgumentNullException.ThrowIfNull(collector);
        int rows = Validate(query, matrix, selection, rowNorms, metric);
        if (collector.Order != metric.ScoreOrder())
        {
            throw new ArgumentException($"{metric} scores are {metric.ScoreOrder()} but the collector is {collector.Order}.", nameof(collector));
        }

        switch (metric)
        {
            case DistanceMetric.Dot:
                Scan<DotRowOp>(collector, query, matrix, rows, firstRowKey, selection, default, 0f, width);
                break;
            case DistanceMetric.L2:
                Scan<SquaredL2RowOp>(collector, query, matrix, rows, firstRowKey, selection, default, 0f, width);
                break;
            case DistanceMetric.Cosine when rowNorms.IsEmpty:
                Scan<CosineRowOp>(collector, query, matrix, rows, firstRowKey, selection, default, VectorKernels.Norm(query), width);
                break;
            default:
                Scan<DotRowOp>(collector, query, matrix, rows, firstRowKey, selection, rowNorms, VectorKernels.Norm(query), width);
                break;
        }
    }

    private static void Scan<TOp>(
        TopKCollector collector, ReadOnlySpan<float> query, ReadOnlySpan<float> matrix, int rows, long firstRowKey,
        ReadOnlySpan<ulong> selection, ReadOnlySpan<float> rowNorms, float queryNorm, KernelWidth width)
        where TOp : struct, IRowOp
    {
        int dimension = query.Length;
        Span<float> block = stackalloc float[BlockRows];
        for (int start = 0; start < rows; start += BlockRows)
        {
            int count = Math.Min(BlockRows, rows - start);
            Span<float> scores = block[..count];
            ReadOnlySpan<float> rowsOfBlock = matrix.Slice(start * dimension, count * dimension);
            ReadOnlySpan<ulong> word = selection.IsEmpty ? default : selection.Slice(start / BlockRows, 1);
            if (!word.IsEmpty && word[0] == 0)
            {
                continue; // nothing selected: not a byte of the block is read
            }

            RowKernels.ScoreSelected<TOp>(query, rowsOfBlock, 0, count, word, scores, queryNorm, width);
            if (!rowNorms.IsEmpty)
            {
                RowKernels.DotsToCosines(scores, rowNorms.Slice(start, count), queryNorm);
            }

            collector.AddScores(scores, firstRowKey + start);
        }
    }

    private static int Validate(
        ReadOnlySpan<float> query, ReadOnlySpan<float> matrix, ReadOnlySpan<ulong> selection, ReadOnlySpan<float> rowNorms,
        DistanceMetric metric)
    {
        _ = metric.ScoreOrder(); // rejects unknown metrics
        int dimension = query.Length;
        if (dimension == 0)
        {
            throw new ArgumentException("The query is empty.", nameof(query));
        }

        if (matrix.Length % dimension != 0)
        {
            throw new ArgumentException(
                $"The matrix length {matrix.Length} is not a multiple of the query dimension {dimension}.", nameof(matrix));
        }

        int rows = matrix.Length / dimension;
        if (!selection.IsEmpty && selection.Length < VectorKernels.SelectionWords(rows))
        {
            throw new ArgumentException(
                $"The selection bitmap has {selection.Length} words but {rows} rows need {VectorKernels.SelectionWords(rows)}.", nameof(selection));
        }

        if (!rowNorms.IsEmpty && rowNorms.Length < rows)
        {
            throw new ArgumentException($"{rowNorms.Length} row norms for {rows} rows.", nameof(rowNorms));
        }

        return rows;
    }
}
