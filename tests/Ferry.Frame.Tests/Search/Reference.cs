namespace Ferry.Frame.Tests.Search;

/// <summary>Straightforward double-precision reference implementations and random test data.</summary>
internal static class Reference
{
    public static readonly int[] Dimensions = [0, 1, 3, 7, 8, 15, 16, 17, 31, 64, 127, 384, 1536, 4096];

    public static double Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += (double)x[i] * y[i];
        }

        return sum;
    }

    /// <summary>Σ |x·y|: the scale of the rounding error of any summation order.</summary>
    public static double AbsDot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += Math.Abs((double)x[i] * y[i]);
        }

        return sum;
    }

    public static double SquaredL2(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double d = (double)x[i] - y[i];
            sum += d * d;
        }

        return sum;
    }

    public static double Cosine(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        double denominator = Math.Sqrt(Dot(x, x)) * Math.Sqrt(Dot(y, y));
        return denominator == 0 ? 0 : Dot(x, y) / denominator;
    }

    /// <summary>
    /// Bound on the float32 rounding error relative to the error scale: at most n/4 + a few sequential
    /// roundings per accumulator (the scalar rung has four accumulators, wider rungs fewer additions).
    /// </summary>
    public static double RelativeTolerance(int n) => ((n / 4.0) + 8) * Math.Pow(2, -24);

    public static float[] RandomVector(Random random, int n, float scale = 1f)
    {
        var v = new float[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = (float)((random.NextDouble() * 2) - 1) * scale;
        }

        return v;
    }
}
