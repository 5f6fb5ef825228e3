using Ferry.Frame.Tests.Support;
using Ferry.Sdk.Filtering;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using Xunit;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Frame.Tests.Search.Exact;

/// <summary>Exact search against a brute force computed here in double precision: recall must be 1.0.</summary>
public sealed class ExactSearchTests : IDisposable
{
    private const int Dimension = 33;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<DistanceMetric, bool, bool> Cases()
    {
        var data = new TheoryData<DistanceMetric, bool, bool>();
        foreach (var metric in new[] { DistanceMetric.Cosine, DistanceMetric.Dot, DistanceMetric.L2 })
        {
            data.Add(metric, false, false);
            data.Add(metric, true, false);
            data.Add(metric, false, true);
            data.Add(metric, true, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task SearchAsync_AnyMetricFilterAndDeletions_ReturnsTheTrueTopK(DistanceMetric metric, bool withFilter, bool withDeletions)
    {
        // Several fragments, some rows without a vector.
        var options = new FrameDatasetOptions { FlushToDisk = false, MaxRowsPerFragment = 5_000 };
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(Dimension, metric), options);
        var all = await FillAsync(dataset, 12_000, withDeletions ? 800 : 0, (int)metric);
        var filter = withFilter ? FilterParser.Parse("category IN ('news', 'wiki') AND year >= 2005") : null;

        await AssertTrueTopKAsync(dataset, all, metric, filter, queries: 4);
    }

    [Fact]
    public async Task SearchAsync_FragmentLargerThanOneParallelChunk_ReturnsTheTrueTopKForEveryMetric()
    {
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(Dimension), new FrameDatasetOptions { FlushToDisk = false, MaxRowsPerFragment = 100_000 });
        var all = await FillAsync(dataset, 40_000, 1_500, seed: 4);
        var filter = FilterParser.Parse("even = true OR title LIKE 'Title 1%'");

        foreach (var metric in new[] { DistanceMetric.Cosine, DistanceMetric.Dot, DistanceMetric.L2 })
        {
            await AssertTrueTopKAsync(dataset, all, metric, null, queries: 2);
            await AssertTrueTopKAsync(dataset, all, metric, filter, queries: 2);
        }
    }

    private static async Task<Dictionary<string, Record>> FillAsync(FrameDataset dataset, int rows, int deletions, int seed)
    {
        var records = TestRecords.Make(0, rows, Dimension, seed: seed);
        records[17].Vectors.Clear();
        records[rows - 100].Vectors.Clear();
        await dataset.AppendAsync(records);
        var extra = TestRecords.Make(rows, 1_000, Dimension, seed: seed + 1);
        await dataset.AppendAsync(extra);
        var all = records.Concat(extra).ToDictionary(r => r.Id);
        if (deletions > 0)
        {
            var random = new Random(seed);
            var doomed = Enumerable.Range(0, deletions).Select(_ => "doc-" + random.Next(rows + 1_000)).Distinct().ToList();
            await dataset.DeleteAsync(doomed);
            foreach (var id in doomed)
            {
                all.Remove(id);
            }
        }

        Assert.Equal(all.Count, dataset.Count);
        return all;
    }

    private static async Task AssertTrueTopKAsync(FrameDataset dataset, Dictionary<string, Record> all, DistanceMetric metric, FilterExpression? filter, int queries)
    {
        const int K = 25;
        var queryRandom = new Random(11);
        for (var q = 0; q < queries; q++)
        {
            var query = TestRecords.RandomVector(queryRandom, Dimension);
            var hits = await dataset.SearchAsync(new FrameSearchRequest(query, K) { Filter = filter, Metric = metric, Columns = ["metadata", "title"] });

            var expected = BruteForce(all.Values, query, metric, filter, K);
            Assert.Equal(expected.Select(e => e.Id), hits.Select(h => h.Id));
            for (var i = 0; i < K; i++)
            {
                Assert.Equal(expected[i].Score, hits[i].Score, 1e-4 * Math.Max(1, Math.Abs(expected[i].Score)));
                Assert.True(filter is null || FilterEvaluator.Matches(filter, hits[i].Record));
            }
        }
    }

    [Fact]
    public async Task SearchAsync_Projection_ReturnsRequestedColumnsAndVectorsBitExact()
    {
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(8, DistanceMetric.Dot), TestRecords.FastOptions);
        var records = TestRecords.Make(0, 100, 8);
        await dataset.AppendAsync(records);
        var query = records[10].Vector!;

        var withVectors = await dataset.SearchAsync(new FrameSearchRequest(query, 3) { Columns = ["vectors", "text"] });
        var defaults = await dataset.SearchAsync(new FrameSearchRequest(query, 3));
        var idsOnly = await dataset.SearchAsync(new FrameSearchRequest(query, 3) { Columns = [] });

        var source = records.ToDictionary(r => r.Id);
        Assert.All(withVectors, h =>
        {
            Assert.Equal(TestRecords.BitsOf(source[h.Id].Vector!), TestRecords.BitsOf(h.Record.Vector!));
            Assert.NotNull(h.Record.Text);
            Assert.Empty(h.Record.Metadata);
        });
        Assert.All(defaults, h =>
        {
            Assert.Empty(h.Record.Vectors);
            Assert.Equal(4, h.Record.Metadata.Count);
            Assert.NotNull(h.Record.Title);
        });
        Assert.All(idsOnly, h => Assert.Null(h.Record.Text));
        Assert.Equal(defaults.Select(h => h.Id), idsOnly.Select(h => h.Id));
    }

    [Fact]
    public async Task SearchAsync_OldVersion_SearchesThatVersion()
    {
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(8, DistanceMetric.L2), TestRecords.FastOptions);
        var records = TestRecords.Make(0, 50, 8);
        await dataset.AppendAsync(records);
        await dataset.DeleteAsync(["doc-7"]);
        var query = records[7].Vector!;

        await using var v2 = await FrameDataset.OpenAsync(_temp.Dataset(), 2);
        var old = await v2.SearchAsync(new FrameSearchRequest(query, 1));
        var latest = await dataset.SearchAsync(new FrameSearchRequest(query, 1));

        Assert.Equal("doc-7", old[0].Id);
        Assert.Equal(0, old[0].Score);
        Assert.NotEqual("doc-7", latest[0].Id);
    }

    [Fact]
    public async Task SearchAsync_WrongDimensionOrUnknownVector_Throws()
    {
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(8), TestRecords.FastOptions);
        await dataset.AppendAsync(TestRecords.Make(0, 5, 8));

        await Assert.ThrowsAsync<ArgumentException>(async () => await dataset.SearchAsync(new FrameSearchRequest(new float[7], 3)));
        await Assert.ThrowsAsync<ArgumentException>(async () => await dataset.SearchAsync(new FrameSearchRequest(new float[8], 3) { VectorName = "image" }));
        Assert.Empty(await dataset.SearchAsync(new FrameSearchRequest(new float[8], 0)));
    }

    private static List<(string Id, double Score)> BruteForce(IEnumerable<Record> records, float[] query, DistanceMetric metric, FilterExpression? filter, int k)
    {
        var scored = new List<(string Id, double Score, int Order)>();
        foreach (var record in records)
        {
            if (record.Vector is not { } vector || (filter is not null && !FilterEvaluator.Matches(filter, record)))
            {
                continue;
            }

            double dot = 0, qq = 0, vv = 0, l2 = 0;
            for (var d = 0; d < query.Length; d++)
            {
                dot += (double)query[d] * vector[d];
                qq += (double)query[d] * query[d];
                vv += (double)vector[d] * vector[d];
                var diff = (double)query[d] - vector[d];
                l2 += diff * diff;
            }

            var score = metric switch
            {
                DistanceMetric.Cosine => dot / Math.Sqrt(qq * vv),
                DistanceMetric.Dot => dot,
                _ => Math.Sqrt(l2),
            };
            scored.Add((record.Id, score, int.Parse(record.Id[4..], System.Globalization.CultureInfo.InvariantCulture)));
        }

        var ordered = metric == DistanceMetric.L2
            ? scored.OrderBy(s => s.Score).ThenBy(s => s.Order)
            : scored.OrderByDescending(s => s.Score).ThenBy(s => s.Order);
        return ordered.Take(k).Select(s => (s.Id, s.Score)).ToList();
    }
}
