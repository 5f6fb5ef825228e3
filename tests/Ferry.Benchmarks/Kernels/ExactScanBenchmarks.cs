using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using Ferry.Frame.Search.Kernels;
using Ferry.Frame.Search.TopK;
using Ferry.Sdk.Schema;

namespace Ferry.Benchmarks.Kernels;

/// <summary>
/// Exact top-10 search over 100k × 384 float32 (154 MB, far beyond the caches): the memory-bound inner loop of
/// Frame's flat search. Baseline: TensorPrimitives.Dot per row into a score array, then top-k over it.
/// </summary>
[MemoryDiagnoser]
public class ExactScanBenchmarks
{
    private const int Rows = 100_000;
    private const int K = 10;
    private float[] _matrix = [];
    private float[] _query = [];
    private float[] _norms = [];
    private float[] _scores = [];
    private ulong[] _halfSelected = [];
    private ulong[] _tenthSelected = [];

    [Params(384)]
    public int Dimension { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _matrix = GC.AllocateUninitializedArray<float>(Rows * Dimension, pinned: true);
        for (int i = 0; i < _matrix.Length; i++)
        {
            _matrix[i] = (float)(random.NextDouble() - 0.5);
        }

        _query = Enumerable.Range(0, Dimension).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        _norms = new float[Rows];
        VectorKernels.Norms(_matrix, Dimension, _norms);
        _scores = new float[Rows];
        _halfSelected = new ulong[VectorKernels.SelectionWords(Rows)];
        for (int w = 0; w < _halfSelected.Length; w++)
        {
            // A filter that keeps about half the rows, in runs: every other 8-row group.
            _halfSelected[w] = 0x00FF_00FF_00FF_00FF;
        }

        // A selective filter: one 64-row block in ten, the rest never read.
        _tenthSelected = new ulong[_halfSelected.Length];
        for (int w = 0; w < _tenthSelected.Length; w += 10)
        {
            _tenthSelected[w] = ulong.MaxValue;
        }
    }

    [Benchmark(Baseline = true)]
    public ScoredRow[] TensorPrimitivesDotThenTopK()
    {
        for (int r = 0; r < Rows; r++)
        {
            _scores[r] = TensorPrimitives.Dot(_query, _matrix.AsSpan(r * Dimension, Dimension));
        }

        return TopKCollector.Select(_scores, K, ScoreOrder.HigherIsBetter);
    }

    [Benchmark]
    public ScoredRow[] DotManyThenTopK()
    {
        VectorKernels.DotMany(_query, _matrix, _scores);
        return TopKCollector.Select(_scores, K, ScoreOrder.HigherIsBetter);
    }

    [Benchmark]
    public ScoredRow[] FusedScanDot() => Scan(DistanceMetric.Dot, default, default);

    [Benchmark]
    public ScoredRow[] FusedScanL2() => Scan(DistanceMetric.L2, default, default);

    [Benchmark]
    public ScoredRow[] FusedScanCosineRowNormsInPass() => Scan(DistanceMetric.Cosine, default, default);

    [Benchmark]
    public ScoredRow[] FusedScanCosinePrecomputedNorms() => Scan(DistanceMetric.Cosine, default, _norms);

    [Benchmark]
    public ScoredRow[] FusedScanDotHalfSelected() => Scan(DistanceMetric.Dot, _halfSelected, default);

    [Benchmark]
    public ScoredRow[] FusedScanDotTenthSelected() => Scan(DistanceMetric.Dot, _tenthSelected, default);

    [Benchmark]
    public ScoredRow[] FusedScanDotVector256Only()
    {
        var collector = new TopKCollector(K, ScoreOrder.HigherIsBetter);
        ExactScan.ScanInto(collector, DistanceMetric.Dot, _query, _matrix, 0, default, default, KernelWidth.Vector256);
        return collector.ToSortedArray();
    }

    [Benchmark]
    public ScoredRow[] ParallelSearchDotAllCores() => ExactScan.Search(DistanceMetric.Dot, _query, _matrix, K);

    private ScoredRow[] Scan(DistanceMetric metric, ReadOnlySpan<ulong> selection, ReadOnlySpan<float> norms)
    {
        var collector = new TopKCollector(K, metric.ScoreOrder());
        ExactScan.ScanInto(collector, metric, _query, _matrix, 0, selection, norms);
        return collector.ToSortedArray();
    }
}
