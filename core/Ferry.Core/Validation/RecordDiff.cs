using System.Globalization;
using Ferry.Sdk.Records;

namespace Ferry.Core.Validation;

/// <summary>
/// Compares two copies of a record field by field over the same content as <see cref="RecordChecksum"/>
/// (text, title, metadata, dense and sparse vectors) and describes each difference so a person can see
/// what changed: the kind of a metadata value as well as its value, and the first differing component of a
/// vector with its bit pattern.
/// </summary>
public static class RecordDiff
{
    private const int MaxShownChars = 60;

    /// <summary>The differences; empty when the copies are equal in content.</summary>
    public static IReadOnlyList<FieldDifference> Compare(Record expected, Record actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var differences = new List<FieldDifference>();
        CompareText("text", expected.Text, actual.Text, differences);
        CompareText("title", expected.Title, actual.Title, differences);
        CompareObjects("metadata", expected.Metadata, actual.Metadata, differences);
        foreach (var (name, vector) in expected.Vectors)
        {
            if (!actual.Vectors.TryGetValue(name, out var other))
            {
                differences.Add(new FieldDifference($"vectors.{name}", $"{vector.Length} components", "no such vector"));
            }
            else
            {
                CompareVector($"vectors.{name}", vector, other, differences);
            }
        }

        foreach (var name in actual.Vectors.Keys)
        {
            if (!expected.Vectors.ContainsKey(name))
            {
                differences.Add(new FieldDifference($"vectors.{name}", "no such vector", $"{actual.Vectors[name].Length} components"));
            }
        }

        foreach (var (name, sparse) in expected.Sparse)
        {
            if (!actual.Sparse.TryGetValue(name, out var other))
            {
                differences.Add(new FieldDifference($"sparse.{name}", $"{sparse.Count} entries", "no such sparse vector"));
            }
            else if (!sparse.Equals(other))
            {
                differences.Add(new FieldDifference($"sparse.{name}", $"{sparse.Count} entries", $"{other.Count} entries, different indices or values"));
            }
        }

        foreach (var name in actual.Sparse.Keys)
        {
            if (!expected.Sparse.ContainsKey(name))
            {
                differences.Add(new FieldDifference($"sparse.{name}", "no such sparse vector", $"{actual.Sparse[name].Count} entries"));
            }
        }

        return differences;
    }

    /// <summary>Renders a metadata value with its kind: <c>2020 (integer)</c>, <c>"news" (string)</c>.</summary>
    public static string Describe(MetadataValue? value) => value is null
        ? "absent"
        : $"{Shorten(value.ToString())} ({value.Kind.ToString().ToLowerInvariant()})";

    private static void CompareText(string field, string? expected, string? actual, List<FieldDifference> differences)
    {
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            return;
        }

        if (expected is null || actual is null)
        {
            differences.Add(new FieldDifference(field, expected is null ? "absent" : Quote(expected), actual is null ? "absent" : Quote(actual)));
            return;
        }

        var at = 0;
        while (at < expected.Length && at < actual.Length && expected[at] == actual[at])
        {
            at++;
        }

        differences.Add(new FieldDifference(
            field,
            $"{Quote(Around(expected, at))} ({expected.Length} chars)",
            $"{Quote(Around(actual, at))} ({actual.Length} chars, first difference at char {at})"));
    }

    private static void CompareObjects(string path, IReadOnlyDictionary<string, MetadataValue> expected, IReadOnlyDictionary<string, MetadataValue> actual, List<FieldDifference> differences)
    {
        foreach (var (key, value) in expected)
        {
            var field = $"{path}.{key}";
            if (!actual.TryGetValue(key, out var other))
            {
                differences.Add(new FieldDifference(field, Describe(value), "absent"));
            }
            else
            {
                CompareValues(field, value, other, differences);
            }
        }

        foreach (var (key, value) in actual)
        {
            if (!expected.ContainsKey(key))
            {
                differences.Add(new FieldDifference($"{path}.{key}", "absent", Describe(value)));
            }
        }
    }

    private static void CompareValues(string field, MetadataValue expected, MetadataValue actual, List<FieldDifference> differences)
    {
        if (expected.Equals(actual))
        {
            return;
        }

        if (expected.Kind == MetadataKind.Object && actual.Kind == MetadataKind.Object)
        {
            CompareObjects(field, expected.AsObject(), actual.AsObject(), differences);
            return;
        }

        if (expected.Kind == MetadataKind.Array && actual.Kind == MetadataKind.Array && expected.AsArray().Count == actual.AsArray().Count)
        {
            var a = expected.AsArray();
            var b = actual.AsArray();
            for (var i = 0; i < a.Count; i++)
            {
                CompareValues($"{field}[{i}]", a[i], b[i], differences);
            }

            return;
        }

        if (expected.Kind == MetadataKind.Float && actual.Kind == MetadataKind.Float)
        {
            differences.Add(new FieldDifference(
                field,
                $"{Describe(expected)} bits 0x{BitConverter.DoubleToInt64Bits(expected.AsFloat()):X16}",
                $"{Describe(actual)} bits 0x{BitConverter.DoubleToInt64Bits(actual.AsFloat()):X16}"));
            return;
        }

        differences.Add(new FieldDifference(field, Describe(expected), Describe(actual)));
    }

    private static void CompareVector(string field, float[] expected, float[] actual, List<FieldDifference> differences)
    {
        if (expected.Length != actual.Length)
        {
            differences.Add(new FieldDifference(field, $"{expected.Length} components", $"{actual.Length} components"));
            return;
        }

        var first = -1;
        var count = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                count++;
                if (first < 0)
                {
                    first = i;
                }
            }
        }

        if (first < 0)
        {
            return;
        }

        var cosine = Cosine(expected, actual);
        differences.Add(new FieldDifference(
            $"{field}[{first}]",
            $"{expected[first].ToString("R", CultureInfo.InvariantCulture)} (0x{BitConverter.SingleToInt32Bits(expected[first]):X8})",
            $"{actual[first].ToString("R", CultureInfo.InvariantCulture)} (0x{BitConverter.SingleToInt32Bits(actual[first]):X8}); {count} of {expected.Length} components differ, cosine {cosine.ToString("0.########", CultureInfo.InvariantCulture)}"));
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    private static string Around(string text, int at)
    {
        var start = Math.Max(0, at - 20);
        var length = Math.Min(MaxShownChars, text.Length - start);
        var slice = text.Substring(start, length);
        return (start > 0 ? "…" : string.Empty) + slice + (start + length < text.Length ? "…" : string.Empty);
    }

    private static string Quote(string text) => "\"" + Shorten(text) + "\"";

    private static string Shorten(string text) => text.Length <= MaxShownChars ? text : text[..MaxShownChars] + "…";
}
