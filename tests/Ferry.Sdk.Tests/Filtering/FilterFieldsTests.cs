using Ferry.Sdk.Filtering;
using Xunit;

namespace Ferry.Sdk.Tests.Filtering;

public sealed class FilterFieldsTests
{
    [Fact]
    public void Referenced_ListsDistinctFieldsInOrderOfFirstAppearance()
    {
        var filter = FilterParser.Parse("b = 1 AND (a.x IN (1) OR NOT b > 2) AND tags CONTAINS 'x' AND c IS NULL AND d LIKE 'x' AND a.x = 3");
        var fields = FilterFields.Referenced(filter);
        Assert.Equal(
            [new(["b"]), new(["a", "x"]), new(["tags"]), new(["c"]), new(["d"])],
            fields);
    }

    [Fact]
    public void Referenced_KeepsMetadataPrefixAsWritten()
    {
        var fields = FilterFields.Referenced(FilterParser.Parse("metadata.a = 1 OR a = 2"));
        Assert.Equal([new(["metadata", "a"]), new(["a"])], fields);
    }

    [Fact]
    public void Columns_SplitsRecordFieldsFromTopLevelMetadataKeys()
    {
        var columns = FilterFields.Columns(FilterParser.Parse(
            "id = 'x' AND author.name = 'a' AND metadata.author.id = 1 AND text LIKE '%a%' AND metadata.id = 2 AND metadata = 1 AND id.x = 1"));
        Assert.Equal(["id", "text"], columns.RecordFields);
        Assert.Equal(["author", "id", "metadata"], columns.MetadataKeys);
    }

    [Fact]
    public void Referenced_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => FilterFields.Referenced(null!));
    }
}
