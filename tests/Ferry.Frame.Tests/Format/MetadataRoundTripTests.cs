using Ferry.Arrow;
using Ferry.Frame.Tests.Support;
using Ferry.Sdk.Records;
using Xunit;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Frame.Tests.Format;

/// <summary>Every metadata kind, through a real dataset on disk, comes back exactly; typed columns where the kinds agree.</summary>
public sealed class MetadataRoundTripTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Upsert_EveryKindAsUniformFields_RoundTripsExactlyWithTypedColumns()
    {
        var plus2 = TimeSpan.FromHours(2);
        var records = new List<Record>();
        for (var i = 0; i < 6; i++)
        {
            var record = new Record("r" + i) { Text = i == 0 ? string.Empty : i == 1 ? null : "ünï 😀 " + i, Title = i % 2 == 0 ? "t" + i : null };
            record.Metadata["bool"] = i % 2 == 0;
            record.Metadata["int"] = i == 0 ? long.MinValue : i == 1 ? long.MaxValue : i * 7L;
            record.Metadata["float"] = i switch
            {
                0 => -0.0,
                1 => double.NaN,
                2 => BitConverter.Int64BitsToDouble(0x7FF0000000000ABC),
                3 => double.NegativeInfinity,
                4 => double.Epsilon,
                _ => 0.1 + 0.2,
            };
            record.Metadata["string"] = i == 0 ? string.Empty : "ünïcødé " + i;
            record.Metadata["bytes"] = MetadataValue.FromBytes(i == 0 ? [] : [(byte)i, 0, 255]);
            record.Metadata["time"] = new DateTimeOffset(2024, 1, 1 + i, 10, 0, 0, i % 2 == 0 ? TimeSpan.Zero : plus2).AddTicks(i * 10);
            record.Metadata["tags"] = MetadataValue.FromArray(i == 0 ? [] : ["a", "b" + i + " ü 😀"]);
            record.Metadata["nested"] = MetadataValue.FromObject(
            [
                new("name", "n" + i),
                new("deep", MetadataValue.FromObject([new("level", (long)i), new("when", new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero))])),
                new("list", MetadataValue.FromArray([MetadataValue.FromObject([new("k", (long)i)])])),
            ]);
            if (i % 3 == 0)
            {
                record.Metadata["sometimes"] = "only every third";
            }

            record.Metadata["nulls"] = MetadataValue.Null;
            records.Add(record);
        }

        // An explicit null and an absent key in the same typed column.
        records[4].Metadata["int"] = MetadataValue.Null;
        records[5].Metadata.Remove("int");
        records[2].Metadata["time"] = MetadataValue.Null;

        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(2), TestRecords.FastOptions);
        await dataset.UpsertAsync(records);
        var read = await TestRecords.ReadAllAsync(dataset);

        for (var i = 0; i < records.Count; i++)
        {
            TestRecords.AssertSame(records[i], read[i]);
        }

        var schema = ReadFragmentSchema();
        Assert.Equal(ArrowType.Boolean, schema.GetField("metadata.bool").Type);
        Assert.Equal(ArrowType.Int64, schema.GetField("metadata.int").Type);
        Assert.Equal(ArrowType.Float64, schema.GetField("metadata.float").Type);
        Assert.Equal(ArrowType.Utf8, schema.GetField("metadata.string").Type);
        Assert.Equal(ArrowType.Binary, schema.GetField("metadata.bytes").Type);
        Assert.Equal(ArrowType.Timestamp(TimeUnit.Microsecond, "UTC"), schema.GetField("metadata.time").Type);
        Assert.Equal(ArrowTypeId.List, schema.GetField("metadata.tags").Type.TypeId);
        Assert.Equal(ArrowTypeId.Struct, schema.GetField("metadata.nested").Type.TypeId);
        Assert.Equal(ArrowType.Null, schema.GetField("metadata.nulls").Type);
        Assert.True(schema.GetFieldIndex("metadata_null.int") >= 0);
        Assert.True(schema.GetFieldIndex("metadata_offset.time") >= 0);
        Assert.False(schema.GetField("metadata.int").Metadata.ContainsKey("ferry.encoding"));
        AssertChecksums(dataset, records, read);

        var kinds = dataset.Schema.Metadata.ToDictionary(m => m.Name, m => m.Kind);
        Assert.Equal(MetadataKind.Integer, kinds["int"]);
        Assert.Equal(MetadataKind.Timestamp, kinds["time"]);
        Assert.Equal(MetadataKind.Null, kinds["nulls"]);
    }

    [Fact]
    public async Task Upsert_VaryingKindsDecimalsAndSubMicrosecond_UseTaggedJsonAndRoundTrip()
    {
        var records = new List<Record>();
        MetadataValue[] mixed = [1L, "one", 1.0, MetadataValue.True, MetadataValue.FromArray([1L, "x"]), MetadataValue.FromObject([new("a", MetadataValue.Null)])];
        for (var i = 0; i < mixed.Length; i++)
        {
            var record = new Record("m" + i);
            record.Metadata["mixed"] = mixed[i];
            record.Metadata["decimal"] = i == 0 ? MetadataValue.FromDecimal(new decimal(0, 0, 0, true, 3)) : MetadataValue.FromDecimal(1.10m * i);
            record.Metadata["ticks"] = new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.FromMinutes(-210)).AddTicks(i + 1);
            record.Metadata["list_with_null"] = MetadataValue.FromArray([1L, MetadataValue.Null]);
            record.Metadata["empty_object"] = MetadataValue.FromObject([]);
            if (i == 2)
            {
                record.Metadata["mixed"] = MetadataValue.Null;
            }

            records.Add(record);
        }

        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(2), TestRecords.FastOptions);
        await dataset.UpsertAsync(records);
        var read = await TestRecords.ReadAllAsync(dataset);
        for (var i = 0; i < records.Count; i++)
        {
            TestRecords.AssertSame(records[i], read[i]);
        }

        var schema = ReadFragmentSchema();
        AssertChecksums(dataset, records, read);
        foreach (var key in new[] { "mixed", "decimal", "ticks", "list_with_null", "empty_object" })
        {
            var field = schema.GetField("metadata." + key);
            Assert.Equal(ArrowType.Utf8, field.Type);
            Assert.Equal("tagged-json", field.Metadata["ferry.encoding"]);
        }

        var kinds = dataset.Schema.Metadata.ToDictionary(m => m.Name, m => m.Kind);
        Assert.Null(kinds["mixed"]);
        Assert.Equal(MetadataKind.Decimal, kinds["decimal"]);
    }

    [Fact]
    public async Task Upsert_AllRecordFields_RoundTripBitExact()
    {
        var record = new Record("full")
        {
            Text = "the text",
            Title = "the title",
            RecordType = RecordTypes.Chunk,
            Collection = "library",
            Source = new RecordSource("chroma", "docs", "orig-1"),
        };
        record.Vectors["default"] = [1.5f, -0.0f, float.NaN, BitConverter.Int32BitsToSingle(0x7FC00123), float.Epsilon, float.MaxValue];
        record.Vectors["image"] = [0.25f, 0.5f];
        record.Sparse["bm25"] = new SparseVector([1u, 7u, 4_000_000_000u], [0.5f, -1f, 3f]);
        record.Relationships.Add(new Relationship(RelationshipKinds.Parent, "doc-1"));
        record.Relationships.Add(new Relationship("custom", "doc-2"));
        var bare = new Record("bare");
        bare.Vectors["default"] = [0f, 0f, 0f, 0f, 0f, 1f];

        var schema = new Ferry.Sdk.Schema.DatasetSchema { Vectors = [new("default", 6, Ferry.Sdk.Schema.DistanceMetric.Dot)] };
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), schema, TestRecords.FastOptions);
        await dataset.UpsertAsync([record, bare]);
        var read = await TestRecords.ReadAllAsync(dataset);

        TestRecords.AssertSame(record, read[0]);
        TestRecords.AssertSame(bare, read[1]);
        AssertChecksums(dataset, [record, bare], read);
        Assert.Equal(2, dataset.Schema.Vectors.Count);
        Assert.Equal(["bm25"], dataset.Schema.SparseVectors);
    }

    /// <summary>
    /// The checksums hashed from the columns in place (what full validation reads back) equal those of the records read
    /// back and of the records written; an unknown id is left out.
    /// </summary>
    private static void AssertChecksums(FrameDataset dataset, List<Record> written, List<Record> read)
    {
        var checksums = dataset.GetChecksums([.. written.Select(r => r.Id), "no-such-id"]);

        Assert.Equal(written.Count, checksums.Count);
        for (var i = 0; i < written.Count; i++)
        {
            Assert.Equal(RecordChecksum.Compute128(read[i]), checksums[written[i].Id]);
            Assert.Equal(RecordChecksum.Compute128(written[i]), checksums[written[i].Id]);
        }
    }

    private Schema ReadFragmentSchema()
    {
        var file = Directory.GetFiles(System.IO.Path.Combine(_temp.Dataset(), "data"), "*.arrow").Single();
        using var reader = ArrowFileReader.OpenFile(file);
        return reader.Schema;
    }
}
