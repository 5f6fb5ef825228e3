using Ferry.Plugins.Mapping;
using Ferry.Plugins.Tests.Support;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using Ferry.Sdk.Testing;
using static Ferry.Plugins.Tests.Mapping.MappingHelper;

namespace Ferry.Plugins.Tests.Mapping;

/// <summary>Spec validation (errors name the YAML line), loading from files, determinism and the target schema.</summary>
public sealed class MappingSpecTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData("rename:\n  a: b\nrenam:\n  c: d\n", 3, "unknown key 'renam'")]
    [InlineData("transforms:\n  - field: x\n    op: lowercse\n", 3, "unknown op 'lowercse'")]
    [InlineData("transforms:\n  - field: x\n    op: split\n    separatr: ';'\n", 4, "unknown option 'separatr' for split")]
    [InlineData("transforms:\n  - field: x\n    op: trim\n    separator: ';'\n", 4, "trim takes no options")]
    [InlineData("transforms:\n  - op: trim\n", 2, "needs a field")]
    [InlineData("transforms:\n  - field: x\n", 2, "needs an op")]
    [InlineData("transforms:\n  - { field: x, fields: [y], op: trim }\n", 2, "either field or fields")]
    [InlineData("transforms:\n  - { field: title, op: split }\n", 2, "split cannot apply to title")]
    [InlineData("transforms:\n  - { field: x, op: parse_number, as: money }\n", 2, "'as' must be auto")]
    [InlineData("transforms:\n  - { field: x, op: parse_date, offset: 'CET' }\n", 2, "'offset' must be Z")]
    [InlineData("transforms:\n  - { field: x, op: parse_date, format: [unix, 'yyyy'] }\n", 2, "cannot be combined")]
    [InlineData("transforms:\n  - { field: x, op: split, trim: maybe }\n", 2, "'trim' must be true or false")]
    [InlineData("rename:\n  id: other\n", 2, "the id cannot be renamed away")]
    [InlineData("rename:\n  a: c\n  b: c\n", 3, "two fields are renamed to 'c'")]
    [InlineData("rename:\n  a: a\n", 2, "renamed to itself")]
    [InlineData("defaults:\n  id: x\n", 2, "the id cannot have a default")]
    [InlineData("defaults:\n  title: 5\n", 2, "title takes a string")]
    [InlineData("defaults:\n  n: { type: integer, value: 1.5 }\n", 2, "not a 64-bit integer")]
    [InlineData("defaults:\n  n: { type: money, value: 1 }\n", 2, "unknown type 'money'")]
    [InlineData("defaults:\n  n: 99999999999999999999\n", 2, "not a 64-bit integer")]
    [InlineData("defaults:\n  t: { type: timestamp, value: 'soon' }\n", 2, "not an ISO 8601 timestamp")]
    [InlineData("include: [title]\n", 1, "id, text and title always stay")]
    [InlineData("exclude: ['[abc']\n", 1, "without a closing ']'")]
    [InlineData("version: 2\nrename: { a: b }\n", 1, "unknown version '2'")]
    [InlineData("rename: { a: b }\nrename: { c: d }\n", 2, "not valid YAML: Duplicate key rename")]
    [InlineData("rename:\n  a: [b\n", 3, "not valid YAML")]
    [InlineData("- a\n- b\n", 1, "a mapping spec is a YAML mapping")]
    [InlineData("version: 1\n", 1, "the mapping does nothing")]
    public void Create_InvalidSpec_ErrorNamesTheLine(string yaml, int line, string message)
    {
        var error = ErrorOf(yaml);

        Assert.StartsWith($"inline mapping spec, line {line}: ", error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SpecFile_ErrorsNameTheFileAndMissingFilesAreReported()
    {
        var path = _folder.Write("broken.yaml", "rename:\n  a: b\n\ntransforms:\n  - { field: a, op: nope }\n");

        var error = Assert.ThrowsAny<ConnectorConfigurationException>(() => new MappingTransformerFactory().Create(new ConnectorContext(path))).Message;
        Assert.StartsWith($"{path}, line 5: unknown op 'nope'", error, StringComparison.Ordinal);

        var missing = Assert.ThrowsAny<ConnectorConfigurationException>(() => new MappingTransformerFactory().Create(new ConnectorContext(_folder.Full("absent.yaml")))).Message;
        Assert.Contains("does not exist", missing, StringComparison.Ordinal);
        var noSpec = Assert.ThrowsAny<ConnectorConfigurationException>(() => new MappingTransformerFactory().Create(new ConnectorContext("mapping"))).Message;
        Assert.Contains("needs a spec", noSpec, StringComparison.Ordinal);
        var option = Assert.ThrowsAny<ConnectorConfigurationException>(() => new MappingTransformerFactory().Create(new ConnectorContext(path, new ConnectorOptions([new("spek", "x")])))).Message;
        Assert.Contains("Unknown option 'spek'", option, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransformAsync_SameInputTwice_SameOutputBitForBit()
    {
        const string Spec = """
            rename: { legacy: title, score_text: score }
            transforms:
              - { field: score, op: parse_number }
              - { field: tags, op: split }
              - { field: when, op: parse_date }
            exclude: ["tmp_*"]
            defaults: { lang: en }
            """;

        var first = await RunAsync(Spec, [.. Inputs()]);
        var second = await RunAsync(Spec, [.. Inputs()]);

        Assert.Equal(first.Failures.Select(f => f.Message), second.Failures.Select(f => f.Message));
        Assert.Equal(first.Records.Count, second.Records.Count);
        for (var i = 0; i < first.Records.Count; i++)
        {
            RecordAssert.Equal(first.Records[i], second.Records[i]);
            Assert.Equal(first.Records[i].Metadata.Keys, second.Records[i].Metadata.Keys);
        }

        Assert.Equal(190, first.Records.Count);
        Assert.Equal(10, first.Failures.Count);
    }

    [Fact]
    public async Task TransformSchema_FollowsRenamesTypesFiltersAndDefaults()
    {
        await using var transformer = Create("""
            rename: { legacy_title: title, text: body, a: b }
            transforms:
              - { field: year, op: parse_number, as: integer }
              - { field: tags, op: split }
              - { field: when, op: parse_date }
              - { field: count, op: to_string }
            exclude: [secret]
            defaults: { lang: en, year: 2000 }
            """);
        var input = new DatasetSchema
        {
            HasText = true,
            HasTitle = false,
            Metadata =
            [
                new MetadataField("legacy_title", MetadataKind.String),
                new MetadataField("a", MetadataKind.Bool),
                new MetadataField("year", MetadataKind.String),
                new MetadataField("tags", MetadataKind.String),
                new MetadataField("when", MetadataKind.String),
                new MetadataField("count", MetadataKind.Integer),
                new MetadataField("secret", MetadataKind.String),
            ],
        };

        var output = transformer.TransformSchema(input);

        Assert.True(output.HasTitle);
        Assert.False(output.HasText);
        var fields = output.Metadata.ToDictionary(f => f.Name);
        Assert.Equal(["b", "body", "count", "lang", "tags", "when", "year"], fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(MetadataKind.Bool, fields["b"].Kind);
        Assert.Equal(MetadataKind.String, fields["body"].Kind);
        Assert.Equal(MetadataKind.Integer, fields["year"].Kind);
        Assert.False(fields["year"].Nullable);
        Assert.Equal(MetadataKind.Array, fields["tags"].Kind);
        Assert.Equal(MetadataKind.String, fields["tags"].ItemKind);
        Assert.Equal(MetadataKind.Timestamp, fields["when"].Kind);
        Assert.Equal(MetadataKind.String, fields["count"].Kind);
        Assert.Equal(MetadataKind.String, fields["lang"].Kind);
    }

    public void Dispose() => _folder.Dispose();

    private static IEnumerable<Record> Inputs()
    {
        for (var i = 0; i < 200; i++)
        {
            var record = new Record($"r{i:D3}") { Text = "t" };
            record.Metadata["legacy"] = $"Title {i}";
            record.Metadata["score_text"] = i % 20 == 0 ? "n/a" : (i * 0.25).ToString(System.Globalization.CultureInfo.InvariantCulture);
            record.Metadata["tags"] = $"a{i % 3}, b{i % 5}";
            record.Metadata["when"] = $"2024-01-{1 + (i % 28):D2}T{i % 24:D2}:00:00Z";
            record.Metadata["tmp_x"] = i;
            yield return record;
        }
    }
}
