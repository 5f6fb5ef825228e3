using System.Runtime.InteropServices;
using Ferry.Sdk.Records;
using Xunit;

namespace Ferry.Connectors.Tests.Postgres;

/// <summary>Record equality for the Postgres tests: every field, metadata by kind and value, vectors bit for bit, provenance included.</summary>
public static class PgAssert
{
    public static void Equal(Record expected, Record actual, bool compareSource = true)
    {
        var id = expected.Id;
        Assert.True(expected.Id == actual.Id, $"id: expected '{expected.Id}', got '{actual.Id}'");
        Assert.True(expected.Text == actual.Text, $"{id}: text expected '{expected.Text}', got '{actual.Text}'");
        Assert.True(expected.Title == actual.Title, $"{id}: title expected '{expected.Title}', got '{actual.Title}'");
        Assert.True(expected.RecordType == actual.RecordType, $"{id}: record type expected '{expected.RecordType}', got '{actual.RecordType}'");
        Assert.True(expected.Collection == actual.Collection, $"{id}: collection expected '{expected.Collection}', got '{actual.Collection}'");
        Assert.True(
            expected.Relationships.SequenceEqual(actual.Relationships),
            $"{id}: relationships expected [{string.Join(", ", expected.Relationships)}], got [{string.Join(", ", actual.Relationships)}]");
        if (compareSource)
        {
            Assert.True(Equals(expected.Source, actual.Source), $"{id}: source expected {expected.Source}, got {actual.Source}");
        }

        Assert.True(
            expected.Vectors.Keys.Order().SequenceEqual(actual.Vectors.Keys.Order()),
            $"{id}: vectors expected [{string.Join(", ", expected.Vectors.Keys)}], got [{string.Join(", ", actual.Vectors.Keys)}]");
        foreach (var (name, vector) in expected.Vectors)
        {
            Bits(vector, actual.Vectors[name], $"{id}: vector '{name}'");
        }

        Assert.True(
            expected.Sparse.Keys.Order().SequenceEqual(actual.Sparse.Keys.Order()),
            $"{id}: sparse vectors expected [{string.Join(", ", expected.Sparse.Keys)}], got [{string.Join(", ", actual.Sparse.Keys)}]");
        foreach (var (name, sparse) in expected.Sparse)
        {
            var other = actual.Sparse[name];
            Assert.True(
                sparse.Equals(other),
                $"{id}: sparse '{name}' expected [{string.Join(",", sparse.Indices.ToArray())}]=[{string.Join(",", sparse.Values.ToArray())}], got [{string.Join(",", other.Indices.ToArray())}]=[{string.Join(",", other.Values.ToArray())}]");
        }

        foreach (var (key, value) in expected.Metadata)
        {
            Assert.True(actual.Metadata.TryGetValue(key, out var other), $"{id}: metadata '{key}' missing (expected {value.Kind} {value})");
            Assert.True(value.Equals(other), $"{id}: metadata '{key}': expected {value.Kind} {value}, got {other!.Kind} {other}");
        }

        foreach (var key in actual.Metadata.Keys)
        {
            Assert.True(expected.Metadata.ContainsKey(key), $"{id}: unexpected metadata '{key}' = {actual.Metadata[key]}");
        }
    }

    public static void Bits(float[] expected, float[] actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} dimensions, expected {expected.Length}");
        var a = MemoryMarshal.Cast<float, int>(expected.AsSpan());
        var b = MemoryMarshal.Cast<float, int>(actual.AsSpan());
        for (var i = 0; i < a.Length; i++)
        {
            Assert.True(a[i] == b[i], $"{what}: component {i} expected bits {a[i]:x8}, got {b[i]:x8}");
        }
    }
}
