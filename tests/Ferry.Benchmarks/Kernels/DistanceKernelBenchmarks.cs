using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Ferry.Frame.Search.Kernels;

namespace Ferry.Benchmarks.Kernels;

/// <summary>One pair of vectors: Ferry's kernels against TensorPrimitives and a plain scalar loop (the baseline).</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class DistanceKernelBenchmarks
{
    private float[] _x = [];
    private float[] _y = [];

    [Params(384, 1536)]
    public int Dimension { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _x = Enumerable.Range(0, Dimension).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        _y = Enumerable.Range(0, Dimension).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Dot")]
    public float DotScalarLoop()
    {
        float sum = 0;
        for (int i = 0; i < _x.Length; i++)
        {
            sum += _x[i] * _y[i];
        }

        return sum;
    }

    [Benchmark]
    [BenchmarkCategory("Dot")]
    public float DotTensorPrimitives() => TensorPrimitives.Dot(_x, _y);

    [Benchmark]
    [BenchmarkCategory("Dot")]
    public float DotFerry() => VectorKernels.Dot(_x, _y);

    [Benchmark]
    [BenchmarkCategory("Dot")]
    public float DotFerryVector256Only() => VectorKernels.Dot(_x, _y, KernelWidth.Vector256);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("L2")]
    public float L2ScalarLoop()
    {
        float sum = 0;
        for (int i = 0; i < _x.Length; i++)
        {
            float d = _x[i] - _y[i];
            sum += d * d;
        }

        return sum;
    }

    [Benchmark]
    [BenchmarkCategory("L2")]
    public float L2TensorPrimitivesDistance() => TensorPrimitives.Distance(_x, _y);

    [Benchmark]
    [BenchmarkCategory("L2")]
    public float L2FerrySquared() => VectorKernels.SquaredL2(_x, _y);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Cosine")]
    public float CosineScalarLoop()
    {
        float dot = 0, xx = 0, yy = 0;
        for (int i = 0; i < _x.Length; i++)
        {
            dot += _x[i] * _y[i];
            xx += _x[i] * _x[i];
            yy += _y[i] * _y[i];
        }

        return dot / (MathF.Sqrt(xx) * MathF.Sqrt(yy));
    }

    [Benchmark]
    [BenchmarkCategory("Cosine")]
    public float CosineTensorPrimitives() => TensorPrimitives.CosineSimilarity(_x, _y);

    [Benchmark]
    [BenchmarkCategory("Cosine")]
    public float CosineFerry() => VectorKernels.Cosine(_x, _y);
}
