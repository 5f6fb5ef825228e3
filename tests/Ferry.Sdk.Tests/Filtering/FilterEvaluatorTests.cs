using Ferry.Sdk.Filtering;
using Ferry.Sdk.Records;
using Xunit;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Sdk.Tests.Filtering;

public sealed class FilterEvaluatorTests
{
    private static readonly DateTimeOffset Jan1 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A record with one of everything: record fields, scalars of every kind, nested objects, arrays, an explicit null.</summary>
    private static Record Sample()
    {
        var record = new Record("doc-1") { Text = "Hello World", Title = null, Collection = "news" };
        record.Metadata["count"] = 2L;
        record.Metadata["ratio"] = 2.5;
        record.Metadata["price"] = MetadataValue.FromDecimal(1.50m);
        record.Metadata["big"] = 9007199254740993L;
        record.Metadata["name"] = "alpha";
        record.Metadata["flag"] = true;
        record.Metadata["nothing"] = MetadataValue.Null;
        record.Metadata["published"] = new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.FromHours(2));
        record.Metadata["date_text"] = "2024-05-01";
        record.Metadata["loose_date"] = "2024-1-5";
        record.Metadata["blob"] = MetadataValue.FromBytes([1, 2, 3]);
        record.Metadata["nan"] = double.NaN;
        record.Metadata["tags"] = MetadataValue.FromArray(["a", "b"]);
        record.Metadata["mixed"] = MetadataValue.FromArray([1L, "a", 2.5, MetadataValue.Null, Jan1, MetadataValue.FromArray([1L])]);
        record.Metadata["author"] = MetadataValue.FromObject(
        [
            new("name", "Ada"),
            new("address", MetadataValue.FromObject([new("city", "London")])),
            new("empty", MetadataValue.Null),
        ]);
        record.Metadata["a.b"] = "dotted key";
        return record;
    }

    private static bool Matches(string filter, Record? record = null) => FilterEvaluator.Matches(FilterParser.Parse(filter), record ?? Sample());

    [Theory]
    [InlineData("id = 'doc-1'", true)]
    [InlineData("id != 'doc-1'", false)]
    [InlineData("id LIKE 'doc-%'", true)]
    [InlineData("text = 'Hello World'", true)]
    [InlineData("text LIKE 'hello%'", false)]
    [InlineData("title IS NULL", true)]
    [InlineData("title = 'x'", false)]
    [InlineData("title != 'x'", false)]
    [InlineData("record_type = 'document'", true)]
    [InlineData("collection IN ('news', 'blog')", true)]
    [InlineData("collection > 'm'", true)]
    [InlineData("metadata.id IS NULL", true)]
    public void Matches_RecordFields_AreStrings(string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter));
    }

    [Theory]
    [InlineData("author.name = 'Ada'", true)]
    [InlineData("metadata.author.name = 'Ada'", true)]
    [InlineData("author.address.city = 'London'", true)]
    [InlineData("author.address.city.zip IS NULL", true)]
    [InlineData("author.missing IS NULL", true)]
    [InlineData("author.empty IS NULL", true)]
    [InlineData("author.empty IS NOT NULL", false)]
    [InlineData("author.name.first IS NULL", true)]
    [InlineData("author IS NOT NULL", true)]
    [InlineData("nope.deeper IS NULL", true)]
    [InlineData("\"a.b\" = 'dotted key'", true)]
    [InlineData("a.b IS NULL", true)]
    [InlineData("metadata IS NULL", true)]
    public void Matches_NestedPaths_WalkObjects(string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter));
    }

    [Theory]
    [InlineData("count = 2", true)]
    [InlineData("count = 2.0", true)]
    [InlineData("count = DECIMAL '2.000'", true)]
    [InlineData("count < 2.5", true)]
    [InlineData("count > 1.999", true)]
    [InlineData("count IN (2.0)", true)]
    [InlineData("ratio = 2.5", true)]
    [InlineData("ratio > 2", true)]
    [InlineData("ratio < 3", true)]
    [InlineData("ratio = DECIMAL '2.50'", true)]
    [InlineData("price = 1.5", true)]
    [InlineData("price = DECIMAL '1.5'", true)]
    [InlineData("price > 1", true)]
    [InlineData("price < 2", true)]
    [InlineData("big = 9007199254740992.0", false)]
    [InlineData("big > 9007199254740992.0", true)]
    [InlineData("big < 9007199254740994.0", true)]
    [InlineData("big = 9007199254740993", true)]
    [InlineData("count > 1e300", false)]
    [InlineData("count > -1e300", true)]
    [InlineData("nan = FLOAT 'NaN'", false)]
    [InlineData("nan != FLOAT 'NaN'", false)]
    [InlineData("nan > 1", false)]
    [InlineData("count < FLOAT 'Infinity'", true)]
    public void Matches_Numbers_CompareAcrossKinds(string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter));
    }

    [Theory]
    [InlineData("published >= '2024-01-01'", true)]
    [InlineData("published < '2024-01-01'", false)]
    [InlineData("published = '2024-03-01T10:00:00Z'", true)]
    [InlineData("published = '2024-03-01T12:00:00+02:00'", true)]
    [InlineData("published = TIMESTAMP '2024-03-01T11:00:00+01:00'", true)]
    [InlineData("published > DATE '2024-03-01'", true)]
    [InlineData("published < DATE '2024-03-02'", true)]
    [InlineData("published IN ('2024-03-01T10:00:00Z', 'x')", true)]
    [InlineData("published = 'not a date'", false)]
    [InlineData("published != 'not a date'", false)]
    [InlineData("NOT published = 'not a date'", false)]
    [InlineData("published = 20240301", false)]
    [InlineData("date_text = DATE '2024-05-01'", true)]
    [InlineData("date_text > TIMESTAMP '2024-04-30T23:59:59Z'", true)]
    [InlineData("date_text = '2024-05-01T00:00:00Z'", false)]
    [InlineData("date_text < '2024-05-01T00:00:00Z'", true)]
    [InlineData("loose_date > '2024-01-31'", true)]
    [InlineData("loose_date > DATE '2024-01-31'", false)]
    [InlineData("loose_date != DATE '2024-01-31'", false)]
    [InlineData("name = TIMESTAMP '2024-01-01T00:00:00Z'", false)]
    [InlineData("name != TIMESTAMP '2024-01-01T00:00:00Z'", false)]
    public void Matches_Timestamps_CompareAsInstantsAndReadIsoStrings(string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter));
    }

    [Theory]
    [InlineData("name = 'alpha'", true)]
    [InlineData("name = 'Alpha'", false)]
    [InlineData("name > 'Zeta'", true)]
    [InlineData("name < 'alphabet'", true)]
    [InlineData("name >= 'alpha'", true)]
    [InlineData("name = 1", false)]
    [InlineData("name != 1", false)]
    [InlineData("NOT name = 1", false)]
    [InlineData("count = '2'", false)]
    [InlineData("count != '2'", false)]
    [InlineData("flag = TRUE", true)]
    [InlineData("flag > FALSE", true)]
    [InlineData("flag = 1", false)]
    [InlineData("blob = X'010203'", true)]
    [InlineData("blob < X'0103'", true)]
    [InlineData("blob = '010203'", false)]
    [InlineData("tags = ['a', 'b']", true)]
    [InlineData("tags = ['b', 'a']", false)]
    [InlineData("tags != ['a']", true)]
    [InlineData("tags < ['z']", false)]
    [InlineData("mixed = [1.0, 'a', 2.5, NULL, TIMESTAMP '2024-01-01T00:00:00Z', [1]]", true)]
    [InlineData("author.address = {'city': 'London'}", true)]
    [InlineData("author.address = {'city': 'Paris'}", false)]
    [InlineData("author.address = ['London']", false)]
    public void Matches_KindRules_StringsOrdinalIncompatibleNeverMatch(string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter));
    }

    [Theory]
    [InlineData("missing = 1", false, false)]
    [InlineData("missing != 1", false, false)]
    [InlineData("missing < 1", false, false)]
    [InlineData("missing >= 1", false, false)]
    [InlineData("missing IN (1, NULL)", false, false)]
    [InlineData("missing NOT IN (1)", false, false)]
    [InlineData("missing LIKE '%'", false, false)]
    [InlineData("missing NOT LIKE 'x'", false, false)]
    [InlineData("missing CONTAINS 1", false, false)]
    [InlineData("missing NOT CONTAINS 1", false, false)]
    [InlineData("missing IS NULL", true, true)]
    [InlineData("missing IS NOT NULL", false, false)]
    [InlineData("NOT missing = 1", false, false)]
    [InlineData("NOT missing IS NULL", false, false)]
    [InlineData("missing = NULL", false, false)]
    [InlineData("missing != NULL", false, false)]
    public void Matches_AbsentAndNull_BehaveTheSame(string template, bool absentExpected, bool nullExpected)
    {
        Assert.Equal(absentExpected, Matches(template));
        Assert.Equal(nullExpected, Matches(template.Replace("missing", "nothing", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("count = NULL", false)]
    [InlineData("count != NULL", false)]
    [InlineData("NOT count = NULL", false)]
    [InlineData("count IN (NULL)", false)]
    [InlineData("count NOT IN (NULL)", true)]
    [InlineData("count NOT IN (1, NULL)", true)]
    [InlineData("count IN (2, NULL)", true)]
    [InlineData("tags CONTAINS NULL", false)]
    [InlineData("tags NOT CONTAINS NULL", false)]
    public void Matches_NullLiterals_NeverMatch(string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter));
    }

    [Theory]
    [InlineData("missing = 1 OR count = 2", true)]
    [InlineData("missing = 1 AND count = 2", false)]
    [InlineData("NOT (missing = 1 AND count = 3)", true)]
    [InlineData("NOT (missing = 1 OR count = 3)", false)]
    [InlineData("NOT (missing = 1 OR count = 2)", false)]
    [InlineData("NOT NOT missing = 1", false)]
    [InlineData("NOT (missing = 1 AND NOT count = 2)", true)]
    [InlineData("(missing = 1 OR count = 3) OR name = 'alpha'", true)]
    public void Matches_Logic_IsSqlThreeValued(string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter));
    }

    [Theory]
    [InlineData("mixed CONTAINS 1", true)]
    [InlineData("mixed CONTAINS 1.0", true)]
    [InlineData("mixed CONTAINS DECIMAL '1'", true)]
    [InlineData("mixed CONTAINS 'a'", true)]
    [InlineData("mixed CONTAINS 2.5", true)]
    [InlineData("mixed CONTAINS 2", false)]
    [InlineData("mixed CONTAINS 'b'", false)]
    [InlineData("mixed CONTAINS '2024-01-01'", true)]
    [InlineData("mixed CONTAINS TIMESTAMP '2024-01-01T01:00:00+01:00'", true)]
    [InlineData("mixed CONTAINS [1.0]", true)]
    [InlineData("mixed CONTAINS [2]", false)]
    [InlineData("mixed NOT CONTAINS 'b'", true)]
    [InlineData("mixed NOT CONTAINS 1", false)]
    [InlineData("array_contains(tags, 'a')", true)]
    [InlineData("array_contains(tags, 'A')", false)]
    [InlineData("name CONTAINS 'alpha'", false)]
    [InlineData("name NOT CONTAINS 'alpha'", false)]
    [InlineData("author CONTAINS 'Ada'", false)]
    public void Matches_Contains_FindsEqualItemsAcrossKinds(string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter));
    }

    [Theory]
    [InlineData("count IN (1, 2, 3)", true)]
    [InlineData("count IN ('2', 2.0)", true)]
    [InlineData("count IN ('2')", false)]
    [InlineData("count NOT IN ('2')", true)]
    [InlineData("count NOT IN (1, 3)", true)]
    [InlineData("count NOT IN (2)", false)]
    [InlineData("count IN ()", false)]
    [InlineData("count NOT IN ()", true)]
    [InlineData("name IN ('ALPHA', 'beta')", false)]
    [InlineData("tags IN (['a', 'b'])", true)]
    public void Matches_In_IsSetMembership(string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter));
    }

    [Fact]
    public void Matches_LargeInLists_UseSameRulesAsSmallOnes()
    {
        var strings = string.Join(", ", Enumerable.Range(0, 100).Select(i => $"'s{i}'"));
        var integers = string.Join(", ", Enumerable.Range(0, 100));
        var record = Sample();
        record.Metadata["s"] = "s42";
        record.Metadata["f"] = 42.0;
        record.Metadata["i"] = 42L;
        record.Metadata["ts"] = Jan1;
        Assert.True(Matches($"s IN ({strings})", record));
        Assert.False(Matches($"name IN ({strings})", record));
        Assert.True(Matches($"name NOT IN ({strings})", record));
        Assert.True(Matches($"i IN ({integers})", record));
        Assert.True(Matches($"f IN ({integers})", record));
        Assert.False(Matches($"ratio IN ({integers})", record));
        Assert.False(Matches($"s IN ({integers})", record));
        Assert.True(Matches($"ts IN ({strings}, '2024-01-01', 's100', 's101', 's102')", record));
        Assert.True(Matches($"id IN ({strings}, 'doc-1')", record));
    }

    [Fact]
    public void Matches_EmptyJunctions_AreTrueForAndFalseForOr()
    {
        Assert.True(FilterEvaluator.Matches(new AndFilter([]), Sample()));
        Assert.False(FilterEvaluator.Matches(new OrFilter([]), Sample()));
    }

    [Fact]
    public void Evaluate_ReturnsThreeValues()
    {
        var row = new RecordFilterRow(Sample());
        Assert.True(FilterEvaluator.Compile(FilterParser.Parse("count = 2")).Evaluate(row));
        Assert.False(FilterEvaluator.Compile(FilterParser.Parse("count = 3")).Evaluate(row));
        Assert.Null(FilterEvaluator.Compile(FilterParser.Parse("missing = 3")).Evaluate(row));
        Assert.Null(FilterEvaluator.Compile(FilterParser.Parse("name < 3")).Evaluate(row));
    }

    [Fact]
    public void Matches_RecordAndRecordFilterRow_AgreeOnRandomFilters()
    {
        var record = Sample();
        var row = new RecordFilterRow(record);
        var generator = new FilterGenerator(99);
        for (var i = 0; i < 2000; i++)
        {
            var filter = generator.Filter();
            var compiled = FilterEvaluator.Compile(filter);
            Assert.Equal(compiled.Matches(row), compiled.Matches(record));
        }
    }

    [Fact]
    public void Matches_NotOfPredicate_IsComplementWhenKnown()
    {
        // Wherever a predicate is known (true or false), NOT flips it; wherever it is unknown, neither matches.
        var record = Sample();
        var row = new RecordFilterRow(record);
        var generator = new FilterGenerator(4242);
        for (var i = 0; i < 2000; i++)
        {
            var filter = generator.Filter();
            var value = FilterEvaluator.Compile(filter).Evaluate(row);
            var negated = FilterEvaluator.Compile(new NotFilter(filter)).Evaluate(row);
            Assert.Equal(value is null ? null : !value, negated);
        }
    }

    [Fact]
    public void Matches_NullArguments_Throw()
    {
        var filter = FilterParser.Parse("a = 1");
        Assert.Throws<ArgumentNullException>(() => FilterEvaluator.Matches(null!, Sample()));
        Assert.Throws<ArgumentNullException>(() => FilterEvaluator.Matches(filter, (Record)null!));
        Assert.Throws<ArgumentNullException>(() => FilterEvaluator.Matches(filter, (IFilterRow)null!));
        Assert.Throws<ArgumentNullException>(() => FilterEvaluator.Compile(null!));
    }
}
