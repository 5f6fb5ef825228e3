using Ferry.Plugins.Postgres.Internal.Connection;
using Ferry.Plugins.Postgres.Internal.Mapping;
using Ferry.Plugins.Postgres.Internal.Reading;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Errors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using Xunit;

namespace Ferry.Connectors.Tests.Postgres;

/// <summary>The plugin's encodings and parsing, without a server.</summary>
public sealed class PostgresUnitTests
{
    [Fact]
    public void TaggedJson_EveryKindAndOddFloat_RoundTripsExactly()
    {
        var entries = new List<KeyValuePair<string, MetadataValue>>
        {
            new("nan", double.NaN), new("inf", double.PositiveInfinity), new("ninf", double.NegativeInfinity), new("nzero", -0.0),
            new("big", 1e300), new("tiny", 5e-324), new("whole", 1.0), new("tenth", 0.1), new("int", long.MinValue),
            new("dec", MetadataValue.FromDecimal(1.50m)), new("when", MetadataValue.FromTimestamp(new DateTimeOffset(2024, 2, 29, 1, 2, 3, TimeSpan.FromHours(-7)).AddTicks(7))),
            new("bytes", MetadataValue.FromBytes([0, 255])), new("nul", "a\0b"), new("surrogate", "x\udc00y"), new("empty", string.Empty),
            new("null", MetadataValue.Null), new("bool", true),
            new("array", MetadataValue.FromArray([1L, 2.0, "s", MetadataValue.Null, MetadataValue.FromArray([])])),
            new("tagged-looking", MetadataValue.FromObject([new("$ferry", "float"), new("v", "NaN")])),
        };

        var json = TaggedJson.EncodeObject(entries);
        var decoded = TaggedJson.DecodeObject(json);

        Assert.Equal(entries.Count, decoded.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            Assert.Equal(entries[i].Key, decoded[i].Key);
            Assert.True(entries[i].Value.Equals(decoded[i].Value), $"{entries[i].Key}: {entries[i].Value} became {decoded[i].Value}");
        }

        Assert.Contains("\"whole\":1.0", json, StringComparison.Ordinal);
        Assert.Contains("\"tenth\":0.1", json, StringComparison.Ordinal);
        Assert.Contains("\"int\":-9223372036854775808", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1", MetadataKind.Integer)]
    [InlineData("-9223372036854775808", MetadataKind.Integer)]
    [InlineData("9223372036854775808", MetadataKind.Decimal)]
    [InlineData("1.0", MetadataKind.Float)]
    [InlineData("1e3", MetadataKind.Float)]
    public void JsonValues_Number_KeepsTheKindItsTextShows(string text, MetadataKind kind) =>
        Assert.Equal(kind, JsonValues.Number(text).Kind);

    [Theory]
    [InlineData("1e400")]
    [InlineData("123456789012345678901234567890123")]
    public void JsonValues_NumberBeyondEveryKind_IsAFormatError(string text) =>
        Assert.Throws<FormatException>(() => JsonValues.Number(text));

    [Theory]
    [InlineData("12.3400", "12.3400")]
    [InlineData("-0.0001", "-0.0001")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    public void ValueReader_ParseNumeric_KeepsDigitsAndScale(string text, string expected) =>
        Assert.Equal(expected, ValueReader.ParseNumeric(text).ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1.00000000000000000000000000001")]
    [InlineData("792281625142643375935439503350")]
    public void ValueReader_ParseNumeric_NotExactAsDecimal_Throws(string text) =>
        Assert.Throws<FormatException>(() => ValueReader.ParseNumeric(text));

    [Fact]
    public void KeyPosition_TokenAndRange_RoundTripAndCheckTheKey()
    {
        string[] key = ["a\"b", "42"];
        Assert.Equal(key, KeyPosition.ParseToken(KeyPosition.FormatToken(key), 2));
        var range = KeyPosition.FormatRange(["tenant", "n"], null, key);
        var (after, through) = KeyPosition.ParseRange(range, ["tenant", "n"]);
        Assert.Null(after);
        Assert.Equal(key, through);
        Assert.Throws<ConnectorConfigurationException>(() => KeyPosition.ParseRange(range, ["id"]));
        Assert.Throws<ConnectorConfigurationException>(() => KeyPosition.ParseToken("{\"v\":1,\"after\":[\"x\"]}", 2));
        Assert.Throws<ConnectorConfigurationException>(() => KeyPosition.ParseToken("not json", 1));
    }

    [Theory]
    [InlineData("docs", null, "docs", false)]
    [InlineData("public.docs", "public", "docs", false)]
    [InlineData("\"My Schema\".\"Docs.v2\"", "My Schema", "Docs.v2", true)]
    [InlineData("s.\"a\"\"b\"", "s", "a\"b", true)]
    public void TableName_Parse_SplitsSchemaAndName(string text, string? schema, string name, bool quoted)
    {
        var table = TableName.Parse(text, null);
        Assert.Equal(schema, table.Schema);
        Assert.Equal(name, table.Name);
        Assert.Equal(quoted, table.Quoted);
    }

    [Fact]
    public void Settings_PasswordInTheLocation_IsRefused()
    {
        var error = Assert.Throws<ConnectorConfigurationException>(() =>
            PostgresSettings.Parse(new ConnectorContext("postgres://user:secret@localhost/db?table=t")));
        Assert.Contains("PGPASSWORD", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_PasswordFromTheNamedVariable_AndDefaults()
    {
        var context = new ConnectorContext("pgvector://alice@db.example:6543/shop?table=items&password_env=SHOP_PW&command_timeout=5")
        {
            GetSecret = name => name == "SHOP_PW" ? "pw" : null,
        };
        var settings = PostgresSettings.Parse(context);
        Assert.Equal("pw", settings.Connection.Password);
        Assert.Equal("alice", settings.Connection.Username);
        Assert.Equal(6543, settings.Connection.Port);
        Assert.Equal("shop", settings.Connection.Database);
        Assert.Equal(5, settings.Connection.CommandTimeout);
        Assert.Equal("items", settings.Table.Name);

        var defaults = PostgresSettings.Parse(new ConnectorContext("postgresql://bob@localhost?table=t") { GetSecret = _ => null });
        Assert.Equal(5432, defaults.Connection.Port);
        Assert.Equal("bob", defaults.Connection.Database);
        Assert.Throws<ConnectorConfigurationException>(() => PostgresSettings.Parse(new ConnectorContext("postgres://localhost/db")));
    }

    [Fact]
    public void TableLayout_Plan_TypedColumnsOnlyForSingleKindFieldsAndNoClashes()
    {
        var schema = new DatasetSchema
        {
            Vectors = [new VectorField(Record.DefaultVectorName, 3, DistanceMetric.Dot), new VectorField("metadata", 2, DistanceMetric.L2) { StorageType = "float16" }],
            Metadata =
            [
                new MetadataField("year", MetadataKind.Integer),
                new MetadataField("mixed", null),
                new MetadataField("obj", MetadataKind.Object),
                new MetadataField("tags", MetadataKind.Array) { ItemKind = MetadataKind.String },
                new MetadataField("nested", MetadataKind.Array) { ItemKind = MetadataKind.Array },
                new MetadataField("text", MetadataKind.String),
                new MetadataField("embedding", MetadataKind.String),
                new MetadataField(new string('x', 64), MetadataKind.String),
            ],
        };

        var layout = TableLayout.Plan(schema, VectorStorage.Vector, 100, keepHalfPrecision: true);

        Assert.Equal(["embedding", "metadata_vector"], layout.Vectors.Select(v => v.Column));
        Assert.Equal(VectorStorage.Halfvec, layout.Vectors[1].Storage);
        Assert.Equal(["year", "tags"], layout.Fields.Select(f => f.Name));
        var again = TableLayout.FromComment(layout.ToComment())!;
        Assert.Equal(layout.Vectors, again.Vectors);
        Assert.Equal(layout.Fields, again.Fields);
        Assert.Equal(schema.Metadata, again.Declared);
        Assert.Null(TableLayout.FromComment("a comment someone wrote"));
    }
}
