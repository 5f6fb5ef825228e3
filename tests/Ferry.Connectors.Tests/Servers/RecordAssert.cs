using System.Runtime.InteropServices;
using Ferry.Sdk.Records;
using Xunit;

namespace Ferry.Connectors.Tests.Servers;

/// <summary>Field-by-field record comparison with messages that name the record and field; vectors compare bit for bit.</summary>
public static class RecordAssert
{
    /// <summary>Asserts that id, text, title, vectors (bit-exact), sparse vectors, metadata (kind and value), record type, collection and relationships are equal.</summary>
    public static void Equal(Record expected, Record actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var id = expected.Id;
        Assert.True(expected.Id == actual.Id, $"id: expected '{expected.Id}', got '{actual.Id}'");
        Assert.True(expected.Text == actual.Text, $"{id}: text differs: expected '{expected.Text}', got '{actual.Text}'");
        Assert.True(expected.Title == actual.Title, $"{id}: title differs: expected '{expected.Title}', got '{actual.Title}'");
        Assert.True(expected.RecordType == actual.RecordType, $"{id}: record type expected '{expected.RecordType}', got '{actual.RecordType}'");
        Assert.True(expected.Collection == actual.Collection, $"{id}: collection expected '{expected.Collection}', got '{actual.Collection}'");
        Assert.True(expected.Relationships.SequenceEqual(actual.Relationships), $"{id}: relationships differ");

        Assert.True(
            expected.Vectors.Count == actual.Vectors.Count,
            $"{id}: expected vectors [{string.Join(", ", expected.Vectors.Keys)}], got [{string.Join(", ", actual.Vectors.Keys)}]");
        foreach (var (name, vector) in expected.Vectors)
        {
            Assert.True(actual.Vectors.TryGetValue(name, out var other), $"{id}: vector '{name}' missing");
            VectorBitsEqual(vector, other!, $"{id}: vector '{name}'");
        }

        Assert.True(expected.Sparse.Count == actual.Sparse.Count, $"{id}: sparse vector count differs");
        foreach (var (name, sparse) in expected.Sparse)
        {
            Assert.True(actual.Sparse.TryGetValue(name, out var other) && sparse.Equals(other), $"{id}: sparse vector '{name}' differs");
        }

        MetadataEqual(expected.Metadata, actual.Metadata, id);
    }

    /// <summary>Asserts equal metadata: same keys, each value of the same kind and value (floats bit for bit).</summary>
    public static void MetadataEqual(IReadOnlyDictionary<string, MetadataValue> expected, IReadOnlyDictionary<string, MetadataValue> actual, string id)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        foreach (var (key, value) in expected)
        {
            Assert.True(actual.TryGetValue(key, out var other), $"{id}: metadata '{key}' missing (expected {value.Kind} {value})");
            Assert.True(value.Equals(other), $"{id}: metadata '{key}': expected {value.Kind} {value}, got {other!.Kind} {other}");
        }

        foreach (var key in actual.Keys)
        {
            Assert.True(expected.ContainsKey(key), $"{id}: unexpected metadata '{key}' = {actual[key]}");
        }
    }

    /// <summary>Asserts two float32 vectors have the same bits.</summary>
    public static void VectorBitsEqual(float[] expected, float[] actual, string what)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Assert.True(expected.Length == actual.Length, $"{what}: dimension {actual.Length}, expected {expected.Length}");
        var a = MemoryMarshal.Cast<float, int>(expected);
        var b = MemoryMarshal.Cast<float, int>(actual);
        for (var i = 0; i < a.Length; i++)
        {
            Assert.True(a[i] == b[i], $"{what}: component {i} is {actual[i]:R} (0x{b[i]:X8}), expected {expected[i]:R} (0x{a[i]:X8})");
        }
    }
}
