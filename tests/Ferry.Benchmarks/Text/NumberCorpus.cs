using System.Globalization;
using System.Text;

namespace Ferry.Benchmarks.Text;

/// <summary>
/// Float literals shaped like the benchmark corpus (shared/bench/gen-dataset.mjs): components of unit-length
/// 384-dimensional embeddings, written by JSON.stringify from a Float32Array, i.e. the shortest round-trip
/// *double* spelling of a float32 value (typically 16-18 significant digits, e.g. -0.030531855300068855).
/// </summary>
internal static class NumberCorpus
{
    public const int Dimension = 384;

    /// <summary>Shape name for corpus-style literals (double shortest of a float32).</summary>
    public const string JsonStringifyShape = "json-stringify";

    /// <summary>Shape name for float32 shortest literals (what Ferry itself writes, e.g. -0.030531856).</summary>
    public const string FloatShortestShape = "float-shortest";

    public static float[] Embeddings(int count, int seed)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int start = 0; start < count; start += Dimension)
        {
            int n = Math.Min(Dimension, count - start);
            double norm = 0;
            for (int i = 0; i < n; i++)
            {
                // Box-Muller normal values, then scaled to unit length like the corpus.
                double g = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                values[start + i] = (float)g;
                norm += g * g;
            }

            float scale = (float)(1 / Math.Sqrt(norm));
            for (int i = 0; i < n; i++)
            {
                values[start + i] *= scale;
            }
        }

        return values;
    }

    public static string Format(float value, string shape)
    {
        string text = shape == JsonStringifyShape
            ? ((double)value).ToString("R", CultureInfo.InvariantCulture)
            : value.ToString(CultureInfo.InvariantCulture);
        // JavaScript writes 1e-7 where .NET writes 1E-07.
        return text.Replace("E-0", "e-", StringComparison.Ordinal).Replace("E", "e", StringComparison.Ordinal);
    }

    /// <summary>All literals back to back (separated by commas) with the offset and length of each.</summary>
    public static (byte[] Text, int[] Starts, int[] Lengths) Literals(float[] values, string shape)
    {
        var builder = new StringBuilder();
        var starts = new int[values.Length];
        var lengths = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            string literal = Format(values[i], shape);
            starts[i] = builder.Length;
            lengths[i] = literal.Length;
            builder.Append(literal).Append(',');
        }

        return (Encoding.UTF8.GetBytes(builder.ToString()), starts, lengths);
    }

    /// <summary>One embedding as a JSON array, as it appears in a corpus line.</summary>
    public static byte[] JsonArray(float[] values, string shape)
    {
        var builder = new StringBuilder("[");
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(Format(values[i], shape));
        }

        return Encoding.UTF8.GetBytes(builder.Append(']').ToString());
    }
}
