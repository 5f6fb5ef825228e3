using System.Text;
using Ferry.Plugins.Chroma.Internal;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Testing;
using Xunit;

namespace Ferry.Connectors.Tests.Chroma;

/// <summary>Unit tests of the Chroma encoding rules (no server): rich-type text forms, the float rule, location parsing.</summary>
public sealed class ChromaCodecTests
{
    public static TheoryData<string, MetadataValue> RichValues() => new()
    {
        { "decimal", MetadataValue.FromDecimal(-1234567890.1234567890m) },
        { "timestamp", new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.FromHours(-8)).AddTicks(1) },
        { "bytes", MetadataValue.FromBytes([]) },
        { "null", MetadataValue.Null },
        { "nan", double.NaN },
        { "-inf", double.NegativeInfinity },
        { "array", MetadataValue.FromArray([1L, 1.0, -0.0, "1", false, MetadataValue.Null, MetadataValue.FromArray([]), MetadataValue.FromBytes([7])]) },
        { "object", MetadataValue.FromObject([new("$ferry", "x"), new("value", 3L), new("inner", MetadataValue.FromObject([new("$ferry", MetadataValue.FromDecimal(1.50m))]))]) },
        { "empty object", MetadataValue.FromObject([]) },
    };

    [Theory]
    [MemberData(nameof(RichValues))]
    public void EncodeThenDecode_RichValue_ComesBackWithKindAndBits(string name, MetadataValue value)
    {
        var codec = new ChromaRecordCodec(Settings());
        var record = new Record("r-" + name) { Vector = [1, 2] };
        record.Metadata["v"] = value;

        var (row, failure) = codec.Encode(record, Record.DefaultVectorName, 2);

        Assert.Null(failure);
        Assert.Equal(MetadataKind.String, row!.Metadata!["v"].Kind);
        var page = ChromaPage.Parse(Encoding.UTF8.GetBytes(GetResponse(row)));
        var (decoded, error) = codec.Decode(page, 0, 2);
        Assert.Null(error);
        Assert.True(value.Equals(decoded!.Metadata["v"]), $"{name}: {value} came back as {decoded.Metadata["v"]}");
    }

    [Theory]
    [InlineData(0.5, true)]
    [InlineData(1.0, true)]
    [InlineData(19.99, true)]
    [InlineData(1e22, true)]
    [InlineData(123456789012345.6, true)]
    [InlineData(1.9000000000000001, false)]
    [InlineData(0.30000000000000004, false)]
    [InlineData(1e-300, false)]
    [InlineData(1e23, false)]
    [InlineData(-0.0, false)]
    [InlineData(double.NaN, false)]
    public void IsExactInChroma_FastPathOnly(double value, bool expected) =>
        Assert.Equal(expected, ChromaJson.IsExactInChroma(value));

    [Fact]
    public void Encode_IntegralFloat_IsWrittenWithAnExponentSoItStaysAFloat()
    {
        var record = new Record("f") { Vector = [1] };
        record.Metadata["one"] = 1.0;
        record.Metadata["int"] = 1L;
        var (row, _) = new ChromaRecordCodec(Settings()).Encode(record, Record.DefaultVectorName, 1);

        var json = GetResponse(row!);

        Assert.Contains("\"one\":1E0", json, StringComparison.Ordinal);
        Assert.Contains("\"int\":1", json, StringComparison.Ordinal);
        var (decoded, _) = new ChromaRecordCodec(Settings()).Decode(ChromaPage.Parse(Encoding.UTF8.GetBytes(json)), 0, 1);
        Assert.Equal(MetadataKind.Float, decoded!.Metadata["one"].Kind);
        Assert.Equal(MetadataKind.Integer, decoded.Metadata["int"].Kind);
    }

    [Fact]
    public void Encode_MetadataStringUnderTitleKeyWithoutTitle_StaysMetadata()
    {
        var codec = new ChromaRecordCodec(Settings());
        var record = new Record("t") { Vector = [1] };
        record.Metadata["title"] = "just metadata";
        var (row, _) = codec.Encode(record, Record.DefaultVectorName, 1);

        var (decoded, _) = codec.Decode(ChromaPage.Parse(Encoding.UTF8.GetBytes(GetResponse(row!))), 0, 1);

        Assert.Null(decoded!.Title);
        Assert.Equal("just metadata", decoded.Metadata["title"].AsString());
    }

    [Fact]
    public void Encode_TitleDisagreeingWithMetadataTitle_IsAFailure()
    {
        var record = new Record("t") { Vector = [1], Title = "one" };
        record.Metadata["title"] = "two";

        var (row, failure) = new ChromaRecordCodec(Settings()).Encode(record, Record.DefaultVectorName, 1);

        Assert.Null(row);
        Assert.Equal("title", failure!.Field);
    }

    [Fact]
    public void Encode_ConformanceRecords_DecodeBitExact()
    {
        var codec = new ChromaRecordCodec(Settings());
        var features = ChromaConformance.Features;
        foreach (var record in ConformanceData.CreateRecords(40, features))
        {
            var (row, failure) = codec.Encode(record, Record.DefaultVectorName, features.Dimension);
            Assert.Null(failure);
            var (decoded, error) = codec.Decode(ChromaPage.Parse(Encoding.UTF8.GetBytes(GetResponse(row!))), 0, features.Dimension);
            Assert.Null(error);
            Servers.Expect.EqualIgnoringSource(record, decoded!);
        }
    }

    [Theory]
    [InlineData("chroma://db.example:9000/docs?tenant=t1&database=d1", "http://db.example:9000/", "t1/d1/docs")]
    [InlineData("chroma://localhost/docs", "http://localhost:8000/", "default_tenant/default_database/docs")]
    public void Parse_Location_GivesAddressAndCollection(string location, string address, string where)
    {
        var uri = new Uri(location);
        var options = System.Web.HttpUtility.ParseQueryString(uri.Query);
        var context = new ConnectorContext(location.Split('?')[0], new ConnectorOptions(options.AllKeys.Select(k => new KeyValuePair<string, string>(k!, options[k]!))));

        var settings = ChromaSettings.Parse(context);

        Assert.Equal(new Uri(address), settings.BaseAddress);
        Assert.Equal(where, settings.Location);
    }

    [Theory]
    [InlineData("chroma://localhost:8000/", "name one collection")]
    [InlineData("chroma://localhost:8000/a/b", "name one collection")]
    [InlineData("qdrant://localhost:8000/a", "chroma://host:port/collection")]
    public void Parse_BadLocation_IsAConfigurationError(string location, string hint)
    {
        var error = Assert.Throws<ConnectorConfigurationException>(() => ChromaSettings.Parse(new ConnectorContext(location)));
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("colour", "blue", "Unknown Chroma option 'colour'")]
    [InlineData("rich_types", "maybe", "rich_types")]
    [InlineData("space", "hamming", "cosine, l2 or ip")]
    [InlineData("batch_size", "0", "batch_size")]
    public void Parse_BadOption_IsAConfigurationErrorNamingIt(string key, string value, string hint)
    {
        var context = new ConnectorContext("chroma://localhost:8000/docs", new ConnectorOptions([new(key, value)]));
        var error = Assert.Throws<ConnectorConfigurationException>(() => ChromaSettings.Parse(context));
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Token_ComesFromTheSecretNotTheOptions()
    {
        var context = new ConnectorContext("chroma://localhost:8000/docs") { GetSecret = name => name == "CHROMA_TOKEN" ? "s3cret" : null };
        Assert.Equal("s3cret", ChromaSettings.Parse(context).Token);
        Assert.Throws<ConnectorConfigurationException>(() => ChromaSettings.Parse(new ConnectorContext("chroma://localhost:8000/docs", new ConnectorOptions([new("token", "x")]))));
    }

    private static ChromaSettings Settings(params (string Key, string Value)[] options) =>
        ChromaSettings.Parse(new ConnectorContext("chroma://localhost:8000/docs", new ConnectorOptions(options.Select(o => new KeyValuePair<string, string>(o.Key, o.Value)))));

    /// <summary>The upsert body of one row turned into the GetResponse shape Chroma answers with.</summary>
    private static string GetResponse(ChromaRow row)
    {
        var upsert = Encoding.UTF8.GetString(ChromaUpsertWriter.Write([row], 0, 1).Span);
        return upsert.Insert(upsert.Length - 1, ",\"include\":[\"embeddings\",\"documents\",\"metadatas\"]");
    }
}
