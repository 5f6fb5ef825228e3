using System.Text;
using Ferry.Files.Tests.Support;
using Ferry.Plugins.Files.Csv;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Testing;

namespace Ferry.Files.Tests.Csv;

public sealed class CsvTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData("csv", "")]
    [InlineData("csv", ".gz.enc")]
    [InlineData("tsv", ".br")]
    public async Task RoundTrip_TypedHeaders_KeepEveryKindAndText(string format, string wrapper)
    {
        var @case = Formats.Get(format);
        var records = FidelityData.Create();
        var path = _folder.File("typed" + @case.Extension + wrapper);
        await Connectors.WriteAllAsync(@case.Sink, Connectors.Context(path, null, ("header_types", "true"), ("key_env", TestKeys.Variable)), records);
        var back = await Connectors.ReadAllAsync(@case.Source, Connectors.Context(path, null, ("key_env", TestKeys.Variable)));
        Assert.Equal(records.Select(r => r.Id), back.Select(r => r.Id));
        RecordAssert.EquivalentById(records, back);
    }

    [Fact]
    public async Task Read_PlainHeader_GivesStringsAndSchemaRestoresTypes()
    {
        var record = new Record("r1") { Text = "t" };
        record.Metadata["year"] = 2022L;
        record.Metadata["score"] = 1.0;
        record.Metadata["price"] = MetadataValue.FromDecimal(9.90m);
        record.Metadata["ok"] = true;
        record.Metadata["when"] = new DateTimeOffset(2020, 3, 13, 10, 0, 0, TimeSpan.FromHours(1));
        record.Metadata["blob"] = MetadataValue.FromBytes([1, 2, 3]);
        record.Metadata["tags"] = MetadataValue.FromArray(["a", "b"]);
        record.Metadata["gone"] = MetadataValue.Null;
        var path = _folder.File("plain.csv");
        await Connectors.WriteAllAsync(Formats.Csv.Sink, Connectors.Context(path), [record]);

        var untyped = (await Connectors.ReadAllAsync(Formats.Csv.Source, Connectors.Context(path))).Single();
        Assert.Equal(MetadataValue.FromString("2022"), untyped.Metadata["year"]);
        Assert.Equal(MetadataValue.FromString("1.0"), untyped.Metadata["score"]);
        Assert.Equal(MetadataValue.FromString("[\"a\",\"b\"]"), untyped.Metadata["tags"]);
        Assert.Equal(MetadataValue.Null, untyped.Metadata["gone"]);

        var schema = "year:integer,score:float,price:decimal,ok:bool,when:timestamp,blob:bytes,tags:json";
        var typed = (await Connectors.ReadAllAsync(Formats.Csv.Source, Connectors.Context(path, null, ("schema", schema)))).Single();
        RecordAssert.Equal(record, typed);

        var schemaFile = _folder.File("schema.yaml");
        File.WriteAllText(schemaFile, "fields:\n  - { name: year, type: integer }\n  - { name: score, type: float }\n  - { name: price, type: decimal }\n  - { name: ok, type: bool }\n  - { name: when, type: timestamp }\n  - { name: blob, type: bytes }\n  - { name: tags, type: json }\n");
        var fromFile = (await Connectors.ReadAllAsync(Formats.Csv.Source, Connectors.Context(path, null, ("schema", schemaFile)))).Single();
        RecordAssert.Equal(record, fromFile);
    }

    [Fact]
    public async Task Write_AwkwardText_IsQuotedPerRfc4180AndEmptyDiffersFromAbsent()
    {
        var records = new List<Record>
        {
            new("a") { Text = "x,y \"z\"\nsecond line", Title = string.Empty },
            new("b") { Text = null, Title = "\\N" },
        };
        var path = _folder.File("quoted.csv");
        await Connectors.WriteAllAsync(Formats.Csv.Sink, Connectors.Context(path), records);
        var text = await File.ReadAllTextAsync(path);
        Assert.Equal("id,title,text,_extra\na,\"\",\"x,y \"\"z\"\"\nsecond line\",\nb,\"\\N\",,\n", text);
        RecordAssert.EquivalentById(records, await Connectors.ReadAllAsync(Formats.Csv.Source, Connectors.Context(path)));
    }

    [Fact]
    public async Task Read_RaggedRow_FailsThatRowNamingLineAndCounts()
    {
        var path = _folder.File("ragged.csv");
        await File.WriteAllTextAsync(path, "id,text,n\n1,one,1\n2,\"two\nlines\",2\n3,three\n4,four,4\n");
        var (records, error, failures) = await Connectors.ReadUntilErrorAsync(Formats.Csv.Source, Connectors.Context(path), batchSize: 10);
        Assert.Null(error);
        Assert.Equal(["1", "2", "4"], records.Select(r => r.Id));
        var failure = Assert.Single(failures);
        Assert.Equal(5, failure.Line);
        Assert.Contains("line 5", failure.Message, StringComparison.Ordinal);
        Assert.Contains("expected 3 fields", failure.Message, StringComparison.Ordinal);
        Assert.Contains("got 2", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_BadTypedCell_FailsThatRowNamingColumn()
    {
        var path = _folder.File("badcell.csv");
        await File.WriteAllTextAsync(path, "id,n:integer\n1,1\n2,two\n3,3\n");
        var (records, error, failures) = await Connectors.ReadUntilErrorAsync(Formats.Csv.Source, Connectors.Context(path), batchSize: 10);
        Assert.Null(error);
        Assert.Equal(["1", "3"], records.Select(r => r.Id));
        var failure = Assert.Single(failures);
        Assert.Equal("n", failure.Field);
        Assert.Contains("line 3", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_UnclosedQuote_ThrowsNamingTheLine()
    {
        var path = _folder.File("unclosed.csv");
        await File.WriteAllTextAsync(path, "id,text\n1,ok\n2,\"never closed\n3,x\n");
        var (records, error, _) = await Connectors.ReadUntilErrorAsync(Formats.Csv.Source, Connectors.Context(path));
        Assert.Equal(["1"], records.Select(r => r.Id));
        var exception = Assert.IsType<RecordException>(error);
        Assert.Contains("line 3", exception.Message, StringComparison.Ordinal);
        Assert.Contains("not closed", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_NoHeader_FirstColumnIsTheIdAndTheOthersAreC2C3()
    {
        var path = _folder.File("headless.csv");
        await File.WriteAllTextAsync(path, "a,first,2024\nb,\"second, quoted\",\\N\n");
        var records = await Connectors.ReadAllAsync(Formats.Csv.Source, Connectors.Context(path, null, ("header", "false"), ("schema", "c3:integer")));
        Assert.Equal(["a", "b"], records.Select(r => r.Id));
        Assert.Equal(MetadataValue.FromString("first"), records[0].Metadata["c2"]);
        Assert.Equal(MetadataValue.FromInteger(2024), records[0].Metadata["c3"]);
        Assert.Equal(MetadataValue.FromString("second, quoted"), records[1].Metadata["c2"]);
        Assert.Equal(MetadataValue.Null, records[1].Metadata["c3"]);

        // Writing without a header writes the rows only.
        var output = _folder.File("rows.csv");
        await Connectors.WriteAllAsync(Formats.Csv.Sink, Connectors.Context(output, null, ("header", "false")), [new Record("x") { Text = "t" }]);
        Assert.Equal("x,,t,\n", await File.ReadAllTextAsync(output));
    }

    [Fact]
    public async Task Read_ForeignCsv_WithBomCrLfSemicolonsAndSpaceVectors()
    {
        var path = _folder.File("foreign.csv");
        await File.WriteAllBytesAsync(path, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("id;title;embedding;year\r\nx;Hello;0.5 -0 1e-40;2024\r\n")]);
        var record = (await Connectors.ReadAllAsync(Formats.Csv.Source, Connectors.Context(path, null, ("delimiter", ";"), ("schema", "year:int")))).Single();
        Assert.Equal("Hello", record.Title);
        Assert.Equal([0.5f, -0.0f, 1e-40f], record.Vector!);
        Assert.True(float.IsNegative(record.Vector![1]));
        Assert.Equal(MetadataValue.FromInteger(2024), record.Metadata["year"]);
    }

    [Fact]
    public async Task Write_DottedAndSpaceVectors_ReadsBackNested()
    {
        var record = new Record("n1") { Text = "t" };
        record.Vector = [1.5f, -2f];
        record.Metadata["author"] = MetadataValue.FromObject([KeyValuePair.Create("name", (MetadataValue)"Ada"), KeyValuePair.Create("born", (MetadataValue)1815L)]);
        var path = _folder.File("dotted.csv");
        var options = new[] { ("nested", "dotted"), ("vector_format", "space"), ("header_types", "true") };
        await Connectors.WriteAllAsync(Formats.Csv.Sink, Connectors.Context(path, null, options), [record]);
        var text = await File.ReadAllTextAsync(path);
        Assert.StartsWith("id,title,text,vector,author.name:string,author.born:integer,_extra\nn1,,t,1.5 -2,Ada,1815,\n", text, StringComparison.Ordinal);
        var back = (await Connectors.ReadAllAsync(Formats.Csv.Source, Connectors.Context(path, null, ("nested", "dotted")))).Single();
        RecordAssert.Equal(record, back);
    }

    public void Dispose() => _folder.Dispose();
}
