using Ferry.Frame.Search.Kernels;
using Xunit;

namespace Ferry.Frame.Tests.Search.Kernels;

public sealed class VectorKernelsTests
{
    public static TheoryData<int, string> DimensionsAndWidths()
    {
        var data = new TheoryData<int, string>();
        foreach (int n in Reference.Dimensions)
        {
            foreach (string width in Enum.GetNames<KernelWidth>())
            {
                data.Add(n, width);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DimensionsAndWidths))]
    public void Dot_RandomVectors_MatchesDoubleReference(int n, string widthName)
    {
        KernelWidth width = Enum.Parse<KernelWidth>(widthName);
        var random = new Random(n * 31 + widthName.Length);
        for (int trial = 0; trial < 20; trial++)
        {
            float[] x = Reference.RandomVector(random, n, trial % 2 == 0 ? 1f : 1e3f);
            float[] y = Reference.RandomVector(random, n);
            double expected = Reference.Dot(x, y);
            double tolerance = Reference.AbsDot(x, y) * Reference.RelativeTolerance(n);
            Assert.InRange(VectorKernels.Dot(x, y, width), expected - tolerance, expected + tolerance);
            Assert.InRange(VectorKernels.Dot(x, y), expected - tolerance, expected + tolerance);
        }
    }

    [Theory]
    [MemberData(nameof(DimensionsAndWidths))]
    public void SquaredL2_RandomVectors_MatchesDoubleReference(int n, string widthName)
    {
        KernelWidth width = Enum.Parse<KernelWidth>(widthName);
        var random = new Random(n * 37 + widthName.Length);
        for (int trial = 0; trial < 20; trial++)
        {
            float[] x = Reference.RandomVector(random, n);
            float[] y = Reference.RandomVector(random, n);
            double expected = Reference.SquaredL2(x, y);
            // (x - y) is rounded once more than a product: three roundings per term instead of two.
            double tolerance = expected * (Reference.RelativeTolerance(n) + Math.Pow(2, -23));
            Assert.InRange(VectorKernels.SquaredL2(x, y, width), expected - tolerance, expected + tolerance);
            Assert.InRange(VectorKernels.SquaredL2(x, y), expected - tolerance, expected + tolerance);
        }
    }

    [Theory]
    [MemberData(nameof(DimensionsAndWidths))]
    public void Cosine_RandomVectors_MatchesDoubleReference(int n, string widthName)
    {
        KernelWidth width = Enum.Parse<KernelWidth>(widthName);
        var random = new Random(n * 41 + widthName.Length);
        for (int trial = 0; trial < 20; trial++)
        {
            float[] x = Reference.RandomVector(random, n, 5f);
            float[] y = Reference.RandomVector(random, n);
            double expected = Reference.Cosine(x, y);
            // The error scale of x·y/(|x||y|) is Σ|xy|/(|x||y|) ≤ 1; the norms add a few roundings.
            double tolerance = Reference.RelativeTolerance(n) * 2;
            Assert.InRange(VectorKernels.Cosine(x, y, width), expected - tolerance, expected + tolerance);
            Assert.InRange(VectorKernels.Cosine(x, y), expected - tolerance, expected + tolerance);
            float withNorms = VectorKernels.Cosine(x, y, VectorKernels.Norm(x), VectorKernels.Norm(y));
            Assert.InRange(withNorms, expected - tolerance, expected + tolerance);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(384)]
    public void Cosine_ZeroVector_IsZeroNotNaN(int n)
    {
        var zero = new float[n];
        float[] y = Reference.RandomVector(new Random(n), n);
        Assert.Equal(0f, VectorKernels.Cosine(zero, y));
        Assert.Equal(0f, VectorKernels.Cosine(y, zero));
        Assert.Equal(0f, VectorKernels.Cosine(zero, zero));
        Assert.Equal(0f, VectorKernels.Cosine(zero, y, 0f, VectorKernels.Norm(y)));
    }

    [Fact]
    public void Cosine_ParallelVectors_IsOne()
    {
        float[] x = Reference.RandomVector(new Random(3), 1536);
        float[] y = Array.ConvertAll(x, v => v * 4f);
        Assert.Equal(1.0, VectorKernels.Cosine(x, y), 5);
        Assert.Equal(-1.0, VectorKernels.Cosine(x, Array.ConvertAll(x, v => -v)), 5);
    }

    [Fact]
    public void Norm_KnownVector_IsEuclideanLength()
    {
        Assert.Equal(5f, VectorKernels.Norm([3f, 4f]));
        Assert.Equal(0f, VectorKernels.Norm([]));
        float[] ones = Enumerable.Repeat(1f, 1537).ToArray();
        Assert.Equal(MathF.Sqrt(1537f), VectorKernels.Norm(ones), 4);
    }

    [Fact]
    public void Norms_Matrix_OneNormPerRow()
    {
        var random = new Random(5);
        float[] matrix = Reference.RandomVector(random, 7 * 33);
        var norms = new float[7];
        VectorKernels.Norms(matrix, 33, norms);
        for (int r = 0; r < 7; r++)
        {
            ReadOnlySpan<float> row = matrix.AsSpan(r * 33, 33);
            Assert.Equal(Math.Sqrt(Reference.Dot(row, row)), norms[r], 5);
        }
    }

    [Fact]
    public void PairKernels_DifferentLengths_Throw()
    {
        Assert.Throws<ArgumentException>(() => VectorKernels.Dot([1f, 2f], [1f]));
        Assert.Throws<ArgumentException>(() => VectorKernels.SquaredL2([1f, 2f], [1f]));
        Assert.Throws<ArgumentException>(() => VectorKernels.Cosine([1f, 2f], [1f]));
    }

    [Fact]
    public void Kernels_NonFiniteInput_PropagatesNaN()
    {
        float[] x = Reference.RandomVector(new Random(9), 40);
        float[] y = Reference.RandomVector(new Random(10), 40);
        x[39] = float.NaN; // in the masked tail of every rung
        Assert.True(float.IsNaN(VectorKernels.Dot(x, y)));
        Assert.True(float.IsNaN(VectorKernels.SquaredL2(x, y)));
        Assert.True(float.IsNaN(VectorKernels.Cosine(x, y)));
    }

    [Theory]
    [InlineData(nameof(KernelWidth.Vector512))]
    [InlineData(nameof(KernelWidth.Vector256))]
    [InlineData(nameof(KernelWidth.Vector128))]
    public void MaskedTail_GarbageBeforeTail_NotCountedTwice(string widthName)
    {
        KernelWidth width = Enum.Parse<KernelWidth>(widthName);
        // Values chosen so that summing any overlapped lane twice changes the result visibly.
        for (int n = 4; n <= 70; n++)
        {
            float[] x = Enumerable.Range(1, n).Select(i => (float)i).ToArray();
            float[] y = Enumerable.Repeat(1f, n).ToArray();
            Assert.Equal(n * (n + 1) / 2f, VectorKernels.Dot(x, y, width));
            float[] shifted = x.Select(v => v - 2f).ToArray();
            Assert.Equal(4f * n, VectorKernels.SquaredL2(x, shifted, width));
        }
    }
}
