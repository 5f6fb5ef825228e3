using System.Globalization;
using Ferry.Files.Tests.Support;
using Ferry.Sdk.Records;
using Ferry.Tests.Shared;

namespace Ferry.Files.Tests.Arrow;

/// <summary>Arrow files the sink writes are read by the reference Arrow JS library with the documented layout, bit for bit.</summary>
public sealed class ArrowInteropTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Export_ReadByArrowJs_HasDocumentedColumnsAndBitExactValues()
    {
        var records = new List<Record>();
        for (var i = 0; i < 300; i++)
        {
            var record = new Record("doc-" + i.ToString("D3", CultureInfo.InvariantCulture)) { Text = "text " + i, Title = i % 2 == 0 ? "t" + i : null };
            record.Vector = [i, -0f, BitConverter.Int32BitsToSingle(0x7FC00123), 1e-40f];
            record.Metadata["year"] = 2000L + i;
            record.Metadata["score"] = i * 0.5;
            record.Metadata["when"] = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(-7)).AddMinutes(i);
            record.Metadata["tags"] = MetadataValue.FromArray(["a", (long)i]);
            records.Add(record);
        }

        var path = _folder.File("interop.arrow");
        await Connectors.WriteAllAsync(Formats.Arrow.Sink, Connectors.Context(path, null, ("batch_rows", "128")), records);
        var json = ArrowJs.Read(path);

        Assert.Equal(300, (int)json["numRows"]!);
        Assert.Equal(3, (int)json["batches"]!);
        var fields = json["schema"]!["fields"]!.AsArray();
        var names = fields.Select(f => (string)f!["name"]!).ToList();
        Assert.Equal(["id", "record_type", "text", "title", "collection", "vector.default", "metadata.year", "metadata.score", "metadata.when", "metadata_offset.when", "metadata.tags", "extra"], names);
        Assert.Equal("ferry-records", (string)json["schema"]!["metadata"]!["ferry.format"]!);
        var vector = fields[names.IndexOf("vector.default")]!;
        Assert.Equal("fixed_size_list", (string)vector["type"]!["kind"]!);
        Assert.Equal(4, (int)vector["type"]!["listSize"]!);
        Assert.Equal("SINGLE", (string)vector["children"]![0]!["type"]!["precision"]!);
        Assert.Equal("int", (string)fields[names.IndexOf("metadata.year")]!["type"]!["kind"]!);
        Assert.Equal("DOUBLE", (string)fields[names.IndexOf("metadata.score")]!["type"]!["precision"]!);
        Assert.Equal("UTC", (string)fields[names.IndexOf("metadata.when")]!["type"]!["timezone"]!);
        Assert.Equal("json", (string)fields[names.IndexOf("metadata.tags")]!["metadata"]!["ferry.encoding"]!);

        var columns = json["columns"]!.AsArray();
        for (var row = 0; row < records.Count; row++)
        {
            Assert.Equal(records[row].Id, (string)columns[0]![row]!);
            var values = columns[names.IndexOf("vector.default")]![row]!.AsArray();
            for (var d = 0; d < 4; d++)
            {
                var bits = uint.Parse(((string)values[d]!)[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                Assert.Equal(BitConverter.SingleToUInt32Bits(records[row].Vector![d]), bits);
            }

            Assert.Equal((2000 + row).ToString(CultureInfo.InvariantCulture), (string)columns[names.IndexOf("metadata.year")]![row]!);
            Assert.Equal(-420, (int)columns[names.IndexOf("metadata_offset.when")]![row]!);
            Assert.Equal($"[\"a\",{row}]", (string)columns[names.IndexOf("metadata.tags")]![row]!);
        }

        Assert.Null(columns[names.IndexOf("title")]![1]);
    }

    public void Dispose() => _folder.Dispose();
}
