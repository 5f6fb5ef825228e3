using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using Xunit;

namespace Ferry.Sdk.Tests.Schema;

public sealed class MetadataFieldObserverTests
{
    [Fact]
    public void Fields_NothingObserved_IsEmpty()
    {
        Assert.Empty(new MetadataFieldObserver().Fields());
    }

    [Fact]
    public void Fields_SampleOfRecords_KindNullabilityAndItemKindPerKeyInKeyOrder()
    {
        var observer = new MetadataFieldObserver();
        observer.Observe(Metadata(
            ("year", 2020L), ("title", "a"), ("tags", MetadataValue.FromArray(["x", "y"])), ("mixed", 1L),
            ("nums", MetadataValue.FromArray([1L])), ("maybe", MetadataValue.Null), ("empty", MetadataValue.FromArray([]))));
        observer.Observe(Metadata(
            ("year", 2021L), ("title", "b"), ("tags", MetadataValue.FromArray(["z"])), ("mixed", "one"),
            ("nums", MetadataValue.FromArray([2.5])), ("maybe", 3.0), ("empty", MetadataValue.FromArray([]))));
        observer.Observe(Metadata(("year", 2022L), ("tags", MetadataValue.FromArray([])), ("mixed", 2L), ("nums", MetadataValue.FromArray([3L])), ("empty", MetadataValue.FromArray([]))));

        var fields = observer.Fields();

        Assert.Equal(["empty", "maybe", "mixed", "nums", "tags", "title", "year"], fields.Select(f => f.Name));
        Assert.Equal(new MetadataField("empty", MetadataKind.Array) { Nullable = false, ItemKind = null }, fields[0]);
        Assert.Equal(new MetadataField("maybe", MetadataKind.Float) { Nullable = true }, fields[1]);
        Assert.Equal(new MetadataField("mixed", null) { Nullable = false }, fields[2]);
        Assert.Equal(new MetadataField("nums", MetadataKind.Array) { Nullable = false, ItemKind = null }, fields[3]);
        Assert.Equal(new MetadataField("tags", MetadataKind.Array) { Nullable = false, ItemKind = MetadataKind.String }, fields[4]);
        Assert.Equal(new MetadataField("title", MetadataKind.String) { Nullable = true }, fields[5]);
        Assert.Equal(new MetadataField("year", MetadataKind.Integer) { Nullable = false }, fields[6]);
    }

    [Fact]
    public void Fields_OnlyNulls_KindUnknownAndNullable()
    {
        var observer = new MetadataFieldObserver();
        observer.Observe(Metadata(("gone", MetadataValue.Null)));

        Assert.Equal([new MetadataField("gone", null) { Nullable = true }], observer.Fields());
    }

    [Fact]
    public void Fields_ArrayWithNullItem_HasNoItemKind()
    {
        var observer = new MetadataFieldObserver();
        observer.Observe(Metadata(("tags", MetadataValue.FromArray(["a", MetadataValue.Null]))));

        Assert.Null(Assert.Single(observer.Fields()).ItemKind);
    }

    private static Dictionary<string, MetadataValue> Metadata(params (string Key, MetadataValue Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
}
