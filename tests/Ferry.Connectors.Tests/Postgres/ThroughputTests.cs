using System.Diagnostics;
using Ferry.Plugins.Postgres.Internal.Writing;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using Xunit;
using Xunit.Abstractions;

namespace Ferry.Connectors.Tests.Postgres;

/// <summary>
/// Read and write rates on PostgreSQL 15 with records shaped like the shared benchmark corpus (10,000 records,
/// 384 dimensions, six metadata fields), printed for docs/performance.md; asserts only that every record made it.
/// </summary>
[Collection(Postgres15Collection.Name)]
public sealed class ThroughputTests(Postgres15Fixture fixture, ITestOutputHelper output)
{
    private const int Records = 10_000;
    private const int Dimension = 384;

    [Theory]
    [InlineData("copy")]
    [InlineData("insert")]
    public async Task BenchShapedRecords_WriteThenRead_RatesPrinted(string load)
    {
        var records = BenchRecords();
        var schema = new DatasetSchema
        {
            Vectors = [new VectorField(Record.DefaultVectorName, Dimension, DistanceMetric.Cosine)],
            HasTitle = true,
            Metadata =
            [
                new MetadataField("category", MetadataKind.String), new MetadataField("year", MetadataKind.Integer),
                new MetadataField("tags", MetadataKind.Array) { ItemKind = MetadataKind.String }, new MetadataField("author", MetadataKind.String),
                new MetadataField("published", MetadataKind.Timestamp), new MetadataField("score", MetadataKind.Float),
            ],
        };
        // The client's share of a write: checking and encoding every record (what UpsertAsync does before sending).
        var encoder = new RowEncoder(Ferry.Plugins.Postgres.Internal.Mapping.TableLayout.Plan(schema, Ferry.Plugins.Postgres.Internal.Mapping.VectorStorage.Real, 1000));
        var encode = Stopwatch.StartNew();
        foreach (var record in records)
        {
            Assert.NotNull(encoder.Encode(record).Row);
        }

        encode.Stop();
        var table = "bench_" + load + "_" + Guid.NewGuid().ToString("N")[..8];
        var sink = Connectors.Sink(fixture.Server.Location(table, "load=" + load + "&vector_type=real"));
        await sink.PrepareAsync(schema, new SinkPrepareOptions(), CancellationToken.None);
        var write = Stopwatch.StartNew();
        foreach (var batch in records.Chunk(1000))
        {
            Assert.Empty((await sink.UpsertAsync(batch, CancellationToken.None)).Failures);
        }

        write.Stop();
        Assert.Equal(Records, await sink.CountAsync(CancellationToken.None));
        await sink.DisposeAsync();

        await using var source = Connectors.Source(fixture.Server.Location(table));
        var read = Stopwatch.StartNew();
        var count = 0;
        await foreach (var batch in source.ReadAsync(new ReadRequest { BatchSize = 1000 }, CancellationToken.None))
        {
            count += batch.Records.Count;
        }

        read.Stop();
        Assert.Equal(Records, count);
        output.WriteLine($"PostgreSQL 15, {Records} records x {Dimension} dims, batch 1000: write ({load}) {Records / write.Elapsed.TotalSeconds:F0} rec/s ({write.Elapsed.TotalSeconds:F2} s, of which checking+encoding {encode.Elapsed.TotalSeconds:F2} s), read {Records / read.Elapsed.TotalSeconds:F0} rec/s ({read.Elapsed.TotalSeconds:F2} s)");
    }

    private static List<Record> BenchRecords()
    {
        var random = new Random(7);
        var categories = new[] { "science", "history", "art", "sports" };
        var list = new List<Record>(Records);
        for (var i = 0; i < Records; i++)
        {
            var vector = new float[Dimension];
            for (var d = 0; d < Dimension; d++)
            {
                vector[d] = (float)((random.NextDouble() * 2) - 1);
            }

            var record = new Record("doc-" + i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture))
            {
                Title = "Title " + i,
                Text = "Some text of a document, with a few words in it, number " + i,
                Vector = vector,
            };
            record.Metadata["category"] = categories[i % categories.Length];
            record.Metadata["year"] = 1990L + (i % 35);
            record.Metadata["tags"] = MetadataValue.FromArray([MetadataValue.FromString("t" + (i % 7)), MetadataValue.FromString("t" + (i % 3))]);
            record.Metadata["author"] = "Author " + (i % 50);
            record.Metadata["published"] = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i);
            record.Metadata["score"] = random.NextDouble();
            list.Add(record);
        }

        return list;
    }
}
