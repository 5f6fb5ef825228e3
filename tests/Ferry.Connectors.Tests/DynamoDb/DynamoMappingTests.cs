using Amazon.DynamoDBv2.Model;
using Ferry.Plugins.DynamoDb.Internal;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Xunit;

namespace Ferry.Connectors.Tests.DynamoDb;

/// <summary>Unit tests of the DynamoDB mapping rules (no server): numbers, ids, tokens, location parsing.</summary>
public sealed class DynamoMappingTests
{
    [Theory]
    [InlineData("42", MetadataKind.Integer, "42")]
    [InlineData("-9223372036854775808", MetadataKind.Integer, "-9223372036854775808")]
    [InlineData("1E2", MetadataKind.Integer, "100")]
    [InlineData("100.000", MetadataKind.Integer, "100")]
    [InlineData("9223372036854775808", MetadataKind.Decimal, "9223372036854775808m")]
    [InlineData("0.5", MetadataKind.Float, "0.5")]
    [InlineData("0.30000000000000004", MetadataKind.Float, "0.30000000000000004")]
    [InlineData("19.900", MetadataKind.Float, "19.9")]
    [InlineData("0.1000000000000000000001", MetadataKind.Decimal, "0.1000000000000000000001m")]
    [InlineData("1E-130", MetadataKind.Float, "1E-130")]
    [InlineData("0", MetadataKind.Integer, "0")]
    [InlineData("-0.000", MetadataKind.Integer, "0")]
    public void Classify_Auto_TypesByValue(string number, MetadataKind kind, string rendered)
    {
        var value = DynamoNumber.Classify(number, NumberMode.Auto);
        Assert.NotNull(value);
        Assert.Equal(kind, value.Kind);
        Assert.Equal(rendered, value.ToString());
    }

    [Fact]
    public void Classify_DecimalMode_PrefersExactDecimals()
    {
        Assert.Equal(MetadataValue.FromDecimal(0.5m), DynamoNumber.Classify("0.5", NumberMode.Decimal));
        Assert.Equal(MetadataKind.Float, DynamoNumber.Classify("1E-130", NumberMode.Decimal)!.Kind);
    }

    [Fact]
    public void Classify_ThirtyEightDigits_IsNeitherAndStaysText()
    {
        Assert.Null(DynamoNumber.Classify("12345678901234567890123456789012345678", NumberMode.Auto));
        Assert.Null(DynamoNumber.Classify("0.12345678901234567890123456789012345678", NumberMode.Auto));
    }

    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(1e125, "1E+125")]
    [InlineData(1e126, null)]
    [InlineData(1e-131, null)]
    [InlineData(-0.0, null)]
    [InlineData(double.PositiveInfinity, null)]
    public void Format_Doubles_WithinDynamoLimitsOnly(double value, string? expected) =>
        Assert.Equal(expected, DynamoNumber.Format(value));

    [Theory]
    [InlineData("plain", "S", "S", "plain")]
    [InlineData("a#b", "S", "N", "a\\#b#12.5")]
    [InlineData("back\\slash", "S", "S", "back\\\\slash#x")]
    public void IdOf_CompositeKey_EscapesAndParsesBack(string partition, string partitionType, string sortType, string expectedId)
    {
        var key = new KeySchema(new KeyAttribute("pk", partitionType), expectedId.Contains('#', StringComparison.Ordinal) ? new KeyAttribute("sk", sortType) : null);
        var item = new Dictionary<string, AttributeValue> { ["pk"] = new() { S = partition } };
        if (key.Sort is not null)
        {
            item["sk"] = sortType == "N" ? new AttributeValue { N = "12.5" } : new AttributeValue { S = "x" };
        }

        var id = key.IdOf(item, '#');
        var back = key.KeyOf(id, '#');

        Assert.Equal(expectedId, id);
        Assert.Equal(DynamoItems.Canonical(item), DynamoItems.Canonical(back));
    }

    [Fact]
    public void IdOf_BinaryKey_IsBase64()
    {
        var key = new KeySchema(new KeyAttribute("pk", "B"), null);
        var id = key.IdOf(new() { ["pk"] = new() { B = new MemoryStream([0xFF, 0x00, 0x23]) } }, '#');

        Assert.Equal("/wAj", id);
        Assert.Equal([0xFF, 0x00, 0x23], key.KeyOf(id, '#')["pk"].B.ToArray());
    }

    [Theory]
    [InlineData("no-separator")]
    [InlineData("too#many#parts")]
    [InlineData("a#not-a-number")]
    public void KeyOf_IdThatDoesNotFitTheKey_IsAFormatError(string id)
    {
        var key = new KeySchema(new KeyAttribute("pk", "S"), new KeyAttribute("sk", "N"));
        Assert.Throws<FormatException>(() => key.KeyOf(id, '#'));
    }

    [Fact]
    public void ScanToken_KeysOfEveryType_RoundTripExactly()
    {
        var key = new Dictionary<string, AttributeValue>
        {
            ["b"] = new() { B = new MemoryStream([0, 255, 34]) },
            ["n"] = new() { N = "-12345678901234567890.000001" },
            ["s"] = new() { S = "quote \" and ✓" },
        };

        var token = ScanToken.Of(key);

        Assert.Equal(DynamoItems.Canonical(key), DynamoItems.Canonical(ScanToken.Parse(token)!));
        Assert.Equal(ScanToken.End, ScanToken.Of(null));
        Assert.Null(ScanToken.Parse(ScanToken.End));
        Assert.Throws<ConnectorConfigurationException>(() => ScanToken.Parse("{not json"));
    }

    [Theory]
    [InlineData("dynamodb://127.0.0.1:4567/docs?region=eu-west-1", "http://127.0.0.1:4567/", "eu-west-1")]
    [InlineData("dynamodb://aws/docs?region=eu-west-1", null, "eu-west-1")]
    [InlineData("dynamodb://db.local/docs?tls=true", "https://db.local:443/", "us-east-1")]
    public void Parse_Location_GivesEndpointAndRegion(string location, string? serviceUrl, string region)
    {
        var uri = new Uri(location);
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        var settings = DynamoSettings.Parse(new ConnectorContext(location.Split('?')[0], new ConnectorOptions(query.AllKeys.Select(k => new KeyValuePair<string, string>(k!, query[k]!)))));

        Assert.Equal(serviceUrl is null ? null : new Uri(serviceUrl), settings.ServiceUrl);
        Assert.Equal(region, settings.Region);
        Assert.Equal("docs", settings.Table);
    }

    [Theory]
    [InlineData("vector_format", "hex", "vector_format")]
    [InlineData("key", "pk:X", "TYPE S, N or B")]
    [InlineData("id_separator", "::", "id_separator")]
    [InlineData("password", "x", "Unknown DynamoDB option 'password'")]
    public void Parse_BadOption_IsAConfigurationErrorNamingIt(string option, string value, string hint)
    {
        var context = new ConnectorContext("dynamodb://127.0.0.1:4567/docs", new ConnectorOptions([new(option, value)]));
        var error = Assert.Throws<ConnectorConfigurationException>(() => DynamoSettings.Parse(context));
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
    }
}
