using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using Xunit;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Frame.Tests.Support;

/// <summary>Deterministic test records.</summary>
internal static class TestRecords
{
    public static readonly string[] Categories = ["news", "blog", "paper", "wiki"];

    public static DatasetSchema Schema(int dimension, DistanceMetric metric = DistanceMetric.Cosine) =>
        new() { Vectors = [new VectorField(Record.DefaultVectorName, dimension, metric)], HasTitle = true };

    public static FrameDatasetOptions FastOptions { get; } = new() { FlushToDisk = false };

    /// <summary>Records <paramref name="start"/> … start + count - 1 with a random vector and typical metadata.</summary>
    public static List<Record> Make(int start, int count, int dimension, int seed = 1, string prefix = "doc-")
    {
        var random = new Random(seed + start);
        var records = new List<Record>(count);
        for (var i = start; i < start + count; i++)
        {
            var record = new Record(prefix + i)
            {
                Text = "text of document " + i,
                Title = "Title " + i,
                Vector = RandomVector(random, dimension),
            };
            record.Metadata["category"] = Categories[i % Categories.Length];
            record.Metadata["year"] = 2000L + (i % 25);
            record.Metadata["score"] = i * 0.5;
            record.Metadata["even"] = i % 2 == 0;
            records.Add(record);
        }

        return records;
    }

    public static float[] RandomVector(Random random, int dimension)
    {
        var vector = new float[dimension];
        for (var d = 0; d < dimension; d++)
        {
            vector[d] = (float)((random.NextDouble() * 2) - 1);
        }

        return vector;
    }

    public static async Task<List<Record>> ReadAllAsync(FrameDataset dataset, FrameScanOptions? options = null)
    {
        var records = new List<Record>();
        await foreach (var record in dataset.ScanAsync(options))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>Asserts two records are equal field by field; vectors bit for bit, metadata by kind and bits.</summary>
    public static void AssertSame(Record expected, Record actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Text, actual.Text);
        Assert.Equal(expected.Title, actual.Title);
        Assert.Equal(expected.RecordType, actual.RecordType);
        Assert.Equal(expected.Collection, actual.Collection);
        Assert.Equal(expected.Source, actual.Source);
        Assert.Equal(expected.Relationships, actual.Relationships);
        Assert.Equal(expected.Vectors.Count, actual.Vectors.Count);
        foreach (var (name, vector) in expected.Vectors)
        {
            Assert.True(actual.Vectors.TryGetValue(name, out var other), $"vector '{name}' missing from {actual.Id}");
            Assert.Equal(BitsOf(vector), BitsOf(other!));
        }

        Assert.Equal(expected.Sparse.Count, actual.Sparse.Count);
        foreach (var (name, sparse) in expected.Sparse)
        {
            Assert.True(actual.Sparse.TryGetValue(name, out var other), $"sparse '{name}' missing from {actual.Id}");
            Assert.Equal(sparse, other);
        }

        Assert.Equal(expected.Metadata.Count, actual.Metadata.Count);
        foreach (var (key, value) in expected.Metadata)
        {
            Assert.True(actual.Metadata.TryGetValue(key, out var other), $"metadata '{key}' missing from {actual.Id}");
            Assert.True(value.Equals(other), $"metadata '{key}' of {actual.Id}: expected {value} ({value.Kind}), got {other} ({other!.Kind})");
        }
    }

    public static int[] BitsOf(float[] vector)
    {
        var bits = new int[vector.Length];
        for (var i = 0; i < vector.Length; i++)
        {
            bits[i] = BitConverter.SingleToInt32Bits(vector[i]);
        }

        return bits;
    }
}
