using Ferry.Core.Validation;
using Ferry.Sdk.Records;
using Xunit;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Core.Tests.Validation;

public sealed class RecordDiffTests
{
    /// <summary>A record with the fields the diffs below change: text, a vector, an integer, bytes and a nested object.</summary>
    private static Record Sample()
    {
        var record = new Record("a") { Text = "hello", Vector = [0.25f, -1.5f, 3f] };
        record.Metadata["year"] = 2020L;
        record.Metadata["blob"] = MetadataValue.FromBytes([1, 2, 3]);
        record.Metadata["nested"] = MetadataValue.FromObject([new("b", 1L), new("a", "x")]);
        return record;
    }

    [Fact]
    public void Diff_IntegerBecameFloat_SaysSoWithKinds()
    {
        var expected = Sample();
        var actual = Sample();
        actual.Metadata["year"] = 2020.0;
        actual.Vector![2] = 3.0000002f;

        var differences = RecordDiff.Compare(expected, actual);

        Assert.Equal(2, differences.Count);
        Assert.Contains(differences, d => d.Field == "metadata.year" && d.Expected == "2020 (integer)" && d.Actual == "2020 (float)");
        var vector = Assert.Single(differences, d => d.Field == "vectors.default[2]");
        Assert.Contains("0x40400000", vector.Expected, StringComparison.Ordinal);
        Assert.Contains("1 of 3 components differ", vector.Actual, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_MissingAndNestedFields_NamesThePath()
    {
        var expected = Sample();
        var actual = Sample();
        actual.Metadata.Remove("blob");
        actual.Metadata["nested"] = MetadataValue.FromObject([new("b", 2L), new("a", "x")]);
        actual.Text = "hellO";

        var differences = RecordDiff.Compare(expected, actual).Select(d => d.ToString()).ToList();

        Assert.Contains(differences, d => d.StartsWith("metadata.blob: expected 0x010203 (bytes), got absent", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("metadata.nested.b: expected 1 (integer), got 2 (integer)", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.Contains("first difference at char 4", StringComparison.Ordinal));
        Assert.Empty(RecordDiff.Compare(Sample(), Sample()));
    }
}
