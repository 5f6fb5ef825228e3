using System.Diagnostics;
using System.Globalization;
using Ferry.Frame;
using Ferry.Sdk.Filtering;
using Ferry.Sdk.Schema;

namespace Ferry.Benchmarks.Frame;

/// <summary>
/// The Frame store's stand-alone bench, one JSON line per metric on stdout (tests/bench/run-bench.sh collects them):
/// <list type="bullet">
/// <item><c>frame-write CORPUS.jsonl DATASET [N]</c>: parse N records (timed apart), then time the Frame write (one append, fsync on).</item>
/// <item><c>frame-search DATASET QUERIES.json</c>: exact top-k search p50/p95 and recall@k against the corpus truth, unfiltered and filtered.</item>
/// </list>
/// </summary>
internal static class FrameHarness
{
    public static bool Handles(string[] args) => args.Length > 0 && args[0] is "frame-write" or "frame-search";

    public static int Run(string[] args)
    {
        try
        {
            return args[0] switch
            {
                "frame-write" when args.Length >= 3 => WriteAsync(args[1], args[2], args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : int.MaxValue).GetAwaiter().GetResult(),
                "frame-search" when args.Length >= 3 => SearchAsync(args[1], args[2]).GetAwaiter().GetResult(),
                _ => Usage(),
            };
        }
        catch (Exception ex) when (ex is IOException or FormatException or FrameException)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Ferry.Benchmarks frame-write CORPUS.jsonl DATASET [N] | frame-search DATASET QUERIES.json");
        return 2;
    }

    private static async Task<int> WriteAsync(string corpus, string datasetPath, int limit)
    {
        var parse = Stopwatch.StartNew();
        var records = BenchCorpus.ReadRecords(corpus, limit);
        parse.Stop();
        var dimension = records[0].Vector!.Length;
        if (Directory.Exists(datasetPath))
        {
            Directory.Delete(datasetPath, recursive: true);
        }

        // Warm-up on a throw-away dataset, so that the timing is the steady state and not the JIT compiling the write path.
        var warmup = datasetPath + ".warmup";
        await using (var warm = await FrameDataset.CreateAsync(warmup, new DatasetSchema { Vectors = [new VectorField("default", dimension, DistanceMetric.Cosine)], HasTitle = true }))
        {
            await warm.AppendAsync(records.GetRange(0, Math.Min(records.Count, 5_000)));
            for (var round = 0; round < 4; round++)
            {
                // Enough rounds for the per-row methods to reach tier-1 code.
                await warm.UpsertAsync(records.GetRange(0, Math.Min(records.Count, 5_000)));
            }
        }

        Directory.Delete(warmup, recursive: true);
        GC.Collect();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var gen2 = GC.CollectionCount(2);
        var pause = GC.GetTotalPauseDuration();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var write = Stopwatch.StartNew();
        await using var dataset = await FrameDataset.CreateAsync(datasetPath, new DatasetSchema { Vectors = [new VectorField("default", dimension, DistanceMetric.Cosine)], HasTitle = true });
        var commit = await dataset.AppendAsync(records);
        write.Stop();
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var gcPauseMs = (GC.GetTotalPauseDuration() - pause).TotalMilliseconds;
        gen2 = GC.CollectionCount(2) - gen2;
        var allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0;
        var bytes = Directory.EnumerateFiles(datasetPath, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Line("frame_parse_corpus", records.Count, parse.Elapsed.TotalSeconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"metric\":\"frame_write\",\"rows\":{records.Count},\"dim\":{dimension},\"seconds\":{write.Elapsed.TotalSeconds:F3},\"cpu_seconds\":{cpuSeconds:F3},\"gc_pause_ms\":{gcPauseMs:F0},\"gen2_gcs\":{gen2},\"managed_alloc_mb\":{allocatedMb:F0},\"rows_per_s\":{records.Count / write.Elapsed.TotalSeconds:F0},\"fragments\":{dataset.FragmentCount},\"bytes\":{bytes},\"version\":{commit.Version}}}"));

        // An upsert of 10% of the rows: index lookups, deletion files and the new fragment.
        var upsert = Stopwatch.StartNew();
        await dataset.UpsertAsync(records.GetRange(0, records.Count / 10));
        upsert.Stop();
        Line("frame_upsert_10pct", records.Count / 10, upsert.Elapsed.TotalSeconds);
        return 0;
    }

    private static async Task<int> SearchAsync(string datasetPath, string queriesPath)
    {
        var (k, queries, truth) = BenchCorpus.ReadQueries(queriesPath);
        await using var dataset = await FrameDataset.OpenAsync(datasetPath);
        Run(dataset, "search_exact", queries, truth, k, null);
        Run(dataset, "search_exact_filtered", queries, truth, k, FilterParser.Parse("category = 'science' AND year >= 2010"));
        return 0;
    }

    private static void Run(FrameDataset dataset, string metric, List<float[]> queries, List<string[]> truth, int k, FilterExpression? filter)
    {
        // Warm-up: maps the fragments, computes the cached row norms, JITs the kernels.
        for (var i = 0; i < Math.Min(5, queries.Count); i++)
        {
            dataset.SearchAsync(new FrameSearchRequest(queries[i], k) { Filter = filter, Columns = [] }).AsTask().GetAwaiter().GetResult();
        }

        var times = new double[queries.Count];
        double recall = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < queries.Count; i++)
        {
            var watch = Stopwatch.StartNew();
            var hits = dataset.SearchAsync(new FrameSearchRequest(queries[i], k) { Filter = filter, Columns = [] }).AsTask().GetAwaiter().GetResult();
            watch.Stop();
            times[i] = watch.Elapsed.TotalMilliseconds;
            if (filter is null)
            {
                var expected = new HashSet<string>(truth[i], StringComparer.Ordinal);
                recall += hits.Count(h => expected.Contains(h.Id)) / (double)k;
            }
        }

        var cpuPerQuery = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / queries.Count;
        Array.Sort(times);
        var recallText = filter is null ? (recall / queries.Count).ToString("F4", CultureInfo.InvariantCulture) : "null";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"metric\":\"{metric}\",\"rows\":{dataset.Count},\"queries\":{queries.Count},\"k\":{k},\"p50_ms\":{Percentile(times, 0.50):F3},\"p95_ms\":{Percentile(times, 0.95):F3},\"mean_ms\":{times.Average():F3},\"recall_at_k\":{recallText},\"cpu_ms_per_query\":{cpuPerQuery:F3},\"threads\":{Environment.ProcessorCount}}}"));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static void Line(string metric, int rows, double seconds) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"metric\":\"{metric}\",\"rows\":{rows},\"seconds\":{seconds:F3},\"rows_per_s\":{rows / seconds:F0}}}"));
}
