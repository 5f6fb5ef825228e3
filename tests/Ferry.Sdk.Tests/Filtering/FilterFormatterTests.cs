using Ferry.Sdk.Filtering;
using Ferry.Sdk.Records;
using Xunit;

namespace Ferry.Sdk.Tests.Filtering;

public sealed class FilterFormatterTests
{
    [Theory]
    [InlineData("x = 1", "x = 1")]
    [InlineData("x <> 1", "x != 1")]
    [InlineData("x == 'a'", "x = 'a'")]
    [InlineData("3 < x", "x > 3")]
    [InlineData("x   in(1,2 , 3)", "x IN (1, 2, 3)")]
    [InlineData("x not in ()", "x NOT IN ()")]
    [InlineData("x is null", "x IS NULL")]
    [InlineData("x is not null", "x IS NOT NULL")]
    [InlineData("x like 'a%'", "x LIKE 'a%'")]
    [InlineData("x not like 'it''s'", "x NOT LIKE 'it''s'")]
    [InlineData("array_contains(tags, 'x')", "tags CONTAINS 'x'")]
    [InlineData("tags not contains 1", "NOT tags CONTAINS 1")]
    [InlineData("a = 1 and b = 2 or c = 3", "(a = 1 AND b = 2) OR c = 3")]
    [InlineData("a = 1 or b = 2 and c = 3", "a = 1 OR (b = 2 AND c = 3)")]
    [InlineData("(a = 1 or b = 2) and c = 3", "(a = 1 OR b = 2) AND c = 3")]
    [InlineData("(a = 1 and b = 2) and c = 3", "(a = 1 AND b = 2) AND c = 3")]
    [InlineData("not (a = 1 or b = 2)", "NOT (a = 1 OR b = 2)")]
    [InlineData("not not a = 1", "NOT NOT a = 1")]
    [InlineData("((a = 1))", "a = 1")]
    [InlineData("x = 1.0", "x = 1.0")]
    [InlineData("x = 1e20", "x = 1E+20")]
    [InlineData("x = -0.0", "x = -0.0")]
    [InlineData("x = float 'nan'", "x = FLOAT 'NaN'")]
    [InlineData("x = 18446744073709551615", "x = DECIMAL '18446744073709551615'")]
    [InlineData("x = decimal '1.50'", "x = DECIMAL '1.50'")]
    [InlineData("x = true", "x = TRUE")]
    [InlineData("x = null", "x = NULL")]
    [InlineData("x = date '2024-02-03'", "x = TIMESTAMP '2024-02-03T00:00:00.0000000+00:00'")]
    [InlineData("x >= timestamp '2024-02-03T04:05:06.5-07:30'", "x >= TIMESTAMP '2024-02-03T04:05:06.5000000-07:30'")]
    [InlineData("x = x'00ff'", "x = X'00FF'")]
    [InlineData("x = [1, 'a', [null]]", "x = [1, 'a', [NULL]]")]
    [InlineData("x = {'k': 1, 'it''s': {}}", "x = {'k': 1, 'it''s': {}}")]
    [InlineData("\"my field\".x = 1", "\"my field\".x = 1")]
    [InlineData("\"plain\" = 1", "plain = 1")]
    [InlineData("\"and\".\"a.b\" = 1", "\"and\".\"a.b\" = 1")]
    [InlineData("metadata.author.name = 'x'", "metadata.author.name = 'x'")]
    [InlineData("3 < x and (a = 1 and b <> 2) or tags not contains 'x'", "(x > 3 AND (a = 1 AND b != 2)) OR NOT tags CONTAINS 'x'")]
    public void ToString_ParsedFilter_GivesCanonicalText(string text, string canonical)
    {
        Assert.Equal(canonical, FilterParser.Parse(text).ToString());
        Assert.Equal(canonical, FilterFormatter.Format(FilterParser.Parse(text)));
    }

    [Fact]
    public void ToString_RandomTrees_ParseBackToEqualTrees()
    {
        for (var seed = 0; seed < 40; seed++)
        {
            var generator = new FilterGenerator(seed);
            for (var i = 0; i < 100; i++)
            {
                var filter = generator.Filter();
                var text = filter.ToString();
                FilterExpression parsed;
                try
                {
                    parsed = FilterParser.Parse(text);
                }
                catch (FilterSyntaxException error)
                {
                    Assert.Fail($"seed {seed}, tree {i}: {error.Message}\n{text}");
                    throw;
                }

                Assert.True(filter.Equals(parsed), $"seed {seed}, tree {i}: round trip changed the tree\n{text}\n{parsed}");
                Assert.Equal(text, parsed.ToString());
            }
        }
    }

    [Fact]
    public void FormatValue_RandomValues_ParseBackToEqualValues()
    {
        var generator = new FilterGenerator(12345);
        for (var i = 0; i < 3000; i++)
        {
            var value = generator.Value(0);
            var text = FilterFormatter.FormatValue(value);
            var parsed = FilterParser.ParseValue(text);
            if (value.Kind == MetadataKind.Float && double.IsNaN(value.AsFloat()))
            {
                Assert.True(double.IsNaN(parsed.AsFloat()));
                continue;
            }

            Assert.True(value.Equals(parsed), $"{value} -> {text} -> {parsed}");
        }
    }

    [Fact]
    public void FormatField_RandomFields_ParseBackToEqualFields()
    {
        var generator = new FilterGenerator(777);
        for (var i = 0; i < 1000; i++)
        {
            var field = generator.Field();
            Assert.Equal(field, FilterParser.ParseField(FilterFormatter.FormatField(field)));
        }
    }

    [Fact]
    public void FormatValue_NegativeZeroDecimal_KeepsSign()
    {
        var negativeZero = MetadataValue.FromDecimal(new decimal(0, 0, 0, true, 2));
        Assert.Equal("DECIMAL '-0.00'", FilterFormatter.FormatValue(negativeZero));
        Assert.Equal(negativeZero, FilterParser.ParseValue("DECIMAL '-0.00'"));
    }

    [Fact]
    public void FormatValue_IntegralFloat_KeepsFloatKind()
    {
        Assert.Equal("3.0", FilterFormatter.FormatValue(MetadataValue.FromFloat(3)));
        Assert.Equal(MetadataKind.Float, FilterParser.ParseValue("3.0").Kind);
    }

    [Fact]
    public void Format_EmptyAnd_ThrowsArgumentExceptionButToStringDoesNot()
    {
        var empty = new AndFilter([]);
        Assert.Throws<ArgumentException>(() => FilterFormatter.Format(empty));
        Assert.Equal("<an AND without operands has no text form>", empty.ToString());
    }

    [Fact]
    public void Format_UnknownNodeType_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => FilterFormatter.Format(new CustomFilter()));
        Assert.Equal("<CustomFilter is not a filter node of the filter language>", new CustomFilter().ToString());
    }

    [Fact]
    public void ToString_ProgrammaticTree_RendersWithMinimalQuoting()
    {
        var filter = new AndFilter(
        [
            new ComparisonFilter(new FieldReference(["published"]), ComparisonOperator.GreaterThanOrEqual, "2024-01-01"),
            new InFilter(new FieldReference(["metadata", "lang"]), ["en", "fr"], false),
            new NotFilter(new LikeFilter(new FieldReference(["title"]), "Draft%", false)),
        ]);
        Assert.Equal("published >= '2024-01-01' AND metadata.lang IN ('en', 'fr') AND NOT title LIKE 'Draft%'", filter.ToString());
    }

    private sealed record CustomFilter : FilterExpression;
}
