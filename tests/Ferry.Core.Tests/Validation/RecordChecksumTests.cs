using Ferry.Core.Validation;
using Ferry.Sdk.Records;
using Xunit;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Core.Tests.Validation;

public sealed class RecordChecksumTests
{
    private static Record Sample()
    {
        var record = new Record("a") { Text = "hello", Title = "t" };
        record.Vector = [0.25f, -1.5f, 3f];
        record.Vectors["other"] = [1f];
        record.Sparse["kw"] = new SparseVector([1u, 5u], [0.5f, 0.25f]);
        record.Metadata["year"] = 2020L;
        record.Metadata["score"] = 0.5;
        record.Metadata["when"] = new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));
        record.Metadata["nested"] = MetadataValue.FromObject([new("b", 1L), new("a", "x")]);
        record.Metadata["list"] = MetadataValue.FromArray([1L, "two", MetadataValue.Null]);
        record.Metadata["blob"] = MetadataValue.FromBytes([1, 2, 3]);
        record.Metadata["price"] = MetadataValue.FromDecimal(12.50m);
        return record;
    }

    [Fact]
    public void Compute_SameContentOtherIdOrKeyOrder_SameChecksum()
    {
        var a = Sample();
        var b = new Record("other-id") { Text = "hello", Title = "t" };
        foreach (var key in a.Metadata.Keys.Reverse())
        {
            b.Metadata[key] = a.Metadata[key];
        }

        b.Vectors["other"] = [1f];
        b.Vector = [0.25f, -1.5f, 3f];
        b.Sparse["kw"] = new SparseVector([1u, 5u], [0.5f, 0.25f]);
        b.Source = new RecordSource("x", "y", "z");
        b.Metadata["nested"] = MetadataValue.FromObject([new("a", "x"), new("b", 1L)]);

        Assert.Equal(RecordChecksum.ComputeHex(a), RecordChecksum.ComputeHex(b));
    }

    [Fact]
    public void Compute128_IsTheSixteenChecksumBytesLittleEndian()
    {
        var record = new Record("a") { Text = "hello", Vector = [0.25f, -1.5f, 3f] };
        record.Metadata["year"] = 2020L;
        Span<byte> bytes = stackalloc byte[RecordChecksum.Size];
        RecordChecksum.Compute(record, bytes);

        var value = RecordChecksum.Compute128(record);

        Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(bytes), value);
        record.Text = "hello!";
        Assert.NotEqual(value, RecordChecksum.Compute128(record));
    }

    public static TheoryData<string> Changes => ["text", "null-text", "title", "int-to-float", "vector-bit", "negative-zero", "timestamp-offset", "decimal-scale", "array-order", "sparse", "extra-field", "string-vs-timestamp", "bytes", "vector-name"];

    [Theory]
    [MemberData(nameof(Changes))]
    public void Compute_AnyContentChange_ChangesTheChecksum(string change)
    {
        var original = Sample();
        var changed = Sample();
        switch (change)
        {
            case "text": changed.Text = "hello!"; break;
            case "null-text": changed.Text = null; original.Text = string.Empty; break;
            case "title": changed.Title = "T"; break;
            case "int-to-float": changed.Metadata["year"] = 2020.0; break;
            case "vector-bit": changed.Vector![1] = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(-1.5f) + 1); break;
            case "negative-zero": original.Vector![0] = 0f; changed.Vector![0] = -0f; break;
            case "timestamp-offset": changed.Metadata["when"] = new DateTimeOffset(2020, 1, 2, 1, 4, 5, TimeSpan.Zero); break;
            case "decimal-scale": changed.Metadata["price"] = MetadataValue.FromDecimal(12.5m); break;
            case "array-order": changed.Metadata["list"] = MetadataValue.FromArray(["two", 1L, MetadataValue.Null]); break;
            case "sparse": changed.Sparse["kw"] = new SparseVector([1u, 6u], [0.5f, 0.25f]); break;
            case "extra-field": changed.Metadata["new"] = MetadataValue.Null; break;
            case "string-vs-timestamp": original.Metadata["when"] = "2020-01-02T03:04:05.0000000+02:00"; break;
            case "bytes": changed.Metadata["blob"] = MetadataValue.FromBytes([1, 2, 4]); break;
            case "vector-name": changed.Vectors.Remove("other"); changed.Vectors["renamed"] = [1f]; break;
        }

        Assert.NotEqual(RecordChecksum.ComputeHex(original), RecordChecksum.ComputeHex(changed));
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
