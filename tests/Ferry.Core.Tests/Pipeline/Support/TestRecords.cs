using Ferry.Sdk.Records;

namespace Ferry.Core.Tests.Pipeline.Support;

/// <summary>Deterministic records with vectors and every common metadata kind.</summary>
internal static class TestRecords
{
    public static List<Record> Create(int count, int dimension = 8, int seed = 7)
    {
        var random = new Random(seed);
        var categories = new[] { "news", "science", "sports", "tech" };
        var records = new List<Record>(count);
        for (var i = 0; i < count; i++)
        {
            var record = new Record($"doc-{i:D6}")
            {
                Title = $"title {i}",
                Text = $"text of record {i} with some words {random.Next(1000)}",
            };
            var vector = new float[dimension];
            for (var d = 0; d < dimension; d++)
            {
                vector[d] = (float)(random.NextDouble() * 2 - 1);
            }

            record.Vector = vector;
            record.Metadata["category"] = categories[i % categories.Length];
            record.Metadata["year"] = 2000L + (i % 26);
            record.Metadata["score"] = Math.Round(random.NextDouble(), 3);
            record.Metadata["published"] = new DateTimeOffset(2000 + (i % 26), 1 + (i % 12), 1 + (i % 28), 0, 0, 0, TimeSpan.Zero);
            record.Metadata["tags"] = MetadataValue.FromArray([$"tag{i % 5}", $"tag{i % 7}"]);
            records.Add(record);
        }

        return records;
    }
}
