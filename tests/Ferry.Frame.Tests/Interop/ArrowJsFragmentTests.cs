using System.Globalization;
using Ferry.Frame.Tests.Support;
using Ferry.Sdk.Records;
using Ferry.Tests.Shared;
using Xunit;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Frame.Tests.Interop;

/// <summary>Frame fragments and deletion files read by the reference Arrow JS library (npm apache-arrow), bit for bit.</summary>
public sealed class ArrowJsFragmentTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Fragment_ReadByArrowJs_HasSchemaRowsAndBitExactVectors()
    {
        var records = TestRecords.Make(0, 257, 12);
        records[0].Vector![0] = -0.0f;
        records[0].Vector![1] = BitConverter.Int32BitsToSingle(0x7FC00123);
        records[1].Vectors.Clear();
        records[2].Metadata["mixed"] = "a string";
        records[3].Metadata["mixed"] = 3L;
        records[4].Metadata["when"] = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(-7));
        records[5].Relationships.Add(new Relationship("parent", "doc-0"));
        records[6].Sparse["bm25"] = new SparseVector([3u, 9u], [0.5f, 2f]);
        records[7].Source = new RecordSource("jsonl", "file.jsonl", "7");
        await using var dataset = await FrameDataset.CreateAsync(_temp.Dataset(), TestRecords.Schema(12), TestRecords.FastOptions);
        await dataset.AppendAsync(records);
        await dataset.DeleteAsync(["doc-5", "doc-100"]);

        var fragment = Directory.GetFiles(Path.Combine(_temp.Dataset(), "data"), "*.arrow").Single();
        var json = ArrowJs.Read(fragment);

        Assert.Equal(257, (int)json["numRows"]!);
        Assert.Equal(1, (int)json["batches"]!);
        var fields = json["schema"]!["fields"]!.AsArray();
        var names = fields.Select(f => (string)f!["name"]!).ToList();
        Assert.Equal("id", names[0]);
        Assert.Equal("record_type", names[1]);
        var vectorIndex = names.IndexOf("vector.default");
        var vectorField = fields[vectorIndex]!;
        Assert.Equal("fixed_size_list", (string)vectorField["type"]!["kind"]!);
        Assert.Equal(12, (int)vectorField["type"]!["listSize"]!);
        Assert.Equal("float", (string)vectorField["children"]![0]!["type"]!["kind"]!);
        Assert.Equal("SINGLE", (string)vectorField["children"]![0]!["type"]!["precision"]!);
        Assert.Equal("tagged-json", (string)fields[names.IndexOf("metadata.mixed")]!["metadata"]!["ferry.encoding"]!);
        Assert.Equal("timestamp", (string)fields[names.IndexOf("metadata.when")]!["type"]!["kind"]!);
        Assert.Equal("UTC", (string)fields[names.IndexOf("metadata.when")]!["type"]!["timezone"]!);
        Assert.Equal("1", (string)json["schema"]!["metadata"]!["ferry.frame.format_version"]!);

        var columns = json["columns"]!.AsArray();
        var ids = columns[0]!.AsArray();
        var vectors = columns[vectorIndex]!.AsArray();
        for (var row = 0; row < records.Count; row++)
        {
            Assert.Equal(records[row].Id, (string)ids[row]!);
            if (records[row].Vector is not { } vector)
            {
                Assert.Null(vectors[row]);
                continue;
            }

            var values = vectors[row]!.AsArray();
            for (var d = 0; d < vector.Length; d++)
            {
                var bits = uint.Parse(((string)values[d]!)[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                Assert.Equal(BitConverter.SingleToUInt32Bits(vector[d]), bits);
            }
        }

        Assert.Equal("2000", (string)columns[names.IndexOf("metadata.year")]![0]!);
        Assert.Equal("int", (string)fields[names.IndexOf("metadata.year")]!["type"]!["kind"]!);
        Assert.Equal("\"a string\"", (string)columns[names.IndexOf("metadata.mixed")]![2]!);
        Assert.Equal("3", (string)columns[names.IndexOf("metadata.mixed")]![3]!);
        var micros = (new DateTimeOffset(2024, 1, 2, 10, 4, 5, TimeSpan.Zero) - DateTimeOffset.UnixEpoch).Ticks / 10;
        Assert.Equal(micros.ToString(CultureInfo.InvariantCulture), (string)columns[names.IndexOf("metadata.when")]![4]!);
        Assert.Equal("-420", ((int)columns[names.IndexOf("metadata_offset.when")]![4]!).ToString(CultureInfo.InvariantCulture));

        // The deletion file too: one uint32 column of sorted rows.
        var deletion = Directory.GetFiles(Path.Combine(_temp.Dataset(), "_deletions"), "*.arrow").Single();
        var deleted = ArrowJs.Read(deletion);
        Assert.Equal("row", (string)deleted["schema"]!["fields"]![0]!["name"]!);
        Assert.Equal([5, 100], deleted["columns"]![0]!.AsArray().Select(v => (int)v!));
    }
}
