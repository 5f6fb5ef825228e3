using System.Diagnostics;
using System.Globalization;
using Ferry.Plugins.Postgres.Internal.Writing;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using Xunit;
using Xunit.Abstractions;

namespace Ferry.Connectors.Tests.Postgres;

/// <summary>The sink against PGlite with pgvector (batched INSERT loading: PGlite takes no COPY FROM STDIN).</summary>
[Collection(PgliteCollection.Name)]
public sealed class PgliteSinkTests(PgliteFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task UpsertAsync_CorpusFromSourceThroughSink_ReadsBackEqualRecordByRecord()
    {
        var table = NewTable("copy");
        await using var source = Connectors.Source(fixture.Server.Location(PgCorpus.Table));
        var schema = await source.DescribeAsync(CancellationToken.None);
        var read = Stopwatch.StartNew();
        var original = await Connectors.ReadAllAsync(source, new ReadRequest { BatchSize = 1000 });
        read.Stop();

        var write = Stopwatch.StartNew();
        await using (var sink = Connectors.Sink(fixture.Server.Location(table)))
        {
            await sink.PrepareAsync(schema, new SinkPrepareOptions(), CancellationToken.None);
            Assert.Equal(LoadMode.Insert, ((PostgresSink)sink).EffectiveLoadMode);
            foreach (var batch in original.Records.Chunk(1000))
            {
                var result = await sink.UpsertAsync(batch, CancellationToken.None);
                Assert.Empty(result.Failures);
                Assert.Equal(batch.Length, result.Written);
            }

            await sink.FlushAsync(CancellationToken.None);
            Assert.Equal(PgliteFixture.CorpusRows, await sink.CountAsync(CancellationToken.None));
            var some = await sink.ReadByIdsAsync(["doc-00007", "doc-09999", "missing"], CancellationToken.None).ToListAsync();
            Assert.Equal(["doc-00007", "doc-09999"], some.Select(r => r.Id).Order());
        }

        write.Stop();
        output.WriteLine($"PGlite: read {original.Records.Count} rows in {read.Elapsed.TotalSeconds:F2} s ({original.Records.Count / read.Elapsed.TotalSeconds:F0} rows/s); wrote them (INSERT, 1000/batch) in {write.Elapsed.TotalSeconds:F2} s ({original.Records.Count / write.Elapsed.TotalSeconds:F0} rows/s)");

        await using var back = Connectors.Source(fixture.Server.Location(table));
        var backSchema = await back.DescribeAsync(CancellationToken.None);
        Assert.Equal(schema.Vectors, backSchema.Vectors);
        Assert.Equal(schema.SparseVectors, backSchema.SparseVectors);
        Assert.Equal(schema.Metadata, backSchema.Metadata);
        var again = await Connectors.ReadAllAsync(back, new ReadRequest { BatchSize = 2500 });
        Assert.Empty(again.Failures);
        Assert.Equal(original.Records.Count, again.Records.Count);
        for (var i = 0; i < original.Records.Count; i++)
        {
            PgAssert.Equal(original.Records[i], again.Records[i]);
        }
    }

    [Fact]
    public async Task UpsertAsync_EveryMetadataKindAndOddValue_SurvivesExactly()
    {
        var table = NewTable("kinds");
        var (schema, records) = OddRecords();
        await using (var sink = Connectors.Sink(fixture.Server.Location(table)))
        {
            await sink.PrepareAsync(schema, new SinkPrepareOptions(), CancellationToken.None);
            var result = await sink.UpsertAsync(records, CancellationToken.None);
            Assert.Empty(result.Failures);
            await using var check = Connectors.Source(fixture.Server.Location(table));
            var failures = (await Connectors.ReadAllAsync(check)).Failures;
            Assert.True(failures.Count == 0, string.Join("; ", failures.Select(f => $"{f.RecordId} {f.Field}: {f.Message}")));
            var back = await sink.ReadByIdsAsync(records.Select(r => r.Id).ToList(), CancellationToken.None).ToListAsync();
            Assert.Equal(records.Count, back.Count);
            foreach (var record in records)
            {
                PgAssert.Equal(record, back.Single(r => r.Id == record.Id));
            }
        }

        await using var source = Connectors.Source(fixture.Server.Location(table));
        var read = await Connectors.ReadAllAsync(source);
        foreach (var record in records)
        {
            PgAssert.Equal(record, read.Records.Single(r => r.Id == record.Id));
        }

        // Values that fit their typed column are stored there, the others in the tagged jsonb.
        await using var connection = await fixture.Server.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"SELECT year, metadata::text FROM {table} WHERE id = 'odd-1'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.IsDBNull(0), "a float in an integer field goes to the jsonb column");
        Assert.Contains("\"year\": 2020.5", reader.GetString(1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_BadRows_FailAloneWithTheirIdsAndTheRestIsWritten()
    {
        var table = NewTable("bad");
        var schema = new DatasetSchema { Vectors = [new VectorField(Record.DefaultVectorName, 3, DistanceMetric.Cosine)] };
        await using var sink = Connectors.Sink(fixture.Server.Location(table));
        await sink.PrepareAsync(schema, new SinkPrepareOptions(), CancellationToken.None);
        await fixture.Server.ExecuteAsync($"ALTER TABLE {table} ADD CONSTRAINT no_poison CHECK (text IS DISTINCT FROM 'poison')");

        var records = Enumerable.Range(0, 20).Select(i => new Record($"ok-{i:D2}") { Text = $"fine {i}", Vector = [i, 1, 2] }).ToList();
        records[3] = new Record("bad-nan") { Vector = [1, float.NaN, 2] };
        records[7] = new Record("bad-dim") { Vector = [1, 2] };
        records[9] = new Record("bad-nul") { Text = "a\0b", Vector = [1, 2, 3] };
        records[11] = new Record("bad-inf") { Vector = [float.PositiveInfinity, 0, 0] };
        records[13] = new Record("bad-check") { Text = "poison", Vector = [1, 2, 3] };
        var extra = new Record("bad-vector") { Vector = [1, 2, 3] };
        extra.Vectors["other"] = [1f];
        records[15] = extra;

        var result = await sink.UpsertAsync(records, CancellationToken.None);

        Assert.Equal(["bad-check", "bad-dim", "bad-inf", "bad-nan", "bad-nul", "bad-vector"], result.Failures.Select(f => f.RecordId).Order());
        Assert.All(result.Failures, f => Assert.False(f.IsTransient));
        Assert.Contains("no_poison", result.Failures.Single(f => f.RecordId == "bad-check").Message, StringComparison.Ordinal);
        Assert.Contains("3", result.Failures.Single(f => f.RecordId == "bad-dim").Message, StringComparison.Ordinal);
        Assert.Equal(14, result.Written);
        Assert.Equal(14, await sink.CountAsync(CancellationToken.None));
        var back = await sink.ReadByIdsAsync(records.Select(r => r.Id).ToList(), CancellationToken.None).ToListAsync();
        Assert.Equal(records.Where(r => r.Id.StartsWith("ok-", StringComparison.Ordinal)).Select(r => r.Id), back.Select(r => r.Id).Order());
    }

    [Fact]
    public async Task UpsertAsync_SameIdsTwiceAndWithinABatch_IsIdempotentLastWins()
    {
        var table = NewTable("idem");
        var schema = new DatasetSchema { Vectors = [new VectorField(Record.DefaultVectorName, 2, DistanceMetric.L2)] };
        await using var sink = Connectors.Sink(fixture.Server.Location(table));
        await sink.PrepareAsync(schema, new SinkPrepareOptions(), CancellationToken.None);
        var first = Enumerable.Range(0, 10).Select(i => new Record($"r{i}") { Text = "v1", Vector = [i, 0] }).ToList();
        await sink.UpsertAsync(first, CancellationToken.None);
        await sink.UpsertAsync(first, CancellationToken.None);
        var changed = new List<Record> { new("r1") { Text = "v2", Vector = [9, 9] }, new("r1") { Text = "v3", Vector = [7, 7] } };
        var result = await sink.UpsertAsync(changed, CancellationToken.None);

        Assert.Equal(2, result.Written);
        Assert.Equal(10, await sink.CountAsync(CancellationToken.None));
        var r1 = await sink.ReadByIdsAsync(["r1"], CancellationToken.None).SingleAsync();
        Assert.Equal("v3", r1.Text);
        PgAssert.Bits([7, 7], r1.Vector!, "r1");
    }

    [Fact]
    public async Task PrepareAsync_Halfvec_StoresExactHalvesAndRefusesOthers()
    {
        var table = NewTable("half");
        var schema = new DatasetSchema { Vectors = [new VectorField(Record.DefaultVectorName, 4, DistanceMetric.Cosine)] };
        await using var sink = Connectors.Sink(fixture.Server.Location(table, "vector_type=halfvec"));
        await sink.PrepareAsync(schema, new SinkPrepareOptions(), CancellationToken.None);
        var exact = new Record("exact") { Vector = [0.5f, -2f, 65504f, 0.000061035156f] };
        var inexact = new Record("inexact") { Vector = [0.1f, 0, 0, 1] };
        var result = await sink.UpsertAsync([exact, inexact], CancellationToken.None);

        Assert.Equal("inexact", Assert.Single(result.Failures).RecordId);
        Assert.Equal("halfvec(4)", await fixture.Server.ScalarAsync<string>($"SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '{table}'::regclass AND attname = 'embedding'"));
        var back = await sink.ReadByIdsAsync(["exact"], CancellationToken.None).SingleAsync();
        PgAssert.Bits(exact.Vector!, back.Vector!, "exact");
        await using var source = Connectors.Source(fixture.Server.Location(table));
        Assert.Equal("float16", (await source.DescribeAsync(CancellationToken.None)).Vectors[0].StorageType);
    }

    [Theory]
    [InlineData("hnsw", DistanceMetric.Dot, "vector_ip_ops")]
    [InlineData("ivfflat", DistanceMetric.L2, "vector_l2_ops")]
    [InlineData("hnsw", DistanceMetric.Cosine, "vector_cosine_ops")]
    public async Task DisposeAsync_AfterFlush_BuildsTheIndexWithTheSchemaMetric(string method, DistanceMetric metric, string operatorClass)
    {
        var table = NewTable("idx");
        var schema = new DatasetSchema { Vectors = [new VectorField(Record.DefaultVectorName, PgCorpus.Dimension, metric)] };
        var records = fixture.Corpus.Records.Take(300).Where(r => r.Vectors.ContainsKey("embedding"))
            .Select(r => new Record(r.Id) { Text = r.Text, Vector = r.Vectors["embedding"] }).ToList();
        var sink = Connectors.Sink(fixture.Server.Location(table, "index=" + method));
        await sink.PrepareAsync(schema, new SinkPrepareOptions(), CancellationToken.None);
        await sink.UpsertAsync(records, CancellationToken.None);
        Assert.Equal(0L, await fixture.Server.ScalarAsync<long>($"SELECT count(*) FROM pg_indexes WHERE tablename = '{table}' AND indexdef LIKE '%USING {method}%'"));
        await sink.FlushAsync(CancellationToken.None);
        await sink.DisposeAsync();

        // (indexdef leaves out an operator class that is the method's default, so ask pg_index.)
        Assert.Equal(operatorClass, await fixture.Server.ScalarAsync<string>($"""
            SELECT o.opcname::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
            JOIN pg_opclass o ON o.oid = i.indclass[0] WHERE i.indrelid = '{table}'::regclass AND a.amname = '{method}'
            """));

        // The source sees the index and reports its metric; search answers through it.
        await using var source = Connectors.Source(fixture.Server.Location(table));
        Assert.Equal(metric, (await source.DescribeAsync(CancellationToken.None)).Vectors[0].Metric);
        await using var reader = Connectors.Sink(fixture.Server.Location(table));
        Assert.True(reader.CanSearch);
        var hits = await reader.SearchAsync(new SearchRequest(Record.DefaultVectorName, records[0].Vector!, 5), CancellationToken.None);
        Assert.NotEmpty(hits);
        if (metric != DistanceMetric.Dot)
        {
            Assert.Equal(records[0].Id, hits[0].Id);
        }
    }

    [Fact]
    public async Task PrepareAsync_ExistingTableNotCreatedByFerry_IsRefused()
    {
        await using var sink = Connectors.Sink(fixture.Server.Location(PgCorpus.Table));
        var error = await Assert.ThrowsAsync<ConnectorConfigurationException>(() =>
            sink.PrepareAsync(new DatasetSchema(), new SinkPrepareOptions(), CancellationToken.None).AsTask());
        Assert.Contains("not created by Ferry", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareAsync_OverwriteTruncatesButResumeKeeps()
    {
        var table = NewTable("over");
        var schema = new DatasetSchema { Vectors = [new VectorField(Record.DefaultVectorName, 2, DistanceMetric.Cosine)] };
        await using (var sink = Connectors.Sink(fixture.Server.Location(table)))
        {
            await sink.PrepareAsync(schema, new SinkPrepareOptions(), CancellationToken.None);
            await sink.UpsertAsync([new Record("a") { Vector = [1, 2] }], CancellationToken.None);
        }

        await using (var sink = Connectors.Sink(fixture.Server.Location(table)))
        {
            await sink.PrepareAsync(schema, new SinkPrepareOptions { Overwrite = true, Resuming = true }, CancellationToken.None);
            Assert.Equal(1, await sink.CountAsync(CancellationToken.None));
        }

        await using (var sink = Connectors.Sink(fixture.Server.Location(table)))
        {
            await sink.PrepareAsync(schema, new SinkPrepareOptions { Overwrite = true }, CancellationToken.None);
            Assert.Equal(0, await sink.CountAsync(CancellationToken.None));
        }

        await using var wrongDimension = Connectors.Sink(fixture.Server.Location(table));
        var error = await Assert.ThrowsAsync<ConnectorConfigurationException>(() => wrongDimension.PrepareAsync(
            new DatasetSchema { Vectors = [new VectorField(Record.DefaultVectorName, 3, DistanceMetric.Cosine)] }, new SinkPrepareOptions(), CancellationToken.None).AsTask());
        Assert.Contains("2 dimensions", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Records with every metadata kind and the values that are hard to keep exactly.</summary>
    internal static (DatasetSchema Schema, List<Record> Records) OddRecords()
    {
        var schema = new DatasetSchema
        {
            Vectors = [new VectorField(Record.DefaultVectorName, 4, DistanceMetric.Cosine), new VectorField("image", 2, DistanceMetric.L2)],
            SparseVectors = ["terms"],
            HasTitle = true,
            Metadata =
            [
                new MetadataField("year", MetadataKind.Integer),
                new MetadataField("score", MetadataKind.Float),
                new MetadataField("price", MetadataKind.Decimal),
                new MetadataField("name", MetadataKind.String),
                new MetadataField("at", MetadataKind.Timestamp),
                new MetadataField("flag", MetadataKind.Bool),
                new MetadataField("raw", MetadataKind.Bytes),
                new MetadataField("tags", MetadataKind.Array) { ItemKind = MetadataKind.String },
                new MetadataField("counts", MetadataKind.Array) { ItemKind = MetadataKind.Integer },
                new MetadataField("mixed", null),
                new MetadataField("nested", MetadataKind.Object),
                new MetadataField("id", MetadataKind.String),
                new MetadataField("metadata", MetadataKind.Integer),
            ],
        };
        var floats = new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, 1e300, 5e-324, 1.0, 0.1, -123456.789, 1e-7, 2.5e15, double.MaxValue };
        var records = new List<Record>();
        for (var i = 0; i < floats.Length; i++)
        {
            var record = new Record($"odd-{i}")
            {
                Text = i % 3 == 0 ? null : $"text {i} 🚀 \"quoted\" \\ back",
                Title = i % 4 == 0 ? null : $"Title {i}",
                RecordType = i % 5 == 0 ? RecordTypes.Chunk : RecordTypes.Document,
                Collection = i % 2 == 0 ? "c" + i.ToString(CultureInfo.InvariantCulture) : null,
                Source = i % 6 == 0 ? null : new RecordSource("frame", i % 2 == 0 ? null : "ds.frame", "orig-" + i.ToString(CultureInfo.InvariantCulture)),
                Vector = [-0f, 1e-40f, float.Epsilon, 3.4e38f],
            };
            if (i % 2 == 1)
            {
                record.Vectors["image"] = [i, -i];
            }

            if (i % 3 != 2)
            {
                record.Sparse["terms"] = new SparseVector([(uint)i, 500u + (uint)i, 999_999u], [0.5f, -1e-30f, 3f]);
            }

            var m = record.Metadata;
            m["score"] = floats[i];
            m["year"] = i == 1 ? MetadataValue.FromFloat(2020.5) : MetadataValue.FromInteger(long.MinValue + i);
            m["price"] = MetadataValue.FromDecimal(i switch { 0 => 1.50m, 1 => -0.0001m, 2 => decimal.MaxValue, 3 => 0.0000000000000000000000000001m, _ => i * 1.1m });
            m["name"] = i switch { 0 => "nul\0inside", 1 => "lone \ud800 surrogate", 2 => string.Empty, _ => "naïve café 東京 ✓" };
            m["at"] = i switch
            {
                0 => MetadataValue.FromTimestamp(new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.FromHours(5.5))),
                1 => MetadataValue.FromTimestamp(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1)),
                2 => MetadataValue.FromTimestamp(new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero)),
                _ => MetadataValue.FromTimestamp(new DateTimeOffset(2001, 9, 9, 1, 46, 40, TimeSpan.Zero).AddTicks(i * 10)),
            };
            m["flag"] = i % 2 == 0;
            m["raw"] = MetadataValue.FromBytes(i == 0 ? [] : [0, 255, (byte)i]);
            m["tags"] = i == 2 ? MetadataValue.FromArray([]) : MetadataValue.FromArray([MetadataValue.FromString("a"), MetadataValue.Null, MetadataValue.FromString("z" + i)]);
            m["counts"] = i == 3 ? MetadataValue.FromArray([MetadataValue.FromInteger(1), MetadataValue.FromFloat(2.0)]) : MetadataValue.FromArray([MetadataValue.FromInteger(i), MetadataValue.Null]);
            m["mixed"] = i % 2 == 0 ? MetadataValue.FromInteger(i) : MetadataValue.FromString("s");
            m["nested"] = MetadataValue.FromObject(
            [
                new("$ferry", MetadataValue.FromString("not a tag")),
                new("deep", MetadataValue.FromObject([new("x", MetadataValue.FromFloat(1.0)), new("y", MetadataValue.FromArray([MetadataValue.FromDecimal(2.50m), MetadataValue.FromBytes([1])]))])),
            ]);
            m["id"] = "a metadata field called id";
            m["metadata"] = (long)i;
            m["explicit_null"] = MetadataValue.Null;
            if (i % 2 == 0)
            {
                m["undeclared"] = MetadataValue.FromTimestamp(DateTimeOffset.UnixEpoch);
            }

            record.Relationships.Add(new Relationship(RelationshipKinds.Parent, "odd-0"));
            record.Relationships.Add(new Relationship("cites", "elsewhere/" + i.ToString(CultureInfo.InvariantCulture)));
            records.Add(record);
        }

        return (schema, records);
    }

    private static string NewTable(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N")[..10];
}
