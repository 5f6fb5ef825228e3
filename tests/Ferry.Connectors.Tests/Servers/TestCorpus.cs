using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Ferry.Sdk.Records;

namespace Ferry.Connectors.Tests.Servers;

/// <summary>
/// The shared benchmark corpus (node gen-dataset.mjs), generated once into a temporary folder (reused by later runs) and
/// parsed into Ferry records with the kinds the generator means: category, author and published are strings,
/// year is an integer, score a float (even when JSON prints it as 0 or 1), tags an array of strings; the
/// embedding is float32 (the JSON holds each component's exact double, so parsing is bit-exact).
/// </summary>
public sealed class TestCorpus
{
    private static readonly Dictionary<(int, int), Task<TestCorpus>> Cache = [];
    private static readonly Lock CacheLock = new();

    private TestCorpus(IReadOnlyList<Record> records, IReadOnlyList<float[]> queries, IReadOnlyList<string[]> truth, string folder)
    {
        Records = records;
        Queries = queries;
        Truth = truth;
        Folder = folder;
    }

    /// <summary>The records, in generation order (ids doc-00000000, doc-00000001, …).</summary>
    public IReadOnlyList<Record> Records { get; }

    /// <summary>Query vectors.</summary>
    public IReadOnlyList<float[]> Queries { get; }

    /// <summary>The exact top-10 ids by cosine for each query.</summary>
    public IReadOnlyList<string[]> Truth { get; }

    /// <summary>Where corpus.jsonl and queries.json are.</summary>
    public string Folder { get; }

    public int Dimension => Records[0].Vector!.Length;

    /// <summary>Generates (once per process) and loads a corpus of <paramref name="count"/> records.</summary>
    public static Task<TestCorpus> GetAsync(int count, int dimension)
    {
        lock (CacheLock)
        {
            if (!Cache.TryGetValue((count, dimension), out var task))
            {
                task = Task.Run(() => Generate(count, dimension));
                Cache[(count, dimension)] = task;
            }

            return task;
        }
    }

    private static async Task<TestCorpus> Generate(int count, int dimension)
    {
        var generator = RepositoryPaths.DatasetGenerator
            ?? throw new InvalidOperationException("The corpus generator gen-dataset.mjs is not on this machine (set FERRY_GEN_DATASET).");
        // The generator is deterministic: one copy per generator version, size and dimension is shared by all runs
        // (written to a scratch folder first and renamed, so a crashed run never leaves half a corpus behind).
        var version = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(generator).ConfigureAwait(false)))[..12];
        var folder = Path.Combine(Path.GetTempPath(), $"ferry-corpus-{count}-{dimension}-{version}");
        if (!File.Exists(Path.Combine(folder, "queries.json")))
        {
            var scratch = folder + "-" + Guid.NewGuid().ToString("N");
            Directory.CreateDirectory(scratch);
            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { generator, scratch, count.ToString(CultureInfo.InvariantCulture), dimension.ToString(CultureInfo.InvariantCulture), "20" })
            {
                start.ArgumentList.Add(argument);
            }

            using (var process = Process.Start(start)!)
            {
                var errors = process.StandardError.ReadToEndAsync();
                await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
                await process.WaitForExitAsync().ConfigureAwait(false);
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"gen-dataset.mjs failed: {await errors.ConfigureAwait(false)}");
                }
            }

            try
            {
                Directory.Move(scratch, folder);
            }
            catch (IOException)
            {
                // Another test process finished the same corpus first: use that one.
                Directory.Delete(scratch, recursive: true);
            }
        }

        var records = new List<Record>(count);
        foreach (var line in File.ReadLines(Path.Combine(folder, "corpus.jsonl")))
        {
            if (line.Length > 0)
            {
                records.Add(Parse(line));
            }
        }

        using var queries = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(folder, "queries.json")).ConfigureAwait(false));
        var vectors = new List<float[]>();
        foreach (var query in queries.RootElement.GetProperty("queries").EnumerateArray())
        {
            vectors.Add(ParseVector(query));
        }

        var truth = new List<string[]>();
        foreach (var ids in queries.RootElement.GetProperty("truth").EnumerateArray())
        {
            truth.Add([.. ids.EnumerateArray().Select(id => id.GetString()!)]);
        }

        return new TestCorpus(records, vectors, truth, folder);
    }

    private static Record Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var record = new Record(root.GetProperty("id").GetString()!)
        {
            Title = root.GetProperty("title").GetString(),
            Text = root.GetProperty("text").GetString(),
        };
        var metadata = root.GetProperty("metadata");
        record.Metadata["category"] = metadata.GetProperty("category").GetString();
        record.Metadata["year"] = metadata.GetProperty("year").GetInt64();
        record.Metadata["tags"] = MetadataValue.FromArray(metadata.GetProperty("tags").EnumerateArray().Select(t => MetadataValue.FromString(t.GetString())));
        record.Metadata["author"] = metadata.GetProperty("author").GetString();
        record.Metadata["published"] = metadata.GetProperty("published").GetString();
        record.Metadata["score"] = metadata.GetProperty("score").GetDouble();
        record.Vector = ParseVector(root.GetProperty("embedding"));
        return record;
    }

    private static float[] ParseVector(JsonElement array)
    {
        var vector = new float[array.GetArrayLength()];
        var i = 0;
        foreach (var component in array.EnumerateArray())
        {
            // The JSON holds the exact double of each float32 component: narrowing is exact.
            vector[i++] = (float)component.GetDouble();
        }

        return vector;
    }
}
