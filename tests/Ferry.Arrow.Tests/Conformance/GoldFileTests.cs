using Ferry.Arrow.Tests.Support;
using Xunit;

namespace Ferry.Arrow.Tests.Conformance;

/// <summary>
/// Reads every Arrow C++ gold integration file (IPC file and stream) and compares it with the
/// expected values of its integration JSON; files with unsupported types must be refused clearly.
/// </summary>
public class GoldFileTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        var dir = TestPaths.ArrowConformance;
        Assert.True(Directory.Exists(dir), "Arrow conformance files not found at " + dir);
        foreach (var f in Directory.GetFiles(dir, "*.json.gz").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f)[..^".json.gz".Length]);
        }

        return data;
    }

    [Fact]
    public void Cases_Directory_HasTheGoldFiles()
    {
        var cases = Cases();
        Assert.True(cases.Count >= 20, $"Only {cases.Count} gold cases found in {TestPaths.ArrowConformance}.");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OpenFile_MappedGoldFile_MatchesJson(string name) =>
        Verify(name, () =>
        {
            using var reader = ArrowFileReader.OpenFile(FilePath(name));
            return (reader.Schema, reader.ReadAll().ToList());
        });

    [Theory]
    [MemberData(nameof(Cases))]
    public void ArrowFileReader_SeekableStream_MatchesJson(string name) =>
        Verify(name, () =>
        {
            using var reader = new ArrowFileReader(File.OpenRead(FilePath(name)));
            var batches = new List<RecordBatch>();
            for (var i = reader.RecordBatchCount - 1; i >= 0; i--)
            {
                batches.Insert(0, reader.ReadRecordBatch(i)); // random access, back to front
            }

            return (reader.Schema, batches);
        });

    [Theory]
    [MemberData(nameof(Cases))]
    public void ArrowStreamReader_GoldStream_MatchesJson(string name) =>
        Verify(name, () =>
        {
            using var reader = new ArrowStreamReader(File.OpenRead(Path.Combine(TestPaths.ArrowConformance, name + ".stream")));
            return (reader.Schema, reader.ToList());
        });

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ArrowStreamReader_GoldStreamInMemoryAsync_MatchesJson(string name)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(TestPaths.ArrowConformance, name + ".stream"));
        Verify(name, () =>
        {
            using var reader = new ArrowStreamReader(bytes);
            var batches = new List<RecordBatch>();
            var enumerator = reader.ReadAllAsync().GetAsyncEnumerator();
            while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult())
            {
                batches.Add(enumerator.Current);
            }

            return (reader.Schema, batches);
        });
    }

    private static string Describe(Field f) =>
        f.Name + (f.IsNullable ? "?" : "!") + ":" + f.Type.TypeId + "{" + string.Join(",", f.Metadata.Select(kv => kv.Key + "=" + kv.Value)) + "}"
        + "(" + string.Join(", ", f.Children.Select(Describe)) + ")";

    private static string FilePath(string name) => Path.Combine(TestPaths.ArrowConformance, name + ".arrow_file");

    private static void Verify(string name, Func<(Schema Schema, List<RecordBatch> Batches)> read)
    {
        var json = IntegrationJson.Load(Path.Combine(TestPaths.ArrowConformance, name + ".json.gz"));
        if (json.FindUnsupported() is { } unsupported)
        {
            var e = Assert.Throws<ArrowNotSupportedException>(() => read());
            Assert.Contains("'" + unsupported.Path + "'", e.Message, StringComparison.Ordinal);
            Assert.Contains(unsupported.Type, e.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(unsupported.Path, e.FieldName);
            return;
        }

        var (schema, batches) = read();
        var expected = json.ExpectedSchema();
        Assert.Equal(expected.Fields.Count, schema.Fields.Count);
        for (var i = 0; i < expected.Fields.Count; i++)
        {
            Assert.True(expected.Fields[i].Equals(schema.Fields[i]), $"field {i}: expected {Describe(expected.Fields[i])}, read {Describe(schema.Fields[i])}");
            Assert.Equal(expected.Fields[i].Metadata, schema.Fields[i].Metadata);
        }

        Assert.Equal(expected.Metadata, schema.Metadata);
        var expectedBatches = json.Batches;
        Assert.Equal(expectedBatches.Count, batches.Count);
        var fields = json.FieldsJson;
        for (var b = 0; b < batches.Count; b++)
        {
            var jb = expectedBatches[b];
            Assert.Equal(jb.GetProperty("count").GetInt32(), batches[b].Length);
            var columns = jb.GetProperty("columns");
            for (var c = 0; c < fields.Count; c++)
            {
                json.AssertColumn(fields[c], columns[c], batches[b].Column(c), $"batch {b} column {fields[c].GetProperty("name").GetString()}");
            }
        }
    }
}
