using System.Text;
using Ferry.Sdk.Records;
using Xunit;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Sdk.Tests.Records;

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

    // The checksum is stored (the checksum log a resumed run compares), so its encoding must never change by accident:
    // values computed before the encoding moved into the SDK and gained a builder.
    [Fact]
    public void Compute_KnownRecords_KeepTheirStoredChecksums()
    {
        var record = Sample();
        record.Text = "h\u00e9llo \U0001F600";

        Assert.Equal("e41fc5ae57032e7093a558ad8166f3a6", RecordChecksum.ComputeHex(record));
        Assert.Equal("344fe3f8bca1ef064b82d10103439e45", RecordChecksum.ComputeContentId(record));
        Assert.Equal("a15ff2f7a7d4e89236fd5bc8a45ebc2b", RecordChecksum.ComputeHex(new Record("e")));
    }

    [Fact]
    public void Builder_SameFieldsAsTheRecordFromUtf8AndTypedCalls_SameChecksum()
    {
        var record = new Record("a") { Text = "caf\u00e9 \U0001F600", Title = null };
        record.Metadata["a-string"] = "\u00fcber";
        record.Metadata["b-int"] = -7L;
        record.Metadata["c-float"] = -0.0;
        record.Metadata["d-bool"] = true;
        record.Metadata["e-when"] = new DateTimeOffset(2021, 7, 17, 1, 2, 3, TimeSpan.FromMinutes(-150));
        record.Metadata["f-list"] = MetadataValue.FromArray(["x", 2L]);
        record.Vectors["dense"] = [1f, float.NaN, -0f];
        record.Sparse["kw"] = new SparseVector([3u, 9u], [0.5f, 2f]);
        var builder = new RecordChecksumBuilder();

        builder.Reset();
        builder.TextUtf8(Encoding.UTF8.GetBytes(record.Text));
        builder.MetadataString("a-string", Encoding.UTF8.GetBytes("\u00fcber"));
        builder.MetadataInteger("b-int", -7L);
        builder.MetadataFloat("c-float", -0.0);
        builder.MetadataBool("d-bool", true);
        builder.MetadataTimestamp("e-when", new DateTimeOffset(2021, 7, 17, 1, 2, 3, TimeSpan.FromMinutes(-150)));
        builder.Metadata("f-list", MetadataValue.FromArray(["x", 2L]));
        builder.Vector("dense", [1f, float.NaN, -0f]);
        builder.Sparse("kw", [3u, 9u], [0.5f, 2f]);

        Assert.Equal(RecordChecksum.Compute128(record), builder.Finish());
    }

    [Fact]
    public void Builder_SkippedSectionsAndReuse_EqualTheRecordsChecksums()
    {
        var builder = new RecordChecksumBuilder();
        builder.Reset();
        builder.Vector("v", [1f]);
        var onlyVector = builder.Finish();
        builder.Reset();
        builder.Title("t");
        builder.Sparse("s", [1u], [1f]);
        var titleAndSparse = builder.Finish();
        builder.Reset();
        var empty = builder.Finish();

        var vectorOnly = new Record("x");
        vectorOnly.Vectors["v"] = [1f];
        Assert.Equal(RecordChecksum.Compute128(vectorOnly), onlyVector);
        var expected = new Record("y") { Title = "t" };
        expected.Sparse["s"] = new SparseVector([1u], [1f]);
        Assert.Equal(RecordChecksum.Compute128(expected), titleAndSparse);
        Assert.Equal(RecordChecksum.Compute128(new Record("z")), empty);
    }

    [Fact]
    public void Builder_ArrayItemByItem_EqualsTheArrayValue()
    {
        var record = new Record("a");
        record.Metadata["tags"] = MetadataValue.FromArray(["x", MetadataValue.Null, "\u00fc", 3L]);
        record.Metadata["z"] = 1L;
        var builder = new RecordChecksumBuilder();
        builder.Reset();

        builder.MetadataArray("tags", 4);
        builder.ArrayString("x"u8);
        builder.ArrayValue(MetadataValue.Null);
        builder.ArrayString(Encoding.UTF8.GetBytes("\u00fc"));
        builder.ArrayValue(3L);
        builder.MetadataInteger("z", 1);

        Assert.Equal(RecordChecksum.Compute128(record), builder.Finish());
    }

    [Fact]
    public void Builder_ArrayItemsMissingOrExtra_AreRefused()
    {
        var builder = new RecordChecksumBuilder();
        builder.Reset();
        builder.MetadataArray("tags", 1);
        Assert.Contains("owes 1 item", Assert.Throws<InvalidOperationException>(() => builder.MetadataInteger("z", 1)).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => builder.Finish());
        builder.ArrayString("x"u8);
        Assert.Throws<InvalidOperationException>(() => builder.ArrayString("y"u8));

        builder.Reset();
        builder.MetadataArray("empty", 0);
        var empty = new Record("e");
        empty.Metadata["empty"] = MetadataValue.FromArray([]);
        Assert.Equal(RecordChecksum.Compute128(empty), builder.Finish());
    }

    [Fact]
    public void Builder_InvalidUtf8_HashesAsTheDecodedString()
    {
        byte[] invalid = [0x61, 0xC3, 0x28, 0xF0, 0x9F, 0x98, 0x62];
        var builder = new RecordChecksumBuilder();
        builder.Reset();
        builder.TextUtf8(invalid);

        Assert.Equal(RecordChecksum.Compute128(new Record("x") { Text = Encoding.UTF8.GetString(invalid) }), builder.Finish());
    }

    [Fact]
    public void Builder_KeysOutOfOrderOrFieldsOutOfOrder_AreRefused()
    {
        var builder = new RecordChecksumBuilder();
        builder.Reset();
        builder.MetadataInteger("b", 1);
        var unordered = Assert.Throws<InvalidOperationException>(() => builder.MetadataInteger("a", 1));
        Assert.Contains("'a' came after 'b'", unordered.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => builder.MetadataInteger("b", 2));

        builder.Reset();
        builder.Vector("v", [1f]);
        var late = Assert.Throws<InvalidOperationException>(() => builder.Text("late"));
        Assert.Contains("text", late.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => builder.Sparse("s", [1u, 2u], [1f]));
    }
}
