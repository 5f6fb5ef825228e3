using System.Globalization;
using System.Text;
using Ferry.Plugins.Files.Internal.Jsonl;
using Ferry.Sdk.Records;
using Xunit;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Plugins.Files.Tests.Jsonl;

public sealed class JsonlRecordReaderTests
{
    // One line of the shared bench corpus (gen-dataset.mjs), shortened to 4 dimensions.
    private const string BenchLine = """{"id":"doc-00000000","title":"w1 w9t w2y","text":"w1 w9t w2y w1 wg","metadata":{"category":"food","year":2022,"tags":["tag9","tag3"],"author":"author696","published":"2020-03-13T00:00:00.000Z","score":0.702},"embedding":[0.32885703444480896,0.04648195579648018,-0.28048980236053467,1e-7]}""";

    private static Record Parse(string line, string timestamps = "auto") => JsonlTestFiles.Reader(timestamps).Parse(Encoding.UTF8.GetBytes(line));

    [Fact]
    public void Parse_BenchCorpusLine_KeepsEveryType()
    {
        var record = Parse(BenchLine);

        Assert.Equal("doc-00000000", record.Id);
        Assert.Equal("w1 w9t w2y", record.Title);
        Assert.Equal("w1 w9t w2y w1 wg", record.Text);
        Assert.Equal(MetadataValue.FromInteger(2022), record.Metadata["year"]);
        Assert.Equal(MetadataValue.FromFloat(0.702), record.Metadata["score"]);
        Assert.Equal("food", record.Metadata["category"].AsString());
        Assert.Equal(["tag9", "tag3"], record.Metadata["tags"].AsArray().Select(v => v.AsString()));
        Assert.Equal(new DateTimeOffset(2020, 3, 13, 0, 0, 0, TimeSpan.Zero), record.Metadata["published"].AsTimestamp());
        Assert.Equal(
            new[] { 0.32885703444480896f, 0.04648195579648018f, -0.28048980236053467f, 1e-7f }.Select(BitConverter.SingleToInt32Bits),
            record.Vector!.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Parse_ManyLinesWithManyAndEscapedKeys_EachLineKeepsItsOwnNamesAndValues()
    {
        // One reader for every line, as a source has: names it has made before are reused, past 64 names and for
        // escaped names it makes new ones, and nothing of a line leaks into the next.
        var reader = JsonlTestFiles.Reader("none");
        for (var line = 0; line < 3; line++)
        {
            var keys = Enumerable.Range(0, 100).Select(k => $"key{k}").ToList();
            var json = "{\"id\":\"r" + line + "\",\"metadata\":{" + string.Join(',', keys.Select((k, v) => $"\"{k}\":{v + line}"))
                + ",\"caf\\u00e9\":\"escaped\"},\"top" + line + "\":true}";
            var record = reader.Parse(Encoding.UTF8.GetBytes(json));

            Assert.Equal("r" + line, record.Id);
            Assert.Equal(102, record.Metadata.Count);
            for (var k = 0; k < keys.Count; k++)
            {
                Assert.Equal(MetadataValue.FromInteger(k + line), record.Metadata[keys[k]]);
            }

            Assert.Equal("escaped", record.Metadata["café"].AsString());
            Assert.True(record.Metadata["top" + line].AsBool());
        }
    }

    [Theory]
    [InlineData("auto", MetadataKind.Timestamp)]
    [InlineData("published", MetadataKind.Timestamp)]
    [InlineData("metadata.published", MetadataKind.Timestamp)]
    [InlineData("none", MetadataKind.String)]
    public void Parse_TimestampsOption_DecidesWhichStringsAreTimestamps(string option, MetadataKind kind)
    {
        var record = Parse(BenchLine, option);
        Assert.Equal(kind, record.Metadata["published"].Kind);
    }

    [Fact]
    public void Parse_TimestampsFieldThatIsNotATimestamp_NamesTheField()
    {
        var error = Assert.Throws<JsonlFormatException>(() => Parse(BenchLine, "author"));
        Assert.Equal("author", error.Field);
        Assert.Contains("'author' is not an ISO-8601 timestamp", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1", MetadataKind.Integer, "1")]
    [InlineData("1.0", MetadataKind.Float, "1")]
    [InlineData("-0.0", MetadataKind.Float, "-0")]
    [InlineData("1e3", MetadataKind.Float, "1000")]
    [InlineData("-9223372036854775808", MetadataKind.Integer, "-9223372036854775808")]
    [InlineData("123456789012345678901234567", MetadataKind.Decimal, "123456789012345678901234567")]
    [InlineData("true", MetadataKind.Bool, "True")]
    [InlineData("null", MetadataKind.Null, "")]
    [InlineData("{\"$decimal\":\"12.50\"}", MetadataKind.Decimal, "12.50")]
    [InlineData("{\"$float\":\"NaN\"}", MetadataKind.Float, "NaN")]
    [InlineData("{\"$bytes\":\"AQID\"}", MetadataKind.Bytes, "010203")]
    [InlineData("{\"$string\":\"2020-01-01T00:00:00Z\"}", MetadataKind.String, "2020-01-01T00:00:00Z")]
    [InlineData("{\"$timestamp\":\"2020-01-01T02:00:00.0000000+02:00\"}", MetadataKind.Timestamp, "2020-01-01T02:00:00.0000000+02:00")]
    [InlineData("{\"$object\":{\"$bytes\":\"x\"}}", MetadataKind.Object, "$bytes")]
    [InlineData("{\"$bytes\":\"AQID\",\"other\":1}", MetadataKind.Object, "$bytes")]
    [InlineData("{\"$unknown\":1}", MetadataKind.Object, "$unknown")]
    public void Parse_MetadataValues_KeepTheirKind(string json, MetadataKind kind, string expected)
    {
        var value = Parse($"{{\"id\":\"x\",\"metadata\":{{\"v\":{json}}}}}").Metadata["v"];

        Assert.Equal(kind, value.Kind);
        var text = kind switch
        {
            MetadataKind.Integer => value.AsInteger().ToString(CultureInfo.InvariantCulture),
            MetadataKind.Float => value.AsFloat().ToString(CultureInfo.InvariantCulture),
            MetadataKind.Decimal => value.AsDecimal().ToString(CultureInfo.InvariantCulture),
            MetadataKind.Bool => value.AsBool().ToString(),
            MetadataKind.Null => string.Empty,
            MetadataKind.Bytes => Convert.ToHexString(value.AsBytes().Span),
            MetadataKind.String => value.AsString(),
            MetadataKind.Timestamp => value.AsTimestamp().ToString("O", CultureInfo.InvariantCulture),
            MetadataKind.Object => value.AsObject().Keys.First(),
            _ => value.ToString(),
        };
        Assert.Equal(expected, text);
        if (json == "-0.0")
        {
            Assert.True(double.IsNegative(value.AsFloat()));
        }
    }

    [Fact]
    public void Parse_FlatObject_UnknownKeysBecomeMetadata()
    {
        var record = Parse("""{"id": 17, "content": "x", "lang": "en", "views": 3, "vector": [1, 2]}""");

        Assert.Equal("17", record.Id);
        Assert.Null(record.Text);
        Assert.Equal("x", record.Metadata["content"].AsString());
        Assert.Equal(3L, record.Metadata["views"].AsInteger());
        Assert.Equal([1f, 2f], record.Vector!);
    }

    [Fact]
    public void Parse_NamedVectorsSparseRelationshipsAndSource_RoundTripShape()
    {
        var record = Parse("""{"id":"a","record_type":"chunk","collection":"c","vector":[1],"vectors":{"image":[0.5,"NaN"]},"sparse":{"kw":{"indices":[1,4],"values":[0.25,"Infinity"]}},"relationships":[{"kind":"parent","target":"p"}],"source":{"system":"chroma","location":"db/docs","original_id":"A"}}""");

        Assert.Equal("chunk", record.RecordType);
        Assert.Equal("c", record.Collection);
        Assert.True(float.IsNaN(record.Vectors["image"][1]));
        Assert.Equal([1u, 4u], record.Sparse["kw"].Indices.ToArray());
        Assert.True(float.IsPositiveInfinity(record.Sparse["kw"].Values[1]));
        Assert.Equal(new Relationship("parent", "p"), Assert.Single(record.Relationships));
        Assert.Equal(new RecordSource("chroma", "db/docs", "A"), record.Source);
    }

    [Theory]
    [InlineData("""{"id":"a","text":"unterminated}""", "'text' is not well-formed JSON")]
    [InlineData("""{"id":"a","embedding":[1,2,}""", "'embedding' is not an array of numbers")]
    [InlineData("""{"id":"a","embedding":[1,null]}""", "'embedding' is not an array of numbers")]
    [InlineData("""{"text":"no id"}""", "has no 'id'")]
    [InlineData("""[1,2]""", "expected a JSON object")]
    [InlineData("""{"id":"a"} {"id":"b"}""", "one JSON object per line")]
    [InlineData("""{"id":"a","metadata":{"x":}}""", "'metadata' is not well-formed JSON")]
    [InlineData("""{"id":{"nested":1}}""", "must be a string or a number")]
    [InlineData("""{"id":"a","vector":{"$f32":"AAAA"}}""", "'vector' must be an array of numbers or {\"$f32\": base64 of float32 values}")]
    [InlineData("""{"id":"a","vector":{"other":"AAAAAA=="}}""", "'vector' must be an array of numbers or {\"$f32\"")]
    [InlineData("""{"id":"a","vectors":{"v":{"$f32":"not base64!"}}}""", "'vectors.v' must be an array of numbers or {\"$f32\"")]
    public void Parse_BrokenLines_SayWhy(string line, string expected)
    {
        var error = Assert.Throws<JsonlFormatException>(() => Parse(line));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NullMetadata_MeansNoMetadata()
    {
        var record = Parse("""{"id":"a","metadata":null,"text":"t"}""");
        Assert.Empty(record.Metadata);
        Assert.Equal("t", record.Text);
    }

    [Fact]
    public void Parse_EscapedKeysAndStrings_Decoded()
    {
        var record = Parse("""{"\u0069d":"a\"b","text":"line\nbreak \u00e9","metadata":{"k\"ey":"v"}}""");
        Assert.Equal("a\"b", record.Id);
        Assert.Equal("line\nbreak é", record.Text);
        Assert.Equal("v", record.Metadata["k\"ey"].AsString());
    }
}
