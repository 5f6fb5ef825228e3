using Ferry.Frame.Format;
using Ferry.Frame.Tests.Support;
using Ferry.Sdk.Records;
using Xunit;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Frame.Tests.Format;

/// <summary>Re-encoding typed metadata columns as tagged-json gives exactly what encoding the records tagged gives.</summary>
public sealed class RetagTests
{
    private static readonly Dictionary<string, int> Dimensions = new(StringComparer.Ordinal) { ["default"] = 4 };

    [Fact]
    public void Retag_TypedKeysWithCompanions_EqualsEncodingThemTagged()
    {
        var records = TestRecords.Make(0, 6, 4);
        for (var i = 0; i < records.Count; i++)
        {
            records[i].Metadata["when"] = new DateTimeOffset(2024, 1, 1 + i, 0, 0, 0, TimeSpan.FromMinutes(i % 2 == 0 ? 0 : -210));
        }

        records[1].Metadata["score"] = MetadataValue.Null;
        records[2].Metadata.Remove("score");
        records[3].Metadata["when"] = MetadataValue.Null;
        HashSet<string> keys = ["score", "when", "not-there"];
        using var arena = new NativeArena();
        var typed = FragmentEncoder.Encode(records, Dimensions, arena);
        Assert.Contains(typed.Batch.Schema.Fields, f => f.Name == "metadata_null.score");
        Assert.Contains(typed.Batch.Schema.Fields, f => f.Name == "metadata_offset.when");

        var retagged = FragmentEncoder.Retag(typed, keys, arena);
        var tagged = FragmentEncoder.Encode(records, Dimensions, arena, keys);

        Assert.Equal(tagged.Batch.Schema, retagged.Batch.Schema);
        var expected = new FragmentColumnSet(tagged.Batch);
        var actual = new FragmentColumnSet(retagged.Batch);
        for (var row = 0; row < records.Count; row++)
        {
            TestRecords.AssertSame(records[row], actual.ReadRecord(row, RecordProjection.All));
            Assert.Equal(expected.Metadata["score"].Values.IsNull(row), actual.Metadata["score"].Values.IsNull(row));
        }

        // Untouched columns are shared, not copied.
        Assert.Same(typed.Batch.Column(typed.Batch.Schema.GetFieldIndex("metadata.year")), retagged.Batch.Column(retagged.Batch.Schema.GetFieldIndex("metadata.year")));
    }

    [Fact]
    public void Retag_NoTypedKeyOfTheSet_ReturnsTheSameFragment()
    {
        using var arena = new NativeArena();
        var encoded = FragmentEncoder.Encode(TestRecords.Make(0, 3, 4), Dimensions, arena, new HashSet<string>(["score"], StringComparer.Ordinal));

        Assert.Same(encoded, FragmentEncoder.Retag(encoded, new HashSet<string>(["score", "other"], StringComparer.Ordinal), arena));
    }
}
