using Ferry.Files.Tests.Support;
using Ferry.Sdk.Errors;

namespace Ferry.Files.Tests.Wrapping;

public sealed class BadInputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Json_BrokenSyntax_ThrowsNamingLineAndByte()
    {
        var path = _folder.File("broken.json");
        await File.WriteAllTextAsync(path, "[\n{\"id\":\"a\"},\n{\"id\":\"b\"},\n{\"id\": \"c\" \"oops\": 1},\n{\"id\":\"d\"}\n]\n");
        var (records, error, _) = await Connectors.ReadUntilErrorAsync(Formats.Json.Source, Connectors.Context(path));
        Assert.Equal(["a", "b"], records.Select(r => r.Id));
        var exception = Assert.IsType<RecordException>(error);
        Assert.Equal(4, exception.Line);
        Assert.Contains("invalid JSON at line 4", exception.Message, StringComparison.Ordinal);
        Assert.Contains("byte", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_ElementNotARecord_FailsThatElementAndGoesOn()
    {
        var path = _folder.File("shapes.json");
        await File.WriteAllTextAsync(path, "[\n{\"id\":\"a\"},\n42,\n{\"text\":\"no id\"},\n{\"id\":\"d\",\"vectors\":{\"default\":[1,\"x\"]}},\n{\"id\":\"e\"}\n]\n");
        var (records, error, failures) = await Connectors.ReadUntilErrorAsync(Formats.Json.Source, Connectors.Context(path), batchSize: 10);
        Assert.Null(error);
        Assert.Equal(["a", "e"], records.Select(r => r.Id));
        Assert.Equal([3L, 4L, 5L], failures.Select(f => f.Line!.Value));
        Assert.Equal("d", failures[2].RecordId);
        Assert.All(failures, f => Assert.NotNull(f.Raw));
    }

    [Fact]
    public async Task Json_TruncatedArray_ThrowsTruncated()
    {
        var path = _folder.File("cut.json");
        await File.WriteAllTextAsync(path, "[\n{\"id\":\"a\"},\n{\"id\":\"b\",\"te");
        var (records, error, _) = await Connectors.ReadUntilErrorAsync(Formats.Json.Source, Connectors.Context(path));
        Assert.Equal(["a"], records.Select(r => r.Id));
        Assert.Contains("truncated", Assert.IsType<RecordException>(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xml_NotWellFormed_ThrowsNamingLineAndColumn()
    {
        var path = _folder.File("broken.xml");
        await File.WriteAllTextAsync(path, "<records>\n  <record id=\"a\"><text>ok</text></record>\n  <record id=\"b\"><text>bad</txet></record>\n</records>\n");
        var (records, error, _) = await Connectors.ReadUntilErrorAsync(Formats.Xml.Source, Connectors.Context(path));
        Assert.Equal(["a"], records.Select(r => r.Id));
        var exception = Assert.IsType<RecordException>(error);
        Assert.Contains("XML not well-formed at line 3:", exception.Message, StringComparison.Ordinal);
        Assert.Equal(3, exception.Line);
    }

    [Fact]
    public async Task Xml_ForeignItems_MapByElementNameAndSchema()
    {
        var path = _folder.File("items.xml");
        await File.WriteAllTextAsync(path, "<data>\n<item><id>context-123</id><title>Sample</title><content>Body</content><year>2024</year><meta><a>x</a></meta></item>\n</data>\n");
        var record = (await Connectors.ReadAllAsync(Formats.Xml.Source, Connectors.Context(path, null, ("schema", "year:integer")))).Single();
        Assert.Equal("context-123", record.Id);
        Assert.Equal("Body", record.Text);
        Assert.Equal(Ferry.Sdk.Records.MetadataValue.FromInteger(2024), record.Metadata["year"]);
        Assert.Equal(Ferry.Sdk.Records.MetadataKind.Object, record.Metadata["meta"].Kind);
    }

    [Fact]
    public async Task Yaml_NotWellFormed_ThrowsNamingLineAndColumn()
    {
        var path = _folder.File("broken.yaml");
        await File.WriteAllTextAsync(path, "---\nid: a\n---\nid: b\ntext: [unclosed\n---\nid: c\n");
        var (records, error, _) = await Connectors.ReadUntilErrorAsync(Formats.Yaml.Source, Connectors.Context(path));
        Assert.Equal(["a"], records.Select(r => r.Id));
        Assert.Contains("YAML not well-formed at line", Assert.IsType<RecordException>(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Yaml_SequenceOfRecords_IsReadItemByItem()
    {
        var path = _folder.File("list.yml");
        await File.WriteAllTextAsync(path, "- id: a\n  year: 2024\n  score: 1.0\n  when: !!timestamp 2024-01-01T00:00:00Z\n- id: b\n  tags: [x, y]\n");
        var records = await Connectors.ReadAllAsync(Formats.Yaml.Source, Connectors.Context(path));
        Assert.Equal(["a", "b"], records.Select(r => r.Id));
        Assert.Equal(Ferry.Sdk.Records.MetadataKind.Integer, records[0].Metadata["year"].Kind);
        Assert.Equal(Ferry.Sdk.Records.MetadataKind.Float, records[0].Metadata["score"].Kind);
        Assert.Equal(Ferry.Sdk.Records.MetadataKind.Timestamp, records[0].Metadata["when"].Kind);
    }

    [Fact]
    public async Task Arrow_Garbage_ThrowsNamingTheFile()
    {
        var path = _folder.File("garbage.arrow");
        await File.WriteAllBytesAsync(path, [.. "ARROW1\0\0"u8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        var (_, error, _) = await Connectors.ReadUntilErrorAsync(Formats.Arrow.Source, Connectors.Context(path));
        Assert.NotNull(error);
        Assert.Contains("garbage.arrow", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
