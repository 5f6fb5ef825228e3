using System.Globalization;
using Ferry.Sdk.Records;

namespace Ferry.Plugins.Sample.Internal;

/// <summary>Builds record <c>i</c> of a sequence from (seed, i) alone, so any slice can be produced independently.</summary>
internal static class SequenceGenerator
{
    private static readonly DateTimeOffset Epoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Labels = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"];

    public static string IdOf(SequenceOptions options, long index) =>
        options.Name + "-" + index.ToString("D8", CultureInfo.InvariantCulture);

    public static Record Create(SequenceOptions options, long index)
    {
        var record = new Record(IdOf(options, index))
        {
            Text = $"Record {index} of the {options.Name} sequence.",
            Title = $"{options.Name} #{index}",
            Source = new RecordSource("sequence", options.Name, null),
        };
        var vector = new float[options.Dimension];
        var state = unchecked((ulong)options.Seed * 0x9E3779B97F4A7C15UL + (ulong)index);
        for (var j = 0; j < vector.Length; j++)
        {
            // 24 random bits to a float in [-1, 1): exactly representable, so the value is the same everywhere.
            vector[j] = (float)(Next(ref state) >> 40) / (1 << 23) - 1f;
        }

        record.Vector = vector;
        record.Metadata["index"] = index;
        record.Metadata["even"] = index % 2 == 0;
        record.Metadata["score"] = index * 0.25 + 0.125;
        record.Metadata["label"] = Labels[index % Labels.Length];
        record.Metadata["created"] = Epoch.AddMinutes(index);
        record.Metadata["tags"] = MetadataValue.FromArray([Labels[index % Labels.Length], "sample"]);
        return record;
    }

    /// <summary>A rough size of record <c>i</c> in bytes, for the batch byte hint.</summary>
    public static long EstimateBytes(SequenceOptions options) => 256 + (options.Dimension * sizeof(float));

    private static ulong Next(ref ulong state)
    {
        // SplitMix64: small, fast, and good enough for test data.
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
