using System.Runtime.InteropServices;
using Ferry.Sdk.Records;
using Xunit.Sdk;

namespace Ferry.Sdk.Testing;

/// <summary>
/// Bit-exact comparison of records: ids, text, title, record type, collection, every dense vector (float32 bits),
/// sparse vectors, metadata values with their kinds, relationships and provenance. A failure names the record and the
/// field that differs.
/// </summary>
public static class RecordAssert
{
    /// <summary>Fails unless the two records are equal field by field, vectors bit for bit, metadata type for type.</summary>
    public static void Equal(Record expected, Record actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var problems = Differences(expected, actual);
        if (problems.Count > 0)
        {
            throw new XunitException($"Record '{expected.Id}' differs:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems));
        }
    }

    /// <summary>Fails unless both lists hold the same records by id (order ignored), each equal as in <see cref="Equal(Record, Record)"/>.</summary>
    public static void EquivalentById(IEnumerable<Record> expected, IEnumerable<Record> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var actualById = new Dictionary<string, Record>(StringComparer.Ordinal);
        foreach (var record in actual)
        {
            if (!actualById.TryAdd(record.Id, record))
            {
                throw new XunitException($"Record id '{record.Id}' occurs more than once.");
            }
        }

        var missing = new List<string>();
        var problems = new List<string>();
        var expectedIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in expected)
        {
            expectedIds.Add(record.Id);
            if (!actualById.TryGetValue(record.Id, out var other))
            {
                missing.Add(record.Id);
                continue;
            }

            foreach (var difference in Differences(record, other))
            {
                problems.Add($"'{record.Id}': {difference}");
            }
        }

        var unexpected = actualById.Keys.Where(id => !expectedIds.Contains(id)).ToList();
        if (missing.Count > 0)
        {
            problems.Insert(0, $"missing {missing.Count} record(s): {Sample(missing)}");
        }

        if (unexpected.Count > 0)
        {
            problems.Insert(0, $"{unexpected.Count} unexpected record(s): {Sample(unexpected)}");
        }

        if (problems.Count > 0)
        {
            throw new XunitException("Records differ:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", problems.Take(50)));
        }
    }

    /// <summary>The differences between two records, one readable line each (empty when equal).</summary>
    public static IReadOnlyList<string> Differences(Record expected, Record actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var problems = new List<string>();
        Compare("id", expected.Id, actual.Id, problems);
        Compare("text", expected.Text, actual.Text, problems);
        Compare("title", expected.Title, actual.Title, problems);
        Compare("record type", expected.RecordType, actual.RecordType, problems);
        Compare("collection", expected.Collection, actual.Collection, problems);
        foreach (var (name, vector) in expected.Vectors)
        {
            if (!actual.Vectors.TryGetValue(name, out var other))
            {
                problems.Add($"vector '{name}' is missing");
            }
            else if (vector.Length != other.Length)
            {
                problems.Add($"vector '{name}' has dimension {other.Length}, expected {vector.Length}");
            }
            else if (!MemoryMarshal.AsBytes(vector.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(other.AsSpan())))
            {
                var at = FirstDifference(vector, other);
                problems.Add($"vector '{name}' differs at [{at}]: expected {vector[at]:R} (0x{BitConverter.SingleToInt32Bits(vector[at]):X8}), actual {other[at]:R} (0x{BitConverter.SingleToInt32Bits(other[at]):X8})");
            }
        }

        foreach (var name in actual.Vectors.Keys.Where(k => !expected.Vectors.ContainsKey(k)))
        {
            problems.Add($"unexpected vector '{name}'");
        }

        foreach (var (name, sparse) in expected.Sparse)
        {
            if (!actual.Sparse.TryGetValue(name, out var other))
            {
                problems.Add($"sparse vector '{name}' is missing");
            }
            else if (!sparse.Equals(other))
            {
                problems.Add($"sparse vector '{name}' differs ({sparse.Count} entries expected, {other.Count} actual, or different indices/values)");
            }
        }

        foreach (var name in actual.Sparse.Keys.Where(k => !expected.Sparse.ContainsKey(k)))
        {
            problems.Add($"unexpected sparse vector '{name}'");
        }

        foreach (var (key, value) in expected.Metadata)
        {
            if (!actual.Metadata.TryGetValue(key, out var other))
            {
                problems.Add($"metadata '{key}' is missing (expected {value.Kind} {value})");
            }
            else if (!value.Equals(other))
            {
                problems.Add($"metadata '{key}': expected {value.Kind} {value}, actual {other.Kind} {other}");
            }
        }

        foreach (var key in actual.Metadata.Keys.Where(k => !expected.Metadata.ContainsKey(k)))
        {
            problems.Add($"unexpected metadata '{key}' = {actual.Metadata[key]}");
        }

        if (!expected.Relationships.SequenceEqual(actual.Relationships))
        {
            problems.Add($"relationships: expected [{string.Join(", ", expected.Relationships)}], actual [{string.Join(", ", actual.Relationships)}]");
        }

        if (!Equals(expected.Source, actual.Source))
        {
            problems.Add($"source: expected {expected.Source?.ToString() ?? "none"}, actual {actual.Source?.ToString() ?? "none"}");
        }

        return problems;
    }

    private static void Compare(string field, string? expected, string? actual, List<string> problems)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            problems.Add($"{field}: expected {Quote(expected)}, actual {Quote(actual)}");
        }
    }

    private static string Quote(string? value) => value is null ? "null" : $"\"{value}\"";

    private static int FirstDifference(float[] a, float[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(a[i]) != BitConverter.SingleToInt32Bits(b[i]))
            {
                return i;
            }
        }

        return 0;
    }

    private static string Sample(List<string> ids) =>
        string.Join(", ", ids.Take(10).Select(id => $"'{id}'")) + (ids.Count > 10 ? $" and {ids.Count - 10} more" : string.Empty);
}
