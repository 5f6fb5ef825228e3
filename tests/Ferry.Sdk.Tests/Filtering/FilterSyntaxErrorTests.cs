using Ferry.Sdk.Filtering;
using Xunit;

namespace Ferry.Sdk.Tests.Filtering;

public sealed class FilterSyntaxErrorTests
{
    [Theory]
    [InlineData("category_id = ", 14, "Syntax error at position 14: expected a value after '=' but found end of input")]
    [InlineData("", 0, "Syntax error at position 0: expected a field name, NOT or '(' but found end of input")]
    [InlineData("a = 1 b = 2", 6, "Syntax error at position 6: expected AND, OR or end of input but found identifier 'b'")]
    [InlineData("(a = 1", 6, "Syntax error at position 6: expected AND, OR or ')' but found end of input")]
    [InlineData("a = 1)", 5, "Syntax error at position 5: expected AND, OR or end of input but found ')'")]
    [InlineData("a 1", 2, "Syntax error at position 2: expected an operator (=, !=, <, <=, >, >=, IN, NOT IN, IS, LIKE, NOT LIKE, CONTAINS) after field 'a' but found number 1")]
    [InlineData("a = b", 4, "Syntax error at position 4: expected a value after '=' but found identifier 'b'")]
    [InlineData("a IS 1", 5, "Syntax error at position 5: expected NULL or NOT NULL after IS but found number 1")]
    [InlineData("a IS NOT 1", 9, "Syntax error at position 9: expected NULL after IS NOT but found number 1")]
    [InlineData("a NOT = 1", 6, "Syntax error at position 6: expected IN, LIKE or CONTAINS after NOT but found '='")]
    [InlineData("a IN 1", 5, "Syntax error at position 5: expected '(' to start the IN list but found number 1")]
    [InlineData("a IN (1 2)", 8, "Syntax error at position 8: expected ',' or ')' in the IN list but found number 2")]
    [InlineData("a IN (1,)", 8, "Syntax error at position 8: expected a value after ',' in the IN list but found ')'")]
    [InlineData("a LIKE 5", 7, "Syntax error at position 7: expected a quoted string pattern after LIKE but found number 5")]
    [InlineData("a.", 2, "Syntax error at position 2: expected a field name after '.' but found end of input")]
    [InlineData("and = 1", 0, "Syntax error at position 0: expected a field name, NOT or '(' but found keyword AND")]
    [InlineData("a = 1 AND", 9, "Syntax error at position 9: expected a field name, NOT or '(' but found end of input")]
    [InlineData("a = 'abc", 4, "Syntax error at position 4: unterminated string literal: expected a closing ' but found end of input")]
    [InlineData("\"abc = 1", 0, "Syntax error at position 0: unterminated quoted identifier: expected a closing \" but found end of input")]
    [InlineData("a = 1 # x", 6, "Syntax error at position 6: unexpected character '#'")]
    [InlineData("a ! 1", 2, "Syntax error at position 2: expected '!=' but found '!'")]
    [InlineData("a = 12abc", 6, "Syntax error at position 6: expected a delimiter after the number but found 'a'")]
    [InlineData("a = 1e", 5, "Syntax error at position 5: expected digits after the exponent marker of a number")]
    [InlineData("a = 1e999", 4, "Syntax error at position 4: the number 1e999 is out of the range of a 64-bit float")]
    [InlineData("a = X'0G'", 7, "Syntax error at position 7: expected a hexadecimal digit in the bytes literal but found 'G'")]
    [InlineData("a = X'0'", 4, "Syntax error at position 4: a bytes literal needs an even number of hexadecimal digits")]
    [InlineData("t > TIMESTAMP '2024-13-01'", 14, "Syntax error at position 14: expected an ISO-8601 timestamp such as '2024-01-01T00:00:00Z' after TIMESTAMP but found string '2024-13-01'")]
    [InlineData("t > DATE '2024-01-01T00:00:00Z'", 9, "Syntax error at position 9: expected a date such as '2024-01-01' after DATE but found string '2024-01-01T00:00:00Z'")]
    [InlineData("t > DECIMAL 'abc'", 12, "Syntax error at position 12: expected a decimal number such as '12.50' after DECIMAL but found string 'abc'")]
    [InlineData("array_contains(tags 'x')", 20, "Syntax error at position 20: expected ',' after the first argument of array_contains but found string 'x'")]
    [InlineData("array_contains(tags, 'x'", 24, "Syntax error at position 24: expected ')' after the second argument of array_contains but found end of input")]
    [InlineData("1 = 2", 4, "Syntax error at position 4: expected a field name after '=' (one side of a comparison must be a field) but found number 2")]
    [InlineData("x = {'a': 1, 'a': 2}", 13, "Syntax error at position 13: duplicate key 'a' in the object starting at position 4")]
    [InlineData("x = [1, 2", 9, "Syntax error at position 9: expected ',' or ']' in the array but found end of input")]
    [InlineData("x = 123456789012345678901234567890", 4, "Syntax error at position 4: the integer 123456789012345678901234567890 is out of range (at most 28 digits)")]
    public void Parse_InvalidText_ThrowsWithPositionAndMessage(string text, int position, string message)
    {
        var error = Assert.Throws<FilterSyntaxException>(() => FilterParser.Parse(text));
        Assert.Equal(position, error.Position);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void FilterSyntaxException_IsAFormatException()
    {
        FormatException error = Assert.Throws<FilterSyntaxException>(() => FilterParser.Parse("x ="));
        Assert.IsType<FilterSyntaxException>(error);
    }

    [Fact]
    public void Parse_TooDeeplyNested_ThrowsSyntaxErrorNotStackOverflow()
    {
        var text = new string('(', 10_000) + "a = 1" + new string(')', 10_000);
        var error = Assert.Throws<FilterSyntaxException>(() => FilterParser.Parse(text));
        Assert.Contains("nested more than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ManyNots_ThrowsSyntaxErrorNotStackOverflow()
    {
        var text = string.Concat(Enumerable.Repeat("NOT ", 10_000)) + "a = 1";
        Assert.Throws<FilterSyntaxException>(() => FilterParser.Parse(text));
    }

    [Fact]
    public void ParseField_TrailingText_Throws()
    {
        var error = Assert.Throws<FilterSyntaxException>(() => FilterParser.ParseField("a.b c"));
        Assert.Equal(4, error.Position);
    }

    [Fact]
    public void ParseValue_FieldName_Throws()
    {
        var error = Assert.Throws<FilterSyntaxException>(() => FilterParser.ParseValue("abc"));
        Assert.Equal("Syntax error at position 0: expected a value but found identifier 'abc'", error.Message);
    }
}
