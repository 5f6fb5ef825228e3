using Ferry.Core.Jobs;
using Ferry.Core.Pipeline;
using Ferry.Core.Tests.Pipeline;
using Ferry.Core.Tests.Pipeline.Support;
using Ferry.Sdk.Filtering;
using Xunit;

namespace Ferry.Core.Tests.Jobs;

/// <summary>--since/--until/--date-range/--types/--tags compile to the filter language and mean what the equivalent --filter means.</summary>
public sealed class FilterShortcutsTests : IDisposable
{
    private readonly EngineHarness _harness = new();

    [Theory]
    [InlineData("since", "published=2024-01-01", "published >= TIMESTAMP '2024-01-01'")]
    [InlineData("since", "metadata.when=2024-01-01T10:00:00+02:00", "metadata.when >= TIMESTAMP '2024-01-01T10:00:00+02:00'")]
    [InlineData("until", "published=2024-12-31", "published < TIMESTAMP '2025-01-01'")]
    [InlineData("until", "published=2024-12-31T12:00:00Z", "published <= TIMESTAMP '2024-12-31T12:00:00Z'")]
    [InlineData("date-range", "published:2024-01-01..2024-12-31", "published >= TIMESTAMP '2024-01-01' AND published < TIMESTAMP '2025-01-01'")]
    [InlineData("date-range", "published:2024-01-01..", "published >= TIMESTAMP '2024-01-01'")]
    [InlineData("date-range", "published:..2024-06-30T00:00:00Z", "published <= TIMESTAMP '2024-06-30T00:00:00Z'")]
    [InlineData("types", "document, chunk", "record_type IN ('document', 'chunk')")]
    [InlineData("tags", "x,y", "tags CONTAINS 'x' OR tags CONTAINS 'y'")]
    [InlineData("tags", "labels=it's", "labels CONTAINS 'it''s'")]
    public void Shortcut_CompilesToTheEquivalentFilter(string option, string value, string equivalent)
    {
        var node = option switch
        {
            "since" => FilterShortcuts.Since(value),
            "until" => FilterShortcuts.Until(value),
            "date-range" => FilterShortcuts.DateRange(value),
            "types" => FilterShortcuts.Types(value),
            _ => FilterShortcuts.Tags(value),
        };

        Assert.Equal(FilterParser.Parse(equivalent), node);
    }

    [Fact]
    public void Combine_WithFilter_IsOneAndInCanonicalForm()
    {
        var combined = FilterShortcuts.Combine("year >= 2010", [FilterShortcuts.Types("document"), FilterShortcuts.Tags("tag1,tag2")]);

        Assert.Equal("year >= 2010 AND record_type IN ('document') AND (tags CONTAINS 'tag1' OR tags CONTAINS 'tag2')", combined);
        Assert.Equal("year >= 2010", FilterShortcuts.Combine("year >= 2010", []));
        Assert.Equal("record_type IN ('chunk')", FilterShortcuts.Combine(null, [FilterShortcuts.Types("chunk")]));
    }

    [Theory]
    [InlineData("since", "2024-01-01", "FIELD=DATE")]
    [InlineData("since", "published=yesterday", "not an ISO 8601 date")]
    [InlineData("until", "published=", "FIELD=DATE")]
    [InlineData("date-range", "published:2024-01-01", "FROM..TO")]
    [InlineData("date-range", "published:..", "at least one end")]
    [InlineData("types", " , ", "at least one value")]
    [InlineData("since", "a b=2024-01-01", "not a field name")]
    public void Shortcut_BadValue_IsAUsageError(string option, string value, string message)
    {
        var error = Assert.Throws<JobValidationException>(() => option switch
        {
            "since" => FilterShortcuts.Since(value),
            "until" => FilterShortcuts.Until(value),
            "date-range" => FilterShortcuts.DateRange(value),
            _ => FilterShortcuts.Types(value),
        });

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RunAsync_Shortcuts_SameTargetAsTheEquivalentFilter(bool pushDown)
    {
        var source = MemoryData.Create(600);
        source.SourcePushDown = pushDown;
        for (var i = 0; i < source.Source.Count; i += 3)
        {
            source.Source[i].RecordType = "chunk";
        }

        var viaShortcuts = MemoryData.Create();
        var shortcutJob = _harness.Job(source, viaShortcuts);
        shortcutJob.Filter = FilterShortcuts.Combine("year >= 2005", [
            FilterShortcuts.DateRange("published:2008-01-01..2020-12-31"),
            FilterShortcuts.Types("document"),
            FilterShortcuts.Tags("tag1,tag3"),
        ]);
        var viaFilter = MemoryData.Create();
        var filterJob = _harness.Job(source, viaFilter);
        filterJob.Filter = "year >= 2005 AND published >= '2008-01-01' AND published < '2021-01-01' AND record_type = 'document' AND (tags CONTAINS 'tag1' OR tags CONTAINS 'tag3')";

        var a = await _harness.RunAsync(shortcutJob);
        var b = await _harness.RunAsync(filterJob);

        Assert.Equal(pushDown ? FilterPlacement.Source : FilterPlacement.Pipeline, a.FilterPlacement);
        Assert.True(a.Migrated > 10, $"only {a.Migrated} records matched");
        Assert.Equal(b.Migrated, a.Migrated);
        EngineHarness.AssertSameContent(viaFilter.Durable.Values.OrderBy(r => r.Id, StringComparer.Ordinal).ToList(), viaShortcuts.Durable);
        var expected = source.Source.Where(r => r.Metadata["year"].AsInteger() >= 2005
            && r.Metadata["published"].AsTimestamp() >= new DateTimeOffset(2008, 1, 1, 0, 0, 0, TimeSpan.Zero)
            && r.Metadata["published"].AsTimestamp() < new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero)
            && r.RecordType == "document"
            && r.Metadata["tags"].AsArray().Any(t => t.AsString() is "tag1" or "tag3")).ToList();
        EngineHarness.AssertSameContent(expected, viaShortcuts.Durable);
    }

    public void Dispose() => _harness.Dispose();
}
