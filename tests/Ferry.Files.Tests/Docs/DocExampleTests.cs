using Ferry.Files.Tests.Support;
using Ferry.Sdk.Records;
using Ferry.Sdk.Testing;

namespace Ferry.Files.Tests.Docs;

/// <summary>The examples of docs/formats.md are what the sinks write for the same records.</summary>
public sealed class DocExampleTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Csv_TypedHeaderExample_MatchesTheDocs()
    {
        var first = new Record("doc-1") { Title = "Intro", Text = "Hello, \"world\"\nsecond line" };
        first.Vector = [0.1f, -0f, 1e-40f];
        first.Metadata["year"] = 2024L;
        first.Metadata["score"] = 1.0;
        first.Metadata["tags"] = MetadataValue.FromArray(["a", "b"]);
        var second = new Record("doc-2");
        second.Metadata["year"] = MetadataValue.Null;
        second.Metadata["late_key"] = true;
        var path = _folder.File("doc.csv");
        await using (var sink = Formats.Csv.Sink.Create(Connectors.Context(path, null, ("header_types", "true"))))
        {
            await sink.PrepareAsync(new Ferry.Sdk.Schema.DatasetSchema(), new Ferry.Sdk.Connectors.SinkPrepareOptions(), CancellationToken.None);
            await sink.UpsertAsync([first], CancellationToken.None);
            await sink.UpsertAsync([second], CancellationToken.None);
            await sink.FlushAsync(CancellationToken.None);
        }

        Assert.Equal(
            "id,title,text,vector,year:integer,score:float,tags:json,_extra\n"
            + "doc-1,Intro,\"Hello, \"\"world\"\"\nsecond line\",\"[0.1,-0,1E-40]\",2024,1.0,\"[\"\"a\"\",\"\"b\"\"]\",\n"
            + "doc-2,,,,\\N,,,\"{\"\"metadata\"\":{\"\"late_key\"\":true}}\"\n",
            await File.ReadAllTextAsync(path));
        RecordAssert.EquivalentById([first, second], await Connectors.ReadAllAsync(Formats.Csv.Source, Connectors.Context(path)));
    }

    [Fact]
    public async Task Yaml_Example_MatchesTheDocs()
    {
        var record = new Record("doc-1") { Title = "Intro", Text = "Hello\nworld" };
        record.Vector = [0.1f, -0f, 1e-40f];
        record.Metadata["year"] = 2024L;
        record.Metadata["score"] = 1.0;
        record.Metadata["price"] = MetadataValue.FromDecimal(9.90m);
        record.Metadata["published"] = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.FromHours(2));
        record.Metadata["blob"] = MetadataValue.FromBytes([0, 1, 2]);
        record.Metadata["nan"] = BitConverter.Int64BitsToDouble(0x7FF8000000000ABC);
        record.Metadata["label"] = "123";
        var path = _folder.File("doc.yaml");
        await Connectors.WriteAllAsync(Formats.Yaml.Sink, Connectors.Context(path), [record]);
        Assert.Equal(
            "---\nid: doc-1\ntitle: Intro\ntext: \"Hello\\nworld\"\nvectors:\n  default: [0.1, -0.0, 1E-40]\nmetadata:\n  year: 2024\n  score: 1.0\n"
            + "  price: !decimal 9.90\n  published: !!timestamp 2024-05-01T10:00:00.0000000+02:00\n  blob: !!binary AAEC\n  nan: !f64 0x7FF8000000000ABC\n  label: \"123\"\n",
            await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Json_Example_MatchesTheDocs()
    {
        var record = new Record("doc-1") { Title = "Intro", Text = "Hello" };
        record.Vector = [0.1f, -0f, 1e-40f];
        record.Metadata["year"] = 2024L;
        record.Metadata["score"] = 1.0;
        record.Metadata["price"] = MetadataValue.FromDecimal(9.90m);
        record.Metadata["published"] = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.FromHours(2));
        record.Metadata["tags"] = MetadataValue.FromArray(["a", "b"]);
        record.Metadata["blob"] = MetadataValue.FromBytes([0, 1, 2]);
        var path = _folder.File("doc.json");
        await Connectors.WriteAllAsync(Formats.Json.Sink, Connectors.Context(path), [record]);
        Assert.Equal(
            "[\n{\"id\":\"doc-1\",\"title\":\"Intro\",\"text\":\"Hello\",\"vectors\":{\"default\":[0.1,-0,1E-40]},\"metadata\":{\"year\":2024,\"score\":1.0,\"price\":{\"$d\":\"9.90\"},\"published\":{\"$t\":\"2024-05-01T10:00:00.0000000+02:00\"},\"tags\":[\"a\",\"b\"],\"blob\":{\"$b\":\"AAEC\"}}}\n]\n",
            await File.ReadAllTextAsync(path));
    }

    public void Dispose() => _folder.Dispose();
}
