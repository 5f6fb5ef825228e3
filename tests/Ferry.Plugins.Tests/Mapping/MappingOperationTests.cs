using Ferry.Sdk.Records;
using static Ferry.Plugins.Tests.Mapping.MappingHelper;

namespace Ferry.Plugins.Tests.Mapping;

/// <summary>Every mapping operation on good and bad values (docs/mapping.md).</summary>
public sealed class MappingOperationTests
{
    [Fact]
    public async Task Rename_MetadataAndRecordFields_MovesValuesAtOnce()
    {
        var record = Doc("a");
        record.Metadata["legacy_title"] = "Old Title";
        record.Metadata["legacy_body"] = "Body text";
        record.Metadata["x"] = 1L;
        record.Metadata["y"] = 2L;
        record.Title = "was the title";

        var mapped = await MapAsync("""
            rename:
              legacy_title: title
              metadata.legacy_body: text
              title: original_title
              x: y
              y: x
            """, record);

        Assert.Equal("Old Title", mapped.Title);
        Assert.Equal("Body text", mapped.Text);
        Assert.Equal("was the title", mapped.Metadata["original_title"].AsString());
        Assert.Equal(2L, mapped.Metadata["x"].AsInteger());
        Assert.Equal(1L, mapped.Metadata["y"].AsInteger());
        Assert.False(mapped.Metadata.ContainsKey("legacy_title"));
        Assert.False(mapped.Metadata.ContainsKey("legacy_body"));
    }

    [Fact]
    public async Task Rename_ToId_ReplacesTheIdAndAbsentSourcesChangeNothing()
    {
        var record = Doc("old-id");
        record.Metadata["key"] = "new-id";
        record.Title = "kept";

        var mapped = await MapAsync("rename: { key: id, missing: title }", record);

        Assert.Equal("new-id", mapped.Id);
        Assert.Equal("kept", mapped.Title);
        Assert.False(mapped.Metadata.ContainsKey("key"));
    }

    [Fact]
    public async Task Rename_NonStringIntoTitleOrEmptyId_FailsNamingRecordAndField()
    {
        var record = Doc("r1");
        record.Metadata["n"] = 5L;
        var result = await RunAsync("rename: { n: title }", record);

        var failure = Assert.Single(result.Failures);
        Assert.Empty(result.Records);
        Assert.Equal("r1", failure.RecordId);
        Assert.Equal("title", failure.Field);
        Assert.Contains("record 'r1', field 'title'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Integer 5", failure.Message, StringComparison.Ordinal);
        Assert.Same(record, failure.Record);
        Assert.Equal(5L, record.Metadata["n"].AsInteger());
        Assert.Null(record.Title);

        var empty = Doc("r2");
        empty.Metadata["key"] = string.Empty;
        Assert.Equal("id", Assert.Single((await RunAsync("rename: { key: id }", empty)).Failures).Field);
    }

    [Fact]
    public async Task IncludeExclude_Globs_KeepAndDropMetadataKeys()
    {
        var record = Doc("a");
        foreach (var key in new[] { "author", "tag_a", "tag_b", "internal_x", "tag_internal", "other" })
        {
            record.Metadata[key] = key;
        }

        var mapped = await MapAsync("""
            include: [author, "tag_*", "internal_?"]
            exclude: "*internal*"
            """, record);

        Assert.Equal(["author", "tag_a", "tag_b"], mapped.Metadata.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("a", mapped.Id);
        Assert.Equal("text of a", mapped.Text);
    }

    [Fact]
    public async Task Defaults_Typed_FillAbsentOrNullFieldsOnly()
    {
        var record = Doc("a");
        record.Title = null;
        record.Metadata["present"] = "keep me";
        record.Metadata["nothing"] = MetadataValue.Null;

        var mapped = await MapAsync("""
            defaults:
              present: replaced?
              nothing: filled
              count: 3
              ratio: 0.5
              flag: true
              quoted: "42"
              tagged: !!str 7
              when: { type: timestamp, value: 2024-01-31T10:00:00+02:00 }
              price: { type: decimal, value: "12.50" }
              gone: { type: null }
              list: [a, 1, false]
              title: Untitled
            """, record);

        Assert.Equal("keep me", mapped.Metadata["present"].AsString());
        Assert.Equal("filled", mapped.Metadata["nothing"].AsString());
        Assert.Equal(3L, mapped.Metadata["count"].AsInteger());
        Assert.Equal(0.5, mapped.Metadata["ratio"].AsFloat());
        Assert.True(mapped.Metadata["flag"].AsBool());
        Assert.Equal("42", mapped.Metadata["quoted"].AsString());
        Assert.Equal("7", mapped.Metadata["tagged"].AsString());
        Assert.Equal(new DateTimeOffset(2024, 1, 31, 10, 0, 0, TimeSpan.FromHours(2)), mapped.Metadata["when"].AsTimestamp());
        Assert.Equal(TimeSpan.FromHours(2), mapped.Metadata["when"].AsTimestamp().Offset);
        Assert.Equal(MetadataValue.FromDecimal(12.50m), mapped.Metadata["price"]);
        Assert.Equal("12.50", mapped.Metadata["price"].AsDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(mapped.Metadata["gone"].IsNull);
        Assert.Equal(MetadataValue.FromArray(["a", 1L, false]), mapped.Metadata["list"]);
        Assert.Equal("Untitled", mapped.Title);
    }

    [Fact]
    public async Task TrimLowercaseUppercase_StringsAndStringArrays()
    {
        var record = Doc("a");
        record.Title = "  Mixed Case  ";
        record.Metadata["tags"] = MetadataValue.FromArray([" A ", "b "]);
        record.Metadata["code"] = "abc";

        var mapped = await MapAsync("""
            transforms:
              - { fields: [title, tags], op: trim }
              - { field: tags, op: lowercase }
              - { field: title, op: lowercase }
              - { field: code, op: uppercase }
              - { field: absent, op: trim }
            """, record);

        Assert.Equal("mixed case", mapped.Title);
        Assert.Equal(MetadataValue.FromArray(["a", "b"]), mapped.Metadata["tags"]);
        Assert.Equal("ABC", mapped.Metadata["code"].AsString());
        Assert.False(mapped.Metadata.ContainsKey("absent"));
    }

    [Fact]
    public async Task SplitAndJoin_ConvertBetweenStringsAndArrays()
    {
        var record = Doc("a");
        record.Metadata["keywords"] = "alpha, beta,,gamma ";
        record.Metadata["raw"] = "a;;b";
        record.Metadata["list"] = MetadataValue.FromArray(["x", 1L, 2.5, true, new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero)]);

        var mapped = await MapAsync("""
            transforms:
              - { field: keywords, op: split }
              - { field: raw, op: split, separator: ";", trim: false, remove_empty: false }
              - { field: list, op: join, separator: " | " }
            """, record);

        Assert.Equal(MetadataValue.FromArray(["alpha", "beta", "gamma"]), mapped.Metadata["keywords"]);
        Assert.Equal(MetadataValue.FromArray(["a", "", "b"]), mapped.Metadata["raw"]);
        Assert.Equal("x | 1 | 2.5 | true | 2024-01-02T03:04:05+00:00", mapped.Metadata["list"].AsString());
    }

    [Theory]
    [InlineData("42", "auto", MetadataKind.Integer, "42")]
    [InlineData("-9223372036854775808", "auto", MetadataKind.Integer, "-9223372036854775808")]
    [InlineData("1.5", "auto", MetadataKind.Float, "1.5")]
    [InlineData("0.1", "auto", MetadataKind.Float, "0.1")]
    [InlineData("2.5e3", "auto", MetadataKind.Float, "2500")]
    [InlineData("42", "float", MetadataKind.Float, "42")]
    [InlineData("9007199254740992", "float", MetadataKind.Float, "9007199254740992")]
    [InlineData("12.50", "decimal", MetadataKind.Decimal, "12.50m")]
    [InlineData("18446744073709551615", "decimal", MetadataKind.Decimal, "18446744073709551615m")]
    [InlineData("7", "integer", MetadataKind.Integer, "7")]
    public async Task ParseNumber_ValidStrings_ExactValues(string input, string target, MetadataKind kind, string rendered)
    {
        var record = Doc("a");
        record.Metadata["n"] = input;

        var mapped = await MapAsync($"transforms: [ {{ field: n, op: parse_number, as: {target} }} ]", record);

        Assert.Equal(kind, mapped.Metadata["n"].Kind);
        Assert.Equal(rendered, mapped.Metadata["n"].ToString());
    }

    [Theory]
    [InlineData("abc", "auto", "not a number")]
    [InlineData(" 42", "auto", "not a number")]
    [InlineData("1,000", "auto", "not a number")]
    [InlineData("9223372036854775808", "auto", "beyond the 64-bit integer range")]
    [InlineData("1.5", "integer", "not an integer")]
    [InlineData("9007199254740993", "float", "cannot be held exactly")]
    [InlineData("1e400", "auto", "beyond the range")]
    [InlineData("1e-400", "auto", "would become 0")]
    [InlineData("0.12345678901234567890123456789", "decimal", "cannot be held exactly by a decimal")]
    public async Task ParseNumber_BadOrLossy_FailsTheRecord(string input, string target, string reason)
    {
        var record = Doc("rec-7");
        record.Metadata["year"] = input;

        var result = await RunAsync($"transforms: [ {{ field: year, op: parse_number, as: {target} }} ]", record);

        var failure = Assert.Single(result.Failures);
        Assert.Empty(result.Records);
        Assert.Equal("rec-7", failure.RecordId);
        Assert.Equal("year", failure.Field);
        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
        Assert.Contains("parse_number (inline mapping spec, line 1)", failure.Message, StringComparison.Ordinal);
        Assert.Equal(input, record.Metadata["year"].AsString());
    }

    [Fact]
    public async Task ParseNumber_NumbersStayAndOtherKindsFail()
    {
        var record = Doc("a");
        record.Metadata["i"] = 5L;
        record.Metadata["f"] = 2.5;
        Assert.Equal(5L, (await MapAsync("transforms: [ { fields: [i, f], op: parse_number } ]", record)).Metadata["i"].AsInteger());

        var wrongKind = Doc("b");
        wrongKind.Metadata["f"] = 2.5;
        Assert.Contains("already is Float", Assert.Single((await RunAsync("transforms: [ { field: f, op: parse_number, as: integer } ]", wrongKind)).Failures).Message, StringComparison.Ordinal);

        var boolean = Doc("c");
        boolean.Metadata["b"] = true;
        Assert.Contains("needs a string", Assert.Single((await RunAsync("transforms: [ { field: b, op: parse_number } ]", boolean)).Failures).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseDate_IsoCustomAndUnix_BecomeTimestamps()
    {
        var record = Doc("a");
        record.Metadata["iso"] = "2024-01-31T10:00:00.1234567+02:00";
        record.Metadata["day"] = "2024-01-31";
        record.Metadata["eu"] = "31/01/2024 14:05";
        record.Metadata["us"] = "01-31-2024";
        record.Metadata["unix"] = "1700000000";
        record.Metadata["unix_int"] = 1700000000123L;
        record.Metadata["local"] = "2024-06-01 12:00";

        var mapped = await MapAsync("""
            transforms:
              - { fields: [iso, day], op: parse_date }
              - { field: eu, op: parse_date, format: "dd/MM/yyyy HH:mm" }
              - { field: us, op: parse_date, format: ["yyyy-MM-dd", "MM-dd-yyyy"] }
              - { field: unix, op: parse_date, format: unix }
              - { field: unix_int, op: parse_date, format: unix_ms }
              - { field: local, op: parse_date, format: "yyyy-MM-dd HH:mm", offset: "-05:00" }
            """, record);

        Assert.Equal(new DateTimeOffset(2024, 1, 31, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567), mapped.Metadata["iso"].AsTimestamp());
        Assert.Equal(TimeSpan.FromHours(2), mapped.Metadata["iso"].AsTimestamp().Offset);
        Assert.Equal(new DateTimeOffset(2024, 1, 31, 0, 0, 0, TimeSpan.Zero), mapped.Metadata["day"].AsTimestamp());
        Assert.Equal(new DateTimeOffset(2024, 1, 31, 14, 5, 0, TimeSpan.Zero), mapped.Metadata["eu"].AsTimestamp());
        Assert.Equal(new DateTimeOffset(2024, 1, 31, 0, 0, 0, TimeSpan.Zero), mapped.Metadata["us"].AsTimestamp());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), mapped.Metadata["unix"].AsTimestamp());
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000123), mapped.Metadata["unix_int"].AsTimestamp());
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.FromHours(-5)), mapped.Metadata["local"].AsTimestamp());
        Assert.Equal(TimeSpan.FromHours(-5), mapped.Metadata["local"].AsTimestamp().Offset);
    }

    [Theory]
    [InlineData("2024-13-01", null)]
    [InlineData("yesterday", null)]
    [InlineData("2024-01-31", "dd/MM/yyyy")]
    public async Task ParseDate_BadStrings_FailTheRecord(string input, string? format)
    {
        var record = Doc("d1");
        record.Metadata["when"] = input;
        var spec = format is null ? "transforms: [ { field: when, op: parse_date } ]" : $"transforms: [ {{ field: when, op: parse_date, format: \"{format}\" }} ]";

        var failure = Assert.Single((await RunAsync(spec, record)).Failures);

        Assert.Equal("when", failure.Field);
        Assert.Contains($"'{input}'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToString_Scalars_InvariantTextAndArraysFail()
    {
        var record = Doc("a");
        record.Metadata["i"] = -42L;
        record.Metadata["f"] = 0.1;
        record.Metadata["d"] = MetadataValue.FromDecimal(1.50m);
        record.Metadata["b"] = false;
        record.Metadata["t"] = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(1)).AddTicks(5);
        record.Metadata["fmt"] = 3.14159;

        var mapped = await MapAsync("""
            transforms:
              - { fields: [i, f, d, b, t], op: to_string }
              - { field: fmt, op: to_string, format: "F2" }
            """, record);

        Assert.Equal("-42", mapped.Metadata["i"].AsString());
        Assert.Equal("0.1", mapped.Metadata["f"].AsString());
        Assert.Equal("1.50", mapped.Metadata["d"].AsString());
        Assert.Equal("false", mapped.Metadata["b"].AsString());
        Assert.Equal("2024-01-02T03:04:05.0000005+01:00", mapped.Metadata["t"].AsString());
        Assert.Equal("3.14", mapped.Metadata["fmt"].AsString());

        var array = Doc("b");
        array.Metadata["a"] = MetadataValue.FromArray(["x"]);
        Assert.Contains("use join", Assert.Single((await RunAsync("transforms: [ { field: a, op: to_string } ]", array)).Failures).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Order_RenameThenTransformsThenIncludeThenDefaults()
    {
        var record = Doc("a");
        record.Metadata["Year"] = "2021";
        record.Metadata["junk"] = "x";

        var mapped = await MapAsync("""
            defaults: { year: 1999, junk: default-junk }
            include: [year]
            transforms: [ { field: year, op: parse_number } ]
            rename: { Year: year }
            """, record);

        Assert.Equal(2021L, mapped.Metadata["year"].AsInteger());
        Assert.Equal("default-junk", mapped.Metadata["junk"].AsString());
        Assert.Equal(2, mapped.Metadata.Count);
    }

    [Fact]
    public async Task Batch_FailedRecordsLeaveAndTheOthersGoOn()
    {
        var good = Doc("good");
        good.Metadata["n"] = "1";
        var bad = Doc("bad");
        bad.Metadata["n"] = "x";
        var other = Doc("other");

        var result = await RunAsync("transforms: [ { field: n, op: parse_number } ]", good, bad, other);

        Assert.Equal(["good", "other"], result.Records.Select(r => r.Id));
        Assert.Equal("bad", Assert.Single(result.Failures).RecordId);
    }

    private static Record Doc(string id) => new(id) { Text = "text of " + id };
}
