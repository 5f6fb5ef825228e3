using Ferry.Sdk.Filtering;
using Ferry.Sdk.Records;
using Xunit;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Sdk.Tests.Filtering;

public sealed class CompiledFilterTests
{
    private const string HotFilter =
        "(published >= '2024-01-01' AND price < 10.5 AND day < TIMESTAMP '2025-01-01T00:00:00Z' AND name LIKE 'a%z_') OR tags CONTAINS 'x' OR lang IN ('en', 'fr', 'de', 'it', 'es', 'pt', 'nl', 'pl', 'sv') OR NOT count = 3 OR missing IS NULL";

    /// <summary>A columnar-style row: values by column index, fields mapped to columns once, by reference.</summary>
    private sealed class ColumnRow : IFilterRow
    {
        private readonly IReadOnlyList<FieldReference> _fields;
        private readonly MetadataValue?[] _values;

        public ColumnRow(IReadOnlyList<FieldReference> fields, Func<FieldReference, MetadataValue?> value)
        {
            _fields = fields;
            _values = new MetadataValue?[fields.Count];
            for (var i = 0; i < fields.Count; i++)
            {
                _values[i] = value(fields[i]);
            }
        }

        public int Calls { get; private set; }

        public MetadataValue? GetValue(FieldReference field)
        {
            Calls++;
            for (var i = 0; i < _fields.Count; i++)
            {
                if (ReferenceEquals(_fields[i], field))
                {
                    return _values[i];
                }
            }

            throw new InvalidOperationException($"Field {field} is not one of the compiled filter's instances.");
        }
    }

    private static MetadataValue? SampleValue(FieldReference field) => field.ToString() switch
    {
        "published" => MetadataValue.FromTimestamp(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero)),
        "price" => MetadataValue.FromDecimal(10m),
        "day" => "2024-12-31T10:00:00+01:00",
        "name" => "abcz",
        "tags" => MetadataValue.FromArray(["a", 1L]),
        "lang" => "xx",
        "count" => 3L,
        _ => null,
    };

    [Fact]
    public void Matches_CompiledFilter_AllocatesNothingPerRow()
    {
        var compiled = FilterEvaluator.Compile(FilterParser.Parse(HotFilter));
        var row = new ColumnRow(compiled.Fields, SampleValue);
        var record = new Record("r");
        foreach (var field in compiled.Fields)
        {
            if (SampleValue(field) is { } value)
            {
                record.Metadata[field.Path[0]] = value;
            }
        }

        // Warm up (JIT, tiering), then count bytes allocated on this thread.
        for (var i = 0; i < 1000; i++)
        {
            compiled.Matches(row);
            compiled.Matches(record);
        }

        var matches = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            matches += compiled.Matches(row) ? 1 : 0;
            matches += compiled.Matches(record) ? 1 : 0;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(20_000, matches);
        Assert.Equal(0, allocated);

        // The sample row gets past the date, decimal and string-as-timestamp tests, so the loop above ran them all.
        var prefix = FilterEvaluator.Compile(FilterParser.Parse("published >= '2024-01-01' AND price < 10.5 AND day < TIMESTAMP '2025-01-01T00:00:00Z'"));
        Assert.True(prefix.Matches(new ColumnRow(prefix.Fields, SampleValue)));
    }

    [Fact]
    public void Matches_ShortcutWithSameInstance_ReusesCompiledFilterWithoutAllocating()
    {
        var filter = FilterParser.Parse("count = 3 AND name LIKE 'a%'");
        var record = new Record("r");
        record.Metadata["count"] = 3L;
        record.Metadata["name"] = "abc";
        Assert.True(FilterEvaluator.Matches(filter, record));
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(FilterEvaluator.Matches(filter, record));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Fields_AreCanonicalInstancesPassedToRows()
    {
        var filter = FilterParser.Parse("a = 1 OR b = 2 OR a = 3 OR metadata.a = 4 OR NOT b IN (1)");
        var compiled = FilterEvaluator.Compile(filter);
        Assert.Equal([new(["a"]), new(["b"]), new(["metadata", "a"])], compiled.Fields);
        var row = new ColumnRow(compiled.Fields, _ => null);
        Assert.False(compiled.Matches(row));
        Assert.Equal(5, row.Calls);
    }

    [Fact]
    public void Matches_ShortCircuits_AndDoesNotReadFieldsItDoesNotNeed()
    {
        var compiled = FilterEvaluator.Compile(FilterParser.Parse("a = 1 AND b = 2"));
        var row = new ColumnRow(compiled.Fields, f => f.Path[0] == "a" ? MetadataValue.FromInteger(0) : 2L);
        Assert.False(compiled.Matches(row));
        Assert.Equal(1, row.Calls);
    }

    [Fact]
    public void Matches_ManyThreads_GiveSameAnswers()
    {
        var compiled = FilterEvaluator.Compile(FilterParser.Parse(HotFilter));
        var rows = Enumerable.Range(0, 64).Select(i => new ColumnRow(compiled.Fields, f => f.ToString() == "count" ? (long)(i % 5) : SampleValue(f) is { } v && f.ToString() != "missing" && f.ToString() != "lang" ? v : "en")).ToArray();
        var expected = rows.Select(r => compiled.Matches(r)).ToArray();
        Parallel.For(0, 2000, i =>
        {
            var index = i % rows.Length;
            lock (rows[index])
            {
                Assert.Equal(expected[index], compiled.Matches(rows[index]));
            }
        });
    }

    [Fact]
    public void Filter_And_ToString_ExposeSource()
    {
        var filter = FilterParser.Parse("a = 1");
        var compiled = FilterEvaluator.Compile(filter);
        Assert.Same(filter, compiled.Filter);
        Assert.Equal("a = 1", compiled.ToString());
    }

    [Fact]
    public void Compile_UnknownNode_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => FilterEvaluator.Compile(new AndFilter([new StrangeFilter()])));
    }

    [Fact]
    public void RecordFilterRow_ReadsRecordFieldsAsStringsAndWalksMetadata()
    {
        var record = new Record("r1") { Text = "t" };
        record.Metadata["o"] = MetadataValue.FromObject([new("k", 1L)]);
        var row = new RecordFilterRow(record);
        Assert.Equal(MetadataValue.FromString("r1"), row.GetValue(new FieldReference(["id"])));
        Assert.Equal(MetadataValue.FromString("t"), row.GetValue(new FieldReference(["text"])));
        Assert.Null(row.GetValue(new FieldReference(["title"])));
        Assert.Equal(MetadataValue.FromString("document"), row.GetValue(new FieldReference(["record_type"])));
        Assert.Equal(MetadataValue.FromInteger(1), row.GetValue(new FieldReference(["o", "k"])));
        Assert.Equal(MetadataValue.FromInteger(1), row.GetValue(new FieldReference(["metadata", "o", "k"])));
        Assert.Null(row.GetValue(new FieldReference(["o", "k", "deeper"])));
        Assert.Null(row.GetValue(new FieldReference([])));
        Assert.Throws<ArgumentNullException>(() => new RecordFilterRow(null!));
    }

    private sealed record StrangeFilter : FilterExpression;
}
