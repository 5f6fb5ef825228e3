using System.Globalization;
using System.Text.Json;
using Ferry.Frame;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;
using Xunit;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Host.Tests.Frame;

/// <summary><c>ferry inspect</c> and <c>ferry search</c> on a real Frame dataset, checked against a brute force computed here.</summary>
public sealed class InspectAndSearchCommandTests : IAsyncLifetime
{
    private const int Dimension = 8;
    private const int Rows = 200;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ferry-host-frame-" + Guid.NewGuid().ToString("N"));
    private readonly List<Record> _records = [];

    private string DatasetPath => Path.Combine(_root, "docs.frame");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        var random = new Random(7);
        for (var i = 0; i < Rows; i++)
        {
            var record = new Record($"doc-{i:D4}") { Title = $"title {i}", Text = $"text {i}" };
            var vector = new float[Dimension];
            for (var d = 0; d < Dimension; d++)
            {
                vector[d] = (float)(random.NextDouble() * 2 - 1);
            }

            record.Vector = vector;
            record.Metadata["year"] = 2000L + (i % 25);
            record.Metadata["category"] = i % 2 == 0 ? "even" : "odd";
            _records.Add(record);
        }

        var schema = new DatasetSchema
        {
            Vectors = [new VectorField(Record.DefaultVectorName, Dimension, DistanceMetric.Cosine)],
            Metadata = [new MetadataField("year", MetadataKind.Integer), new MetadataField("category", MetadataKind.String)],
        };
        await using var dataset = await FrameDataset.CreateAsync(DatasetPath, schema);
        await dataset.UpsertAsync(_records);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Inspect_Dataset_PrintsSchemaRowsAndVersions()
    {
        var (code, output, _) = await RunAsync("inspect", DatasetPath, "--json");

        Assert.Equal(ExitCodes.Success, code);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.Equal(Rows, root.GetProperty("rows").GetInt64());
        var vector = Assert.Single(root.GetProperty("schema").GetProperty("vectors").EnumerateArray());
        Assert.Equal(Dimension, vector.GetProperty("dimension").GetInt32());
        Assert.Equal("cosine", vector.GetProperty("metric").GetString());
        Assert.Contains(root.GetProperty("schema").GetProperty("metadata").EnumerateArray(), f => f.GetProperty("name").GetString() == "year" && f.GetProperty("kind").GetString() == "integer");
        Assert.True(root.GetProperty("versions").GetArrayLength() >= 2);
        Assert.True(root.GetProperty("bytes").GetInt64() > 0);

        var (textCode, text, _) = await RunAsync("inspect", DatasetPath);
        Assert.Equal(ExitCodes.Success, textCode);
        Assert.Contains("float32[8]", text, StringComparison.Ordinal);
        Assert.Contains("200 in 1 fragment(s)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_VectorFileWithFilter_ReturnsTheBruteForceTopK()
    {
        var query = new float[Dimension];
        for (var d = 0; d < Dimension; d++)
        {
            query[d] = d % 3 == 0 ? 0.5f : -0.25f;
        }

        var queryFile = Path.Combine(_root, "q.json");
        await File.WriteAllTextAsync(queryFile, JsonSerializer.Serialize(new { vector = query }));

        var (code, output, error) = await RunAsync("search", DatasetPath, "--vector-file", queryFile, "--k", "7", "--filter", "category = 'odd' AND year >= 2010", "--json");

        Assert.True(code == ExitCodes.Success, error);
        using var document = JsonDocument.Parse(output);
        var ids = document.RootElement.EnumerateArray().Select(h => h.GetProperty("id").GetString()).ToArray();
        var expected = _records
            .Where(r => r.Metadata["category"].AsString() == "odd" && r.Metadata["year"].AsInteger() >= 2010)
            .Select(r => (r.Id, Score: Cosine(query, r.Vector!)))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Id, StringComparer.Ordinal)
            .Take(7)
            .Select(x => x.Id)
            .ToArray();
        Assert.Equal(expected, ids);
        Assert.All(document.RootElement.EnumerateArray(), h => Assert.Equal(JsonValueKind.Number, h.GetProperty("metadata").GetProperty("year").ValueKind));
    }

    [Fact]
    public async Task Search_ById_FindsTheRecordItselfFirst()
    {
        var (code, output, _) = await RunAsync("search", DatasetPath, "--id", "doc-0042", "--k", "3");

        Assert.Equal(ExitCodes.Success, code);
        var first = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.Contains("doc-0042", first, StringComparison.Ordinal);
        Assert.Contains(1.0.ToString("F6", CultureInfo.InvariantCulture), first, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("search", "--k", "3")]
    [InlineData("search", "--id", "doc-0001", "--filter", "year >=")]
    public async Task Search_BadArguments_ExitsWithUsage(params string[] args)
    {
        var full = new[] { args[0], DatasetPath }.Concat(args.Skip(1)).ToArray();

        var (code, _, error) = await RunAsync(full);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("error:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_NotADataset_ExitsWithConfiguration()
    {
        var (code, _, error) = await RunAsync("inspect", Path.Combine(_root, "missing.frame"));

        Assert.Equal(ExitCodes.Configuration, code);
        Assert.Contains("is not a Frame dataset", error, StringComparison.Ordinal);
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await FerryCli.RunAsync(args, output, error);
        return (code, output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), error.ToString());
    }
}
