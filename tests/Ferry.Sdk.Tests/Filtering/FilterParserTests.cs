using Ferry.Sdk.Filtering;
using Ferry.Sdk.Records;
using Xunit;

namespace Ferry.Sdk.Tests.Filtering;

public sealed class FilterParserTests
{
    private static FieldReference F(params string[] path) => new(path);

    private static ComparisonFilter Cmp(string field, ComparisonOperator op, MetadataValue value) => new(F(field), op, value);

    [Theory]
    [InlineData("x = 1", ComparisonOperator.Equal)]
    [InlineData("x == 1", ComparisonOperator.Equal)]
    [InlineData("x != 1", ComparisonOperator.NotEqual)]
    [InlineData("x <> 1", ComparisonOperator.NotEqual)]
    [InlineData("x < 1", ComparisonOperator.LessThan)]
    [InlineData("x <= 1", ComparisonOperator.LessThanOrEqual)]
    [InlineData("x > 1", ComparisonOperator.GreaterThan)]
    [InlineData("x >= 1", ComparisonOperator.GreaterThanOrEqual)]
    [InlineData("x>=1", ComparisonOperator.GreaterThanOrEqual)]
    public void Parse_ComparisonOperator_GivesComparison(string text, ComparisonOperator op)
    {
        Assert.Equal(Cmp("x", op, 1L), FilterParser.Parse(text));
    }

    [Theory]
    [InlineData("1 < x", ComparisonOperator.GreaterThan)]
    [InlineData("1 <= x", ComparisonOperator.GreaterThanOrEqual)]
    [InlineData("1 > x", ComparisonOperator.LessThan)]
    [InlineData("1 >= x", ComparisonOperator.LessThanOrEqual)]
    [InlineData("1 = x", ComparisonOperator.Equal)]
    [InlineData("1 != x", ComparisonOperator.NotEqual)]
    public void Parse_LiteralOnTheLeft_MirrorsOperator(string text, ComparisonOperator op)
    {
        Assert.Equal(Cmp("x", op, 1L), FilterParser.Parse(text));
    }

    [Fact]
    public void Parse_Literals_GiveTypedValues()
    {
        Assert.Equal(MetadataValue.FromString("it's"), Value("'it''s'"));
        Assert.Equal(MetadataValue.FromString(""), Value("''"));
        Assert.Equal(MetadataValue.FromInteger(42), Value("42"));
        Assert.Equal(MetadataValue.FromInteger(-42), Value("-42"));
        Assert.Equal(MetadataValue.FromInteger(7), Value("+7"));
        Assert.Equal(MetadataValue.FromInteger(long.MinValue), Value("-9223372036854775808"));
        Assert.Equal(MetadataValue.FromDecimal(18446744073709551615m), Value("18446744073709551615"));
        Assert.Equal(MetadataValue.FromFloat(1.5), Value("1.5"));
        Assert.Equal(MetadataValue.FromFloat(-0.25), Value("-0.25"));
        Assert.Equal(MetadataValue.FromFloat(1e10), Value("1e10"));
        Assert.Equal(MetadataValue.FromFloat(2.5e-3), Value("2.5E-3"));
        Assert.Equal(MetadataValue.FromFloat(1e5), Value("1E+5"));
        Assert.Equal(MetadataValue.True, Value("true"));
        Assert.Equal(MetadataValue.True, Value("TRUE"));
        Assert.Equal(MetadataValue.False, Value("False"));
        Assert.Equal(MetadataValue.Null, Value("null"));
        Assert.Equal(MetadataValue.FromTimestamp(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)), Value("TIMESTAMP '2024-01-01T00:00:00Z'"));
        Assert.Equal(MetadataValue.FromTimestamp(new DateTimeOffset(2024, 3, 5, 10, 20, 30, TimeSpan.FromHours(2)).AddTicks(1234567)), Value("timestamp '2024-03-05T10:20:30.1234567+02:00'"));
        Assert.Equal(MetadataValue.FromTimestamp(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)), Value("DATE '2024-01-01'"));
        Assert.Equal(MetadataValue.FromDecimal(1.50m), Value("DECIMAL '1.50'"));
        Assert.Equal(MetadataValue.FromBytes([0x0A, 0xFF]), Value("X'0aFF'"));
        Assert.Equal(MetadataValue.FromBytes([]), Value("x''"));
        Assert.Equal(MetadataValue.FromArray([1L, "a", MetadataValue.Null]), Value("[1, 'a', NULL]"));
        Assert.Equal(MetadataValue.FromArray([]), Value("[]"));
        Assert.Equal(
            MetadataValue.FromObject([new("a", 1L), new("b", MetadataValue.FromArray([true]))]),
            Value("{'a': 1, 'b': [TRUE]}"));
    }

    [Fact]
    public void Parse_FloatKeywordLiterals_GiveSpecialValues()
    {
        Assert.True(double.IsNaN(Value("FLOAT 'NaN'").AsFloat()));
        Assert.Equal(double.PositiveInfinity, Value("FLOAT 'Infinity'").AsFloat());
        Assert.Equal(double.NegativeInfinity, Value("float '-Infinity'").AsFloat());
        Assert.Equal(MetadataValue.FromFloat(0.5), Value("FLOAT '0.5'"));
    }

    [Fact]
    public void Parse_DecimalKeepsScale_ValueEqualsExactly()
    {
        var value = Value("DECIMAL '-12.500'");
        Assert.Equal(-12.500m, value.AsDecimal());
        Assert.Equal("-12.500", value.AsDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Parse_NegativeZeroFloat_KeepsSign()
    {
        Assert.True(double.IsNegative(Value("-0.0").AsFloat()));
    }

    [Fact]
    public void Parse_TimestampWithoutOffset_MeansUtc()
    {
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero), Value("TIMESTAMP '2024-06-01 12:00'").AsTimestamp());
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 12, 0, 5, TimeSpan.Zero), Value("TIMESTAMP '2024-06-01T12:00:05'").AsTimestamp());
    }

    [Fact]
    public void Parse_TimestampWithLongFraction_TruncatesToTicks()
    {
        var value = Value("TIMESTAMP '2024-06-01T12:00:00.123456789Z'").AsTimestamp();
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1234567), value);
    }

    [Fact]
    public void Parse_In_GivesList()
    {
        Assert.Equal(new InFilter(F("x"), [1L, "a", 2.5], false), FilterParser.Parse("x IN (1, 'a', 2.5)"));
        Assert.Equal(new InFilter(F("x"), ["a"], true), FilterParser.Parse("x not in ('a')"));
        Assert.Equal(new InFilter(F("x"), [], false), FilterParser.Parse("x IN ()"));
    }

    [Fact]
    public void Parse_IsNull_GivesNullFilter()
    {
        Assert.Equal(new NullFilter(F("x"), false), FilterParser.Parse("x IS NULL"));
        Assert.Equal(new NullFilter(F("x"), true), FilterParser.Parse("x is not null"));
    }

    [Fact]
    public void Parse_Like_KeepsPatternRaw()
    {
        Assert.Equal(new LikeFilter(F("name"), "a%_\\%", false), FilterParser.Parse("name LIKE 'a%_\\%'"));
        Assert.Equal(new LikeFilter(F("name"), "%x", true), FilterParser.Parse("name NOT LIKE '%x'"));
    }

    [Fact]
    public void Parse_ContainsForms_GiveContainsFilter()
    {
        var expected = new ContainsFilter(F("tags"), "x");
        Assert.Equal(expected, FilterParser.Parse("tags CONTAINS 'x'"));
        Assert.Equal(expected, FilterParser.Parse("array_contains(tags, 'x')"));
        Assert.Equal(expected, FilterParser.Parse("ARRAY_CONTAINS ( tags , 'x' )"));
        Assert.Equal(new NotFilter(expected), FilterParser.Parse("tags NOT CONTAINS 'x'"));
        Assert.Equal(new ContainsFilter(F("a", "b"), 3L), FilterParser.Parse("array_contains(a.b, 3)"));
    }

    [Fact]
    public void Parse_FieldNamedLikeFunctionOrTypeKeyword_IsAField()
    {
        Assert.Equal(Cmp("array_contains", ComparisonOperator.Equal, 1L), FilterParser.Parse("array_contains = 1"));
        Assert.Equal(Cmp("timestamp", ComparisonOperator.GreaterThan, 1L), FilterParser.Parse("timestamp > 1"));
        Assert.Equal(Cmp("date", ComparisonOperator.Equal, "x"), FilterParser.Parse("date = 'x'"));
    }

    [Fact]
    public void Parse_Fields_SplitOnDotsAndHonourQuotes()
    {
        Assert.Equal(F("metadata", "author", "name"), Field("metadata.author.name"));
        Assert.Equal(F("my field", "x"), Field("\"my field\".x"));
        Assert.Equal(F("a.b"), Field("\"a.b\""));
        Assert.Equal(F("say \"hi\""), Field("\"say \"\"hi\"\"\""));
        Assert.Equal(F("and"), Field("\"and\""));
        Assert.Equal(F("a", "b"), Field("a . b"));
        Assert.Equal(F("ünïcödé_1"), Field("ünïcödé_1"));
        Assert.Equal(F(""), Field("\"\""));
    }

    [Fact]
    public void Parse_KeywordsInAnyCase_AreRecognised()
    {
        var expected = new AndFilter([new NotFilter(Cmp("a", ComparisonOperator.Equal, 1L)), new NullFilter(F("b"), false)]);
        Assert.Equal(expected, FilterParser.Parse("not a = 1 and b is null"));
        Assert.Equal(expected, FilterParser.Parse("NoT a = 1 AnD b Is NuLl"));
    }

    [Fact]
    public void Parse_AndBindsTighterThanOr()
    {
        var a = Cmp("a", ComparisonOperator.Equal, 1L);
        var b = Cmp("b", ComparisonOperator.Equal, 2L);
        var c = Cmp("c", ComparisonOperator.Equal, 3L);
        Assert.Equal(new OrFilter([a, new AndFilter([b, c])]), FilterParser.Parse("a = 1 OR b = 2 AND c = 3"));
        Assert.Equal(new OrFilter([new AndFilter([a, b]), c]), FilterParser.Parse("a = 1 AND b = 2 OR c = 3"));
    }

    [Fact]
    public void Parse_NotBindsTighterThanAnd()
    {
        var a = Cmp("a", ComparisonOperator.Equal, 1L);
        var b = Cmp("b", ComparisonOperator.Equal, 2L);
        Assert.Equal(new AndFilter([new NotFilter(a), b]), FilterParser.Parse("NOT a = 1 AND b = 2"));
        Assert.Equal(new NotFilter(new AndFilter([a, b])), FilterParser.Parse("NOT (a = 1 AND b = 2)"));
        Assert.Equal(new NotFilter(new NotFilter(a)), FilterParser.Parse("NOT NOT a = 1"));
    }

    [Fact]
    public void Parse_Parentheses_OverridePrecedenceAndKeepNesting()
    {
        var a = Cmp("a", ComparisonOperator.Equal, 1L);
        var b = Cmp("b", ComparisonOperator.Equal, 2L);
        var c = Cmp("c", ComparisonOperator.Equal, 3L);
        Assert.Equal(new AndFilter([new OrFilter([a, b]), c]), FilterParser.Parse("(a = 1 OR b = 2) AND c = 3"));
        Assert.Equal(new AndFilter([a, b, c]), FilterParser.Parse("a = 1 AND b = 2 AND c = 3"));
        Assert.Equal(new AndFilter([new AndFilter([a, b]), c]), FilterParser.Parse("(a = 1 AND b = 2) AND c = 3"));
        Assert.Equal(a, FilterParser.Parse("((a = 1))"));
    }

    [Fact]
    public void Parse_WhitespaceAndNewlines_AreIgnored()
    {
        Assert.Equal(FilterParser.Parse("a = 1 AND b IN (1,2)"), FilterParser.Parse("\n  a=1\tAND\r\n b IN(1 ,2 )  "));
    }

    [Fact]
    public void Parse_StringsKeepEverythingInside()
    {
        Assert.Equal(Cmp("x", ComparisonOperator.Equal, "a AND b = 'c' -- ) \n é 🚀"), FilterParser.Parse("x = 'a AND b = ''c'' -- ) \n é 🚀'"));
    }

    [Fact]
    public void ParseValue_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => FilterParser.Parse(null!));
        Assert.Throws<ArgumentNullException>(() => FilterParser.ParseField(null!));
        Assert.Throws<ArgumentNullException>(() => FilterParser.ParseValue(null!));
    }

    [Fact]
    public void Parse_DeepButReasonableNesting_Works()
    {
        var text = new string('(', 150) + "a = 1" + new string(')', 150);
        Assert.Equal(Cmp("a", ComparisonOperator.Equal, 1L), FilterParser.Parse(text));
    }

    private static MetadataValue Value(string text) => FilterParser.ParseValue(text);

    private static FieldReference Field(string text) => FilterParser.ParseField(text);
}
