using Ferry.Frame.Search.Kernels;
using Ferry.Frame.Search.TopK;
using Ferry.Frame.Tests.Search.TopK;
using Ferry.Sdk.Schema;
using Xunit;

namespace Ferry.Frame.Tests.Search.Kernels;

public sealed class ExactScanTests
{
    public static TheoryData<DistanceMetric, int, string> Cases()
    {
        var data = new TheoryData<DistanceMetric, int, string>();
        foreach (DistanceMetric metric in Enum.GetValues<DistanceMetric>())
        {
            foreach (int dimension in new[] { 1, 3, 17, 384 })
            {
                foreach (string width in Enum.GetNames<KernelWidth>())
                {
                    data.Add(metric, dimension, width);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ScanInto_WithAndWithoutSelection_EqualsScoresThenFullSort(DistanceMetric metric, int dimension, string widthName)
    {
        KernelWidth width = Enum.Parse<KernelWidth>(widthName);
        var random = new Random((int)metric * 1000 + dimension + (int)width);
        const int rows = 1000;
        float[] query = Reference.RandomVector(random, dimension);
        float[] matrix = Reference.RandomVector(random, rows * dimension);
        // Duplicate rows create exact score ties, also across 64-row blocks.
        Array.Copy(matrix, 5 * dimension, matrix, 700 * dimension, dimension);
        Array.Copy(matrix, 5 * dimension, matrix, 63 * dimension, dimension);
        ulong[] selection = ScoreManyTests.RandomSelection(random, rows);
        var norms = new float[rows];
        VectorKernels.Norms(matrix, dimension, norms);
        foreach (ulong[]? bitmap in new[] { null, selection })
        {
            foreach (bool precomputedNorms in metric == DistanceMetric.Cosine ? new[] { false, true } : [false])
            {
                var scores = new float[rows];
                VectorKernels.ScoreMany(metric, query, matrix, scores, bitmap, precomputedNorms ? norms : default);
                foreach (int k in new[] { 1, 10, 250, rows + 5 })
                {
                    var collector = new TopKCollector(k, metric.ScoreOrder());
                    ExactScan.ScanInto(collector, metric, query, matrix, 42, bitmap, precomputedNorms ? norms : default, width);
                    ScoredRow[] expected = TopKCollectorTests.FullSort(Rescore(metric, query, matrix, bitmap, norms, precomputedNorms, width), k, metric.ScoreOrder(), 42);
                    Assert.Equal(expected, collector.ToSortedArray());
                    if (width == RowKernels.Best)
                    {
                        Assert.Equal(TopKCollectorTests.FullSort(scores, k, metric.ScoreOrder(), 42), collector.ToSortedArray());
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(DistanceMetric.Cosine)]
    [InlineData(DistanceMetric.Dot)]
    [InlineData(DistanceMetric.L2)]
    public void Search_TwoThreads_SameAsOneThread(DistanceMetric metric)
    {
        var random = new Random(5 + (int)metric);
        const int dimension = 16, rows = 50_000;
        float[] query = Reference.RandomVector(random, dimension);
        float[] matrix = Reference.RandomVector(random, rows * dimension);
        for (int copy = 1; copy <= 20; copy++)
        {
            // Copies of one row spread over both threads' ranges: ties must resolve to the smallest keys.
            Array.Copy(matrix, 0, matrix, copy * 2_400 * dimension, dimension);
        }

        ulong[] selection = ScoreManyTests.RandomSelection(random, rows);
        foreach (ulong[]? bitmap in new[] { null, selection })
        {
            ScoredRow[] single = ExactScan.Search(metric, query, matrix, 10, 7, bitmap, maxDegreeOfParallelism: 1);
            ScoredRow[] parallel = ExactScan.Search(metric, query, matrix, 10, 7, bitmap, maxDegreeOfParallelism: 2);
            Assert.Equal(10, single.Length);
            Assert.Equal(single, parallel);
            var scores = new float[rows];
            VectorKernels.ScoreMany(metric, query, matrix, scores, bitmap);
            Assert.Equal(TopKCollectorTests.FullSort(scores, 10, metric.ScoreOrder(), 7), parallel);
        }
    }

    [Theory]
    [InlineData(DistanceMetric.Cosine)]
    [InlineData(DistanceMetric.Dot)]
    [InlineData(DistanceMetric.L2)]
    public void Search_RandomData_AgreesWithDoubleReference(DistanceMetric metric)
    {
        var random = new Random(77 + (int)metric);
        const int dimension = 384, rows = 3000, k = 10;
        float[] query = Reference.RandomVector(random, dimension);
        float[] matrix = Reference.RandomVector(random, rows * dimension);
        ScoredRow[] top = ExactScan.Search(metric, query, matrix, k);
        var exact = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = matrix.AsSpan(r * dimension, dimension);
            exact[r] = metric switch
            {
                DistanceMetric.Dot => Reference.Dot(query, row),
                DistanceMetric.L2 => Reference.SquaredL2(query, row),
                _ => Reference.Cosine(query, row),
            };
        }

        int[] order = Enumerable.Range(0, rows).ToArray();
        Array.Sort(order, (a, b) => metric == DistanceMetric.L2 ? exact[a].CompareTo(exact[b]) : exact[b].CompareTo(exact[a]));
        double kth = exact[order[k - 1]];
        double margin = metric == DistanceMetric.L2 ? kth * 1e-4 : 1e-4;
        var returned = top.Select(r => (int)r.RowKey).ToHashSet();
        for (int i = 0; i < rows; i++)
        {
            int r = order[i];
            if (Math.Abs(exact[r] - kth) <= margin)
            {
                continue; // too close to the cut to demand either way
            }

            Assert.Equal(i < k, returned.Contains(r));
        }

        foreach (ScoredRow row in top)
        {
            Assert.Equal(exact[row.RowKey], row.Score, metric == DistanceMetric.L2 ? exact[row.RowKey] * 1e-4 : 1e-4);
        }

        if (metric == DistanceMetric.L2)
        {
            Assert.True(top[0].Score <= top[^1].Score);
        }
        else
        {
            Assert.True(top[0].Score >= top[^1].Score);
        }
    }

    [Fact]
    public void ScanInto_PerFragmentSlices_SameAsWholeMatrix()
    {
        // How Frame scans: slices at multiples of 64 rows with the selection sliced at the same word,
        // each with its own collector and (fragment, row) keys, merged at the end.
        var random = new Random(3);
        const int dimension = 24, rows = 64 * 9 + 5;
        float[] query = Reference.RandomVector(random, dimension);
        float[] matrix = Reference.RandomVector(random, rows * dimension);
        ulong[] selection = ScoreManyTests.RandomSelection(random, rows);
        var whole = new TopKCollector(15, ScoreOrder.HigherIsBetter);
        ExactScan.ScanInto(whole, DistanceMetric.Dot, query, matrix, RowKeys.Compose(2, 0), selection);
        var merged = new TopKCollector(15, ScoreOrder.HigherIsBetter);
        foreach ((int from, int to) in new[] { (0, 128), (128, 448), (448, rows) })
        {
            var part = new TopKCollector(15, ScoreOrder.HigherIsBetter);
            ExactScan.ScanInto(
                part, DistanceMetric.Dot, query, matrix.AsSpan(from * dimension, (to - from) * dimension),
                RowKeys.Compose(2, from), selection.AsSpan(from / 64));
            merged.Merge(part);
        }

        Assert.Equal(whole.ToSortedArray(), merged.ToSortedArray());
        Assert.All(whole.ToSortedArray(), r => Assert.Equal(2, RowKeys.FragmentId(r.RowKey)));
    }

    [Fact]
    public void ScanInto_NothingSelected_KeepsNothing()
    {
        var collector = new TopKCollector(5, ScoreOrder.HigherIsBetter);
        ExactScan.ScanInto(collector, DistanceMetric.Cosine, new float[8], new float[8 * 200], 0, new ulong[4]);
        Assert.Equal(0, collector.Count);
    }

    [Fact]
    public void ScanInto_InvalidArguments_Throw()
    {
        var higher = new TopKCollector(5, ScoreOrder.HigherIsBetter);
        Assert.Throws<ArgumentException>(() => ExactScan.ScanInto(higher, DistanceMetric.L2, new float[4], new float[8]));
        Assert.Throws<ArgumentException>(() => ExactScan.ScanInto(higher, DistanceMetric.Dot, new float[4], new float[9]));
        Assert.Throws<ArgumentException>(() => ExactScan.ScanInto(higher, DistanceMetric.Dot, [], []));
        Assert.Throws<ArgumentException>(() => ExactScan.ScanInto(higher, DistanceMetric.Dot, new float[1], new float[65], 0, new ulong[1]));
        Assert.Throws<ArgumentException>(() => ExactScan.ScanInto(higher, DistanceMetric.Cosine, new float[1], new float[3], 0, default, new float[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExactScan.Search(DistanceMetric.Dot, new float[1], new float[3], 1, maxDegreeOfParallelism: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExactScan.Search((DistanceMetric)7, new float[1], new float[3], 1));
    }

    private static float[] Rescore(
        DistanceMetric metric, float[] query, float[] matrix, ulong[]? selection, float[] norms, bool precomputedNorms, KernelWidth width)
    {
        int rows = matrix.Length / query.Length;
        var scores = new float[rows];
        switch (metric)
        {
            case DistanceMetric.Dot:
                RowKernels.ScoreSelected<DotRowOp>(query, matrix, 0, rows, selection, scores, 0f, width);
                break;
            case DistanceMetric.L2:
                RowKernels.ScoreSelected<SquaredL2RowOp>(query, matrix, 0, rows, selection, scores, 0f, width);
                break;
            case DistanceMetric.Cosine when precomputedNorms:
                RowKernels.ScoreSelected<DotRowOp>(query, matrix, 0, rows, selection, scores, 0f, width);
                RowKernels.DotsToCosines(scores, norms, VectorKernels.Norm(query));
                break;
            default:
                RowKernels.ScoreSelected<CosineRowOp>(query, matrix, 0, rows, selection, scores, VectorKernels.Norm(query), width);
                break;
        }

        return scores;
    }
}
