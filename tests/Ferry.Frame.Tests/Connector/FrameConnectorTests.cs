using Ferry.Frame.Tests.Support;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Filtering;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using Xunit;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Frame.Tests.Connector;

public sealed class FrameConnectorTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Factories_Exports_NameSchemeAndExtension()
    {
        var source = (SourceExportAttribute)Attribute.GetCustomAttribute(typeof(FrameSourceFactory), typeof(SourceExportAttribute))!;
        var sink = (SinkExportAttribute)Attribute.GetCustomAttribute(typeof(FrameSinkFactory), typeof(SinkExportAttribute))!;

        Assert.Equal("frame", source.Name);
        Assert.Equal(["frame"], source.Schemes);
        Assert.Equal([".frame"], source.Extensions);
        Assert.Equal("frame", sink.Name);
        Assert.Equal([".frame"], sink.Extensions);
    }

    [Fact]
    public async Task ReadAsync_ResumeWithRecordedPartition_AfterDatasetChanged_ReadsTheSameSnapshot()
    {
        var path = await CreateAsync(100, fragmentRows: 30);
        await using var first = new FrameSourceFactory().Create(new ConnectorContext(path));
        var partitions = await first.GetPartitionsAsync(3, CancellationToken.None);
        Assert.Equal(3, partitions.Count);
        var firstBatch = await FirstBatchAsync(first, partitions[1]);

        // Other writers change the dataset; a new source instance (another run) resumes the recorded partition.
        await using (var writer = await FrameDataset.OpenAsync(path, TestRecords.FastOptions))
        {
            await writer.DeleteAsync(["doc-40", "doc-50"]);
            await writer.AppendAsync(TestRecords.Make(1000, 10, 4));
        }

        await using var resumed = new FrameSourceFactory().Create(new ConnectorContext(path));
        Assert.Equal(5, (await resumed.GetPartitionsAsync(5, CancellationToken.None)).Count);
        var rest = new List<Record>();
        await foreach (var batch in resumed.ReadAsync(new ReadRequest { Partition = partitions[1], ResumeToken = firstBatch.ResumeToken, BatchSize = 7 }, CancellationToken.None))
        {
            rest.AddRange(batch.Records);
        }

        var ids = firstBatch.Records.Concat(rest).Select(r => r.Id).ToList();
        Assert.Equal(Enumerable.Range(34, 34).Select(i => "doc-" + i), ids); // 100 rows in 3 partitions of at most 34
    }

    [Fact]
    public async Task ReadAsync_WithFilter_ReturnsOnlyMatchesAndCountAgrees()
    {
        var path = await CreateAsync(200, fragmentRows: 64);
        await using var source = new FrameSourceFactory().Create(new ConnectorContext(path));
        var filter = FilterParser.Parse("category = 'blog' AND year < 2010");
        Assert.True(source.CanEvaluate(filter));

        var read = new List<Record>();
        await foreach (var batch in source.ReadAsync(new ReadRequest { Filter = filter, BatchSize = 16 }, CancellationToken.None))
        {
            read.AddRange(batch.Records);
        }

        var expected = TestRecords.Make(0, 200, 4).Where(r => FilterEvaluator.Matches(filter, r)).Select(r => r.Id).ToList();
        Assert.Equal(expected, read.Select(r => r.Id));
        Assert.Equal(expected.Count, await source.CountAsync(filter, CancellationToken.None));
        Assert.Equal(200, await source.CountAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_VersionOption_ReadsThatVersion()
    {
        var path = await CreateAsync(20, fragmentRows: 100);
        await using (var writer = await FrameDataset.OpenAsync(path, TestRecords.FastOptions))
        {
            await writer.DeleteAsync(["doc-1"]);
        }

        await using var v2 = new FrameSourceFactory().Create(new ConnectorContext("frame://" + path, new ConnectorOptions([new("version", "2")])));
        await using var latest = new FrameSourceFactory().Create(new ConnectorContext(path));

        Assert.Equal(20, (await v2.DescribeAsync(CancellationToken.None)).Count);
        Assert.Equal(19, (await latest.DescribeAsync(CancellationToken.None)).Count);
        Assert.Equal("2", (await v2.DescribeAsync(CancellationToken.None)).Properties["frame.version"]);
    }

    [Fact]
    public async Task SearchAsync_SourceAndSink_AgreeWithTheDataset()
    {
        var path = _temp.Dataset();
        var records = TestRecords.Make(0, 300, 4);
        await using var sink = new FrameSinkFactory().Create(new ConnectorContext(path, new ConnectorOptions([new("durable", "false")])));
        await sink.PrepareAsync(TestRecords.Schema(4, DistanceMetric.Dot), new SinkPrepareOptions(), CancellationToken.None);
        await sink.UpsertAsync(records, CancellationToken.None);
        await sink.FlushAsync(CancellationToken.None);
        await using var source = new FrameSourceFactory().Create(new ConnectorContext(path));
        var request = new SearchRequest("default", records[5].Vector!, 5) { Filter = FilterParser.Parse("even = false") };

        var fromSink = await sink.SearchAsync(request, CancellationToken.None);
        var fromSource = await source.SearchAsync(request, CancellationToken.None);

        Assert.True(sink.CanSearch);
        Assert.True(source.CanSearch);
        Assert.Equal(5, fromSink.Count);
        Assert.Equal(fromSink, fromSource);
        Assert.All(fromSink, h => Assert.True(int.Parse(h.Id[4..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 1));
        Assert.True(fromSink[0].Score >= fromSink[^1].Score);
    }

    [Fact]
    public async Task ReadByIdsAsync_WithoutPrepare_ReadsTheExistingDataset()
    {
        // Validation opens the target only to read it back (ferry validate, or a re-run of a finished migration).
        var path = _temp.Dataset();
        var records = TestRecords.Make(0, 20, 4);
        await using (var writer = new FrameSinkFactory().Create(new ConnectorContext(path, new ConnectorOptions([new("durable", "false")]))))
        {
            await writer.PrepareAsync(TestRecords.Schema(4), new SinkPrepareOptions(), CancellationToken.None);
            await writer.UpsertAsync(records, CancellationToken.None);
            await writer.FlushAsync(CancellationToken.None);
        }

        await using var reader = new FrameSinkFactory().Create(new ConnectorContext(path));
        var read = new List<Record>();
        await foreach (var record in reader.ReadByIdsAsync(["doc-3", "doc-7", "missing"], CancellationToken.None))
        {
            read.Add(record);
        }

        Assert.Equal(["doc-3", "doc-7"], read.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(20, await reader.CountAsync(CancellationToken.None));
        Assert.Equal(5, (await reader.SearchAsync(new SearchRequest("default", records[0].Vector!, 5), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task CountAsync_WithoutPrepareAndNoDataset_SaysThereIsNone()
    {
        var path = _temp.Dataset();
        await using var reader = new FrameSinkFactory().Create(new ConnectorContext(path));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => reader.CountAsync(CancellationToken.None).AsTask());

        Assert.Contains("no Frame dataset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_BadRecords_AreReportedOneByOneAndTheRestWritten()
    {
        var path = _temp.Dataset();
        await using var sink = new FrameSinkFactory().Create(new ConnectorContext(path, new ConnectorOptions([new("durable", "false")])));
        await sink.PrepareAsync(TestRecords.Schema(4), new SinkPrepareOptions(), CancellationToken.None);
        var records = TestRecords.Make(0, 5, 4);
        records[1].Vector = new float[3];
        records[3].Metadata["bad"] = "lone \udc00 surrogate";

        var result = await sink.UpsertAsync(records, CancellationToken.None);
        await sink.FlushAsync(CancellationToken.None);

        Assert.Equal(3, result.Written);
        Assert.Equal(["doc-1", "doc-3"], result.Failures.Select(f => f.RecordId));
        Assert.Equal("vector.default", result.Failures[0].Field);
        Assert.Equal(3, await sink.CountAsync(CancellationToken.None));
    }

    // Where a lone surrogate (as a code unit; attribute strings cannot hold one) is put, and the field the failure names.
    [Theory]
    [InlineData("text", 0xD800, "text")]
    [InlineData("title", 0xDC00, "title")]
    [InlineData("metadata-array", 0xDBFF, "metadata.tags")]
    [InlineData("metadata-object-key", 0xDFFF, "metadata.nested")]
    public async Task UpsertAsync_LoneSurrogateAnywhere_IsARecordFailureAndPairsAreKept(string where, int surrogate, string field)
    {
        var path = _temp.Dataset();
        await using var sink = new FrameSinkFactory().Create(new ConnectorContext(path, new ConnectorOptions([new("durable", "false")])));
        await sink.PrepareAsync(TestRecords.Schema(4), new SinkPrepareOptions(), CancellationToken.None);
        var records = TestRecords.Make(0, 3, 4);
        var lone = "a" + (char)surrogate + "b";
        records[0].Text = "pair \U0001F600 at the end \U0001F600";
        records[0].Metadata["tags"] = MetadataValue.FromArray(["\U0001F600"]);
        var bad = records[1];
        switch (where)
        {
            case "text": bad.Text = lone; break;
            case "title": bad.Title = lone; break;
            case "metadata-array": bad.Metadata["tags"] = MetadataValue.FromArray(["ok", lone]); break;
            case "metadata-object-key": bad.Metadata["nested"] = MetadataValue.FromObject([new("fine", 1L), new(lone, 2L)]); break;
        }

        var result = await sink.UpsertAsync(records, CancellationToken.None);
        await sink.FlushAsync(CancellationToken.None);

        Assert.Equal(2, result.Written);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("doc-1", failure.RecordId);
        Assert.Equal(field, failure.Field);
        var kept = await sink.ReadByIdsAsync(["doc-0"], CancellationToken.None).SingleAsync();
        Assert.Equal(records[0].Text, kept.Text);
    }

    [Fact]
    public async Task UpsertAsync_StagedRecords_AreInvisibleUntilFlushAndCommitAsOneVersion()
    {
        var path = _temp.Dataset();
        await using var sink = new FrameSinkFactory().Create(new ConnectorContext(path, new ConnectorOptions([new("durable", "false"), new("stage_records", "3")])));
        await sink.PrepareAsync(TestRecords.Schema(4), new SinkPrepareOptions(), CancellationToken.None);
        var before = Directory.GetFiles(Path.Combine(path, "data")).Length;

        await sink.UpsertAsync(TestRecords.Make(0, 4, 4), CancellationToken.None);
        await sink.UpsertAsync(TestRecords.Make(4, 4, 4), CancellationToken.None);

        // Two batches of 4 with stage_records 3: two fragment files written (in the background), no version names them yet.
        await WaitForDataFilesAsync(path, before + 2);
        Assert.Equal(0, await sink.CountAsync(CancellationToken.None));

        await sink.FlushAsync(CancellationToken.None);

        await using var dataset = await FrameDataset.OpenAsync(path);
        Assert.Equal(8, dataset.Count);
        Assert.Equal(2, dataset.Version);
        Assert.Equal(2, dataset.Manifest.Fragments.Count);
    }

    [Fact]
    public async Task UpsertAsync_IdRepeatedAcrossStagedFragments_LaterRecordWinsWithOneLiveRow()
    {
        var path = _temp.Dataset();
        await using var sink = new FrameSinkFactory().Create(new ConnectorContext(path, new ConnectorOptions([new("durable", "false"), new("stage_records", "2")])));
        await sink.PrepareAsync(TestRecords.Schema(4), new SinkPrepareOptions(), CancellationToken.None);
        var first = TestRecords.Make(0, 4, 4);
        var again = TestRecords.Make(2, 2, 4);
        again[0].Text = "second write of doc-2";
        again[1].Text = "second write of doc-3";

        await sink.UpsertAsync(first, CancellationToken.None);
        await sink.UpsertAsync(again, CancellationToken.None);
        await sink.FlushAsync(CancellationToken.None);

        await using var dataset = await FrameDataset.OpenAsync(path);
        Assert.Equal(4, dataset.Count);
        var all = new List<Record>();
        await foreach (var record in dataset.ScanAsync())
        {
            all.Add(record);
        }

        Assert.Equal(["doc-0", "doc-1", "doc-2", "doc-3"], all.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal("second write of doc-2", all.Single(r => r.Id == "doc-2").Text);
        Assert.Equal("second write of doc-3", all.Single(r => r.Id == "doc-3").Text);
    }

    [Fact]
    public async Task UpsertAsync_BatchesOfOneSchema_AreJoinedIntoOneFragmentThatReadsBackExactly()
    {
        var path = _temp.Dataset();
        await using var sink = await OneStageSinkAsync(path);
        var written = new List<Record>();
        for (var batch = 0; batch < 7; batch++)
        {
            var records = TestRecords.Make(batch * 13, 13, 4);
            records[batch].Metadata["missing"] = MetadataValue.Null;
            written.AddRange(records);
            await sink.UpsertAsync(records, CancellationToken.None);
        }

        await sink.FlushAsync(CancellationToken.None);

        await AssertOneFragmentReadingBackAsync(path, written);
    }

    [Fact]
    public async Task UpsertAsync_BatchesOfDifferentSchemas_AreEncodedAgainTogetherIntoOneFragment()
    {
        var path = _temp.Dataset();
        await using var sink = await OneStageSinkAsync(path);

        // Each batch alone has another schema: a title or none, integer or float scores, a nested object, a source.
        var titled = TestRecords.Make(0, 5, 4);
        var untitled = TestRecords.Make(5, 5, 4);
        foreach (var record in untitled)
        {
            record.Title = null;
            record.Metadata["score"] = 7L;
        }

        var nested = TestRecords.Make(10, 5, 4);
        foreach (var record in nested)
        {
            record.Metadata["where"] = MetadataValue.FromObject(new Dictionary<string, MetadataValue> { ["city"] = "Oslo", ["floor"] = 3L });
            record.Source = new RecordSource("jsonl", "/data/in.jsonl", null);
        }

        var written = titled.Concat(untitled).Concat(nested).ToList();
        await sink.UpsertAsync(titled, CancellationToken.None);
        await sink.UpsertAsync(untitled, CancellationToken.None);
        await sink.UpsertAsync(nested, CancellationToken.None);
        await sink.FlushAsync(CancellationToken.None);

        await AssertOneFragmentReadingBackAsync(path, written);
    }

    [Fact]
    public async Task UpsertAsync_AKeyWhoseTypeVaried_StaysTaggedInLaterBatchesSoTheyJoin()
    {
        var path = _temp.Dataset();
        await using var sink = await OneStageSinkAsync(path);
        var mixed = TestRecords.Make(0, 4, 4);
        mixed[0].Metadata["score"] = 1L;
        var floats = TestRecords.Make(4, 4, 4);

        await sink.UpsertAsync(mixed, CancellationToken.None);
        await sink.UpsertAsync(floats, CancellationToken.None);
        await sink.FlushAsync(CancellationToken.None);

        await using var dataset = await FrameDataset.OpenAsync(path);
        var fragment = Assert.Single(dataset.Manifest.Fragments);
        Assert.Null(dataset.Manifest.Schema.Metadata.Single(m => m.Name == "score").Kind);
        var read = (await TestRecords.ReadAllAsync(dataset)).ToDictionary(r => r.Id, StringComparer.Ordinal);
        Assert.Equal(MetadataKind.Integer, read["doc-0"].Metadata["score"].Kind);
        Assert.Equal(MetadataKind.Float, read["doc-5"].Metadata["score"].Kind);
        Assert.Equal(2.5, read["doc-5"].Metadata["score"].AsFloat());
    }

    [Fact]
    public async Task UpsertAsync_KeysTypedInEarlierBatchesThenVarying_AreRetaggedAndJoinIntoOneFragment()
    {
        var path = _temp.Dataset();
        await using var sink = await OneStageSinkAsync(path);

        // The first batches store 'score' and 'when' typed, with explicit-null and offset companion columns; the last
        // one makes both vary, so they are tagged from then on and the earlier batches must be re-encoded to match.
        var first = TestRecords.Make(0, 4, 4);
        var second = TestRecords.Make(4, 4, 4);
        foreach (var record in first.Concat(second))
        {
            record.Metadata["when"] = new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.FromMinutes(90 * (record.Id.Length % 3)));
        }

        first[1].Metadata["score"] = MetadataValue.Null;
        second[2].Metadata["when"] = MetadataValue.Null;
        var varying = TestRecords.Make(8, 4, 4);
        varying[0].Metadata["score"] = 3L;
        varying[1].Metadata["when"] = "next tuesday";
        varying[2].Metadata["when"] = new DateTimeOffset(2024, 3, 2, 0, 0, 0, TimeSpan.FromHours(-5));

        await sink.UpsertAsync(first, CancellationToken.None);
        await sink.UpsertAsync(second, CancellationToken.None);
        await sink.UpsertAsync(varying, CancellationToken.None);
        await sink.FlushAsync(CancellationToken.None);

        await AssertOneFragmentReadingBackAsync(path, [.. first, .. second, .. varying]);
        await using var dataset = await FrameDataset.OpenAsync(path);
        Assert.Null(dataset.Manifest.Schema.Metadata.Single(m => m.Name == "score").Kind);
        Assert.Null(dataset.Manifest.Schema.Metadata.Single(m => m.Name == "when").Kind);
    }

    [Fact]
    public async Task UpsertAsync_ARecordOnlyTheEncoderRefuses_IsARecordFailureAndTheBatchIsWritten()
    {
        var path = _temp.Dataset();
        await using var sink = new FrameSinkFactory().Create(new ConnectorContext(path, new ConnectorOptions([new("durable", "false")])));
        await sink.PrepareAsync(TestRecords.Schema(4), new SinkPrepareOptions(), CancellationToken.None);
        var records = TestRecords.Make(0, 4, 4);
        records[2].Source = new RecordSource("lone \udc00 surrogate", null, null);

        var result = await sink.UpsertAsync(records, CancellationToken.None);
        await sink.FlushAsync(CancellationToken.None);

        Assert.Equal(3, result.Written);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("doc-2", failure.RecordId);
        Assert.Contains("source", failure.Field, StringComparison.Ordinal);
        Assert.Equal(3, await sink.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task UpsertAsync_IdRepeatedInTheMiddleOfABatch_CountsEveryRecordOfTheBatchAsWritten()
    {
        var path = _temp.Dataset();
        await using var sink = await OneStageSinkAsync(path);
        await sink.UpsertAsync(TestRecords.Make(0, 4, 4), CancellationToken.None);
        var batch = TestRecords.Make(10, 1, 4).Concat(TestRecords.Make(2, 1, 4)).Concat(TestRecords.Make(11, 1, 4)).ToList();

        var result = await sink.UpsertAsync(batch, CancellationToken.None);
        await sink.FlushAsync(CancellationToken.None);

        Assert.Equal(3, result.Written);
        Assert.Empty(result.Failures);
        Assert.Equal(6, await sink.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task UpsertAsync_AfterAStagingFailed_EveryWriteAndFlushFailsAndNothingIsCommitted()
    {
        var path = _temp.Dataset();
        await using var sink = new FrameSinkFactory().Create(new ConnectorContext(path, new ConnectorOptions([new("durable", "false"), new("stage_records", "2")])));
        await sink.PrepareAsync(TestRecords.Schema(4), new SinkPrepareOptions(), CancellationToken.None);
        var data = Path.Combine(path, "data");
        Directory.Delete(data, recursive: true);
        await File.WriteAllTextAsync(data, "a file where the fragments' folder should be");

        // The first staging starts in the background and fails; the records it took were acknowledged.
        await sink.UpsertAsync(TestRecords.Make(0, 3, 4), CancellationToken.None);
        var next = await Assert.ThrowsAsync<InvalidOperationException>(() => sink.UpsertAsync(TestRecords.Make(3, 3, 4), CancellationToken.None).AsTask());
        var flush = await Assert.ThrowsAsync<InvalidOperationException>(() => sink.FlushAsync(CancellationToken.None).AsTask());

        Assert.Contains("Re-run to resume from the last checkpoint", next.Message, StringComparison.Ordinal);
        Assert.Equal(next.Message, flush.Message);
        Assert.Equal(0, await sink.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task DisposeAsync_WithoutFlush_RemovesStagedFilesAndKeepsTheCommittedVersion()
    {
        var path = _temp.Dataset();
        await using (var sink = new FrameSinkFactory().Create(new ConnectorContext(path, new ConnectorOptions([new("durable", "false"), new("stage_records", "2")]))))
        {
            await sink.PrepareAsync(TestRecords.Schema(4), new SinkPrepareOptions(), CancellationToken.None);
            await sink.UpsertAsync(TestRecords.Make(0, 3, 4), CancellationToken.None);
            await sink.FlushAsync(CancellationToken.None);
        }

        var committed = Directory.GetFiles(Path.Combine(path, "data")).Order(StringComparer.Ordinal).ToList();
        await using (var sink = new FrameSinkFactory().Create(new ConnectorContext(path, new ConnectorOptions([new("durable", "false"), new("stage_records", "2")]))))
        {
            await sink.PrepareAsync(TestRecords.Schema(4), new SinkPrepareOptions(), CancellationToken.None);
            await sink.UpsertAsync(TestRecords.Make(3, 5, 4), CancellationToken.None);
            await WaitForDataFilesAsync(path, committed.Count + 1);
        }

        Assert.Equal(committed, Directory.GetFiles(Path.Combine(path, "data")).Order(StringComparer.Ordinal));
        await using var dataset = await FrameDataset.OpenAsync(path);
        Assert.Equal(3, dataset.Count);
    }

    [Fact]
    public async Task PrepareAsync_OverwriteAndDimensionMismatch_BehaveAsDocumented()
    {
        var path = await CreateAsync(10, fragmentRows: 100);
        await using (var sink = new FrameSinkFactory().Create(new ConnectorContext(path)))
        {
            await Assert.ThrowsAsync<Ferry.Sdk.Errors.ConnectorConfigurationException>(async () =>
                await sink.PrepareAsync(TestRecords.Schema(8), new SinkPrepareOptions(), CancellationToken.None));
        }

        await using (var sink = new FrameSinkFactory().Create(new ConnectorContext(path)))
        {
            await sink.PrepareAsync(TestRecords.Schema(4), new SinkPrepareOptions { Overwrite = true, Resuming = true }, CancellationToken.None);
            Assert.Equal(10, await sink.CountAsync(CancellationToken.None));
        }

        await using (var sink = new FrameSinkFactory().Create(new ConnectorContext(path)))
        {
            await sink.PrepareAsync(TestRecords.Schema(8), new SinkPrepareOptions { Overwrite = true }, CancellationToken.None);
            Assert.Equal(0, await sink.CountAsync(CancellationToken.None));
        }

        // The overwritten data is still there in the older version.
        await using var v2 = await FrameDataset.OpenAsync(path, 2);
        Assert.Equal(10, v2.Count);
    }

    /// <summary>A prepared sink whose whole run is one staging (stage_records 1000).</summary>
    private static async Task<SinkConnector> OneStageSinkAsync(string path)
    {
        var sink = new FrameSinkFactory().Create(new ConnectorContext(path, new ConnectorOptions([new("durable", "false"), new("stage_records", "1000")])));
        await sink.PrepareAsync(TestRecords.Schema(4), new SinkPrepareOptions(), CancellationToken.None);
        return sink;
    }

    private static async Task AssertOneFragmentReadingBackAsync(string path, List<Record> written)
    {
        await using var dataset = await FrameDataset.OpenAsync(path);
        Assert.Single(dataset.Manifest.Fragments);
        var read = (await TestRecords.ReadAllAsync(dataset)).ToDictionary(r => r.Id, StringComparer.Ordinal);
        Assert.Equal(written.Count, read.Count);
        foreach (var record in written)
        {
            TestRecords.AssertSame(record, read[record.Id]);
        }
    }

    private async Task<string> CreateAsync(int rows, int fragmentRows)
    {
        var path = _temp.Dataset();
        await using var dataset = await FrameDataset.CreateAsync(path, TestRecords.Schema(4), new FrameDatasetOptions { FlushToDisk = false, MaxRowsPerFragment = fragmentRows });
        await dataset.AppendAsync(TestRecords.Make(0, rows, 4));
        return path;
    }

    /// <summary>Staging writes in the background: waits (up to 10 s) until the dataset's data folder holds <paramref name="count"/> files.</summary>
    private static async Task WaitForDataFilesAsync(string path, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Directory.GetFiles(Path.Combine(path, "data")).Length < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"expected {count} data files in {path}, found {Directory.GetFiles(Path.Combine(path, "data")).Length}");
            await Task.Delay(10);
        }
    }

    private static async Task<RecordBatch> FirstBatchAsync(SourceConnector source, SourcePartition partition)
    {
        await foreach (var batch in source.ReadAsync(new ReadRequest { Partition = partition, BatchSize = 7 }, CancellationToken.None))
        {
            return batch;
        }

        throw new InvalidOperationException("The partition is empty.");
    }
}
