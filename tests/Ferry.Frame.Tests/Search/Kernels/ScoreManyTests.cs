using Ferry.Frame.Search.Kernels;
using Ferry.Sdk.Schema;
using Xunit;

namespace Ferry.Frame.Tests.Search.Kernels;

public sealed class ScoreManyTests
{
    public static TheoryData<int, string, DistanceMetric> Cases()
    {
        var data = new TheoryData<int, string, DistanceMetric>();
        foreach (int n in Reference.Dimensions)
        {
            if (n == 0)
            {
                continue;
            }

            foreach (string width in Enum.GetNames<KernelWidth>())
            {
                foreach (DistanceMetric metric in Enum.GetValues<DistanceMetric>())
                {
                    data.Add(n, width, metric);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ScoreSelected_RandomMatrix_MatchesDoubleReference(int dimension, string widthName, DistanceMetric metric)
    {
        KernelWidth width = Enum.Parse<KernelWidth>(widthName);
        var random = new Random(dimension * 7 + (int)width * 3 + (int)metric);
        int rows = dimension >= 1536 ? 70 : 203; // odd counts exercise the four-row blocks' remainder
        float[] query = Reference.RandomVector(random, dimension);
        float[] matrix = Reference.RandomVector(random, rows * dimension);
        ulong[] selection = RandomSelection(random, rows);
        var scores = new float[rows];
        var scoresAll = new float[rows];
        float queryNorm = VectorKernels.Norm(query);
        switch (metric)
        {
            case DistanceMetric.Dot:
                RowKernels.ScoreSelected<DotRowOp>(query, matrix, 0, rows, selection, scores, 0f, width);
                RowKernels.ScoreSelected<DotRowOp>(query, matrix, 0, rows, default, scoresAll, 0f, width);
                break;
            case DistanceMetric.L2:
                RowKernels.ScoreSelected<SquaredL2RowOp>(query, matrix, 0, rows, selection, scores, 0f, width);
                RowKernels.ScoreSelected<SquaredL2RowOp>(query, matrix, 0, rows, default, scoresAll, 0f, width);
                break;
            default:
                RowKernels.ScoreSelected<CosineRowOp>(query, matrix, 0, rows, selection, scores, queryNorm, width);
                RowKernels.ScoreSelected<CosineRowOp>(query, matrix, 0, rows, default, scoresAll, queryNorm, width);
                break;
        }

        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = matrix.AsSpan(r * dimension, dimension);
            AssertClose(metric, query, row, scoresAll[r]);
            if (IsSelected(selection, r))
            {
                Assert.Equal(scoresAll[r], scores[r]);
            }
            else
            {
                Assert.True(float.IsNaN(scores[r]), $"unselected row {r} scored {scores[r]}");
            }
        }
    }

    [Theory]
    [InlineData(DistanceMetric.Cosine)]
    [InlineData(DistanceMetric.Dot)]
    [InlineData(DistanceMetric.L2)]
    public void ScoreMany_PublicEntryPoints_MatchReference(DistanceMetric metric)
    {
        var random = new Random(17);
        const int dimension = 384, rows = 300;
        float[] query = Reference.RandomVector(random, dimension);
        float[] matrix = Reference.RandomVector(random, rows * dimension);
        var norms = new float[rows];
        VectorKernels.Norms(matrix, dimension, norms);
        ulong[] selection = RandomSelection(random, rows);
        var fused = new float[rows];
        var precomputed = new float[rows];
        VectorKernels.ScoreMany(metric, query, matrix, fused, selection);
        VectorKernels.ScoreMany(metric, query, matrix, precomputed, selection, norms);
        for (int r = 0; r < rows; r++)
        {
            if (!IsSelected(selection, r))
            {
                Assert.True(float.IsNaN(fused[r]));
                Assert.True(float.IsNaN(precomputed[r]));
                continue;
            }

            AssertClose(metric, query, matrix.AsSpan(r * dimension, dimension), fused[r]);
            AssertClose(metric, query, matrix.AsSpan(r * dimension, dimension), precomputed[r]);
        }
    }

    [Theory]
    [InlineData(DistanceMetric.Cosine)]
    [InlineData(DistanceMetric.Dot)]
    [InlineData(DistanceMetric.L2)]
    public void ScoreMany_EachRow_EqualsPairKernelBitForBit(DistanceMetric metric)
    {
        // Search scores and the pair kernels agree exactly, so a caller can re-score a hit and get the same number.
        var random = new Random(31);
        const int dimension = 389, rows = 70;
        float[] query = Reference.RandomVector(random, dimension);
        float[] matrix = Reference.RandomVector(random, rows * dimension);
        var scores = new float[rows];
        VectorKernels.ScoreMany(metric, query, matrix, scores);
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = matrix.AsSpan(r * dimension, dimension);
            float pair = metric switch
            {
                DistanceMetric.Dot => VectorKernels.Dot(query, row),
                DistanceMetric.L2 => VectorKernels.SquaredL2(query, row),
                _ => VectorKernels.Cosine(query, row),
            };
            Assert.Equal(BitConverter.SingleToInt32Bits(pair), BitConverter.SingleToInt32Bits(scores[r]));
        }
    }

    [Fact]
    public void CosineMany_ZeroRowWithPrecomputedNorm_IsZero()
    {
        float[] query = [1f, 2f, 3f, 4f, 5f];
        var matrix = new float[10];
        matrix[5] = 1f;
        var norms = new float[2];
        VectorKernels.Norms(matrix, 5, norms);
        var scores = new float[2];
        VectorKernels.CosineMany(query, matrix, norms, scores);
        Assert.Equal(0f, scores[0]);
        VectorKernels.CosineMany(query, matrix, scores);
        Assert.Equal(0f, scores[0]);
        Assert.Equal(1 / MathF.Sqrt(55), scores[1], 6);
    }

    [Fact]
    public void DotsToCosines_ZeroNormsAndUnscoredRows_SameAsScalarDefinition()
    {
        var random = new Random(8);
        const int rows = 203;
        float[] dots = Reference.RandomVector(random, rows, 3f);
        float[] norms = Reference.RandomVector(random, rows).Select(MathF.Abs).ToArray();
        for (int r = 0; r < rows; r += 7)
        {
            norms[r] = 0f;
        }

        for (int r = 0; r < rows; r += 5)
        {
            dots[r] = float.NaN;
        }

        float[] scores = (float[])dots.Clone();
        RowKernels.DotsToCosines(scores, norms, 1.75f);
        for (int r = 0; r < rows; r++)
        {
            float expected = float.IsNaN(dots[r]) ? float.NaN : VectorKernels.CosineFromParts(dots[r], 1.75f, norms[r]);
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(scores[r]));
        }
    }

    [Fact]
    public void ScoreMany_BadShapes_Throw()
    {
        var scores = new float[4];
        Assert.Throws<ArgumentException>(() => VectorKernels.DotMany(new float[3], new float[10], scores));
        Assert.Throws<ArgumentException>(() => VectorKernels.DotMany(new float[3], new float[15], scores));
        Assert.Throws<ArgumentException>(() => VectorKernels.DotMany(new float[1], new float[65], new float[65], new ulong[1]));
        Assert.Throws<ArgumentException>(() => VectorKernels.CosineMany(new float[3], new float[12], new float[3], scores));
        Assert.Throws<ArgumentOutOfRangeException>(() => VectorKernels.ScoreMany((DistanceMetric)99, new float[3], new float[12], scores));
    }

    [Fact]
    public void ScoreSelected_SelectionPatterns_ScoreExactlyTheSelectedRows()
    {
        // Runs that start and end at every position of a word, full words, empty words, a partial last word.
        const int dimension = 5, rows = 64 * 5 + 13;
        var random = new Random(23);
        float[] query = Reference.RandomVector(random, dimension);
        float[] matrix = Reference.RandomVector(random, rows * dimension);
        var all = new float[rows];
        VectorKernels.DotMany(query, matrix, all);
        ulong[][] patterns =
        [
            [ulong.MaxValue, 0, 0x8000_0000_0000_0001, 0x0FF0_0FF0_F00F_0001, ulong.MaxValue >> 1, 0x1FFF],
            [0, 0, 0, 0, 0, 0],
            [0xAAAA_AAAA_AAAA_AAAA, 0x5555_5555_5555_5555, ulong.MaxValue, 1UL << 63, 0x7FFF_FFFF_FFFF_FFFE, ulong.MaxValue],
        ];
        foreach (ulong[] selection in patterns)
        {
            var scores = new float[rows];
            VectorKernels.DotMany(query, matrix, scores, selection);
            for (int r = 0; r < rows; r++)
            {
                Assert.Equal(IsSelected(selection, r) ? all[r] : float.NaN, scores[r]);
            }
        }
    }

    internal static ulong[] RandomSelection(Random random, int rows)
    {
        var selection = new ulong[VectorKernels.SelectionWords(rows)];
        for (int w = 0; w < selection.Length; w++)
        {
            selection[w] = (w % 4) switch
            {
                0 => ulong.MaxValue,
                1 => 0,
                _ => (ulong)random.NextInt64() ^ ((ulong)random.NextInt64() << 1),
            };
        }

        return selection;
    }

    internal static bool IsSelected(ulong[] selection, int row) => (selection[row / 64] & (1UL << (row % 64))) != 0;

    internal static void AssertClose(DistanceMetric metric, ReadOnlySpan<float> query, ReadOnlySpan<float> row, float actual)
    {
        int n = query.Length;
        (double expected, double tolerance) = metric switch
        {
            DistanceMetric.Dot => (Reference.Dot(query, row), Reference.AbsDot(query, row) * Reference.RelativeTolerance(n)),
            DistanceMetric.L2 => (Reference.SquaredL2(query, row),
                Reference.SquaredL2(query, row) * (Reference.RelativeTolerance(n) + Math.Pow(2, -23))),
            _ => (Reference.Cosine(query, row), 2 * Reference.RelativeTolerance(n)),
        };
        Assert.InRange(actual, expected - tolerance, expected + tolerance);
    }
}
