using System.Diagnostics;
using System.Globalization;
using Ferry.Connectors.Tests.Servers;
using Ferry.Plugins.Chroma;
using Ferry.Plugins.Chroma.Internal;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Connectors.Bench;

/// <summary>Chroma: upserts at two batch sizes and two writers, reads with 1, 2 and 4 partitions, and where the time goes.</summary>
internal static class ChromaBench
{
    public static async Task RunAsync(TestCorpus corpus, Report report)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ferry-bench-chroma-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await using var server = await NodeServer.StartAsync(new NodeServerOptions
            {
                Name = "chroma",
                Binary = "chroma",
                Arguments = port => ["run", "--path", folder, "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture)],
                ReadinessProbe = ReadinessProbes.HttpGet("/api/v2/heartbeat"),
            });
            var records = corpus.Records;
            var schema = new DatasetSchema { Vectors = [new VectorField(Record.DefaultVectorName, corpus.Dimension, DistanceMetric.L2)] };

            foreach (var (batch, writers) in new[] { (1000, 1), (5000, 1), (1000, 2) })
            {
                var name = $"write-{batch}-{writers}";
                var clock = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
                {
                    await using var sink = new ChromaSinkFactory().Create(Context(server, name));
                    await sink.PrepareAsync(schema, new SinkPrepareOptions(), CancellationToken.None);
                    for (var start = w * batch; start < records.Count; start += batch * writers)
                    {
                        var result = await sink.UpsertAsync(records.Skip(start).Take(batch).ToList(), CancellationToken.None);
                        Check(result.Failures.Count == 0, "write failures");
                    }
                }));
                report.Add("Chroma", "write (sink upsert)", $"batch {batch}, {writers} writer(s)", records.Count, clock.Elapsed);
            }

            await WriteBreakdownAsync(server, records, schema, report);

            foreach (var partitions in new[] { 1, 2, 4 })
            {
                await using var source = new ChromaSourceFactory().Create(Context(server, "write-1000-1"));
                var clock = Stopwatch.StartNew();
                var parts = await source.GetPartitionsAsync(partitions, CancellationToken.None);
                var counts = await Task.WhenAll(parts.Select(async p =>
                {
                    var n = 0;
                    await foreach (var batch in source.ReadAsync(new ReadRequest { Partition = p, BatchSize = 1000 }, CancellationToken.None))
                    {
                        n += batch.Records.Count;
                    }

                    return n;
                }));
                Check(counts.Sum() == records.Count, "read count");
                report.Add("Chroma", "read (source)", $"batch 1000, {parts.Count} partition(s)", records.Count, clock.Elapsed);
            }

            await ReadBreakdownAsync(server, records.Count, report);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task WriteBreakdownAsync(NodeServer server, IReadOnlyList<Record> records, DatasetSchema schema, Report report)
    {
        var settings = ChromaSettings.Parse(Context(server, "write-breakdown"));
        await using (var sink = new ChromaSinkFactory().Create(Context(server, "write-breakdown")))
        {
            await sink.PrepareAsync(schema, new SinkPrepareOptions(), CancellationToken.None);
        }

        using var client = new ChromaClient(settings, TimeProvider.System);
        var collection = await client.GetCollectionAsync(CancellationToken.None);
        var codec = new ChromaRecordCodec(settings);
        var encode = new Stopwatch();
        var http = new Stopwatch();
        long bytes = 0;
        for (var start = 0; start < records.Count; start += 1000)
        {
            encode.Start();
            var rows = records.Skip(start).Take(1000).Select(r => codec.Encode(r, Record.DefaultVectorName, r.Vector!.Length).Row!).ToList();
            var body = ChromaUpsertWriter.Write(rows, 0, rows.Count);
            encode.Stop();
            bytes += body.Length;
            http.Start();
            await client.UpsertAsync(collection.Id, body, CancellationToken.None);
            http.Stop();
        }

        report.Add("Chroma", "write breakdown", "batch 1000, 1 writer", records.Count, encode.Elapsed + http.Elapsed,
            $"encode+JSON {encode.Elapsed.TotalSeconds:0.00} s; HTTP upsert (server: parse, log, index) {http.Elapsed.TotalSeconds:0.00} s; {bytes / records.Count} bytes/record");
    }

    private static async Task ReadBreakdownAsync(NodeServer server, int count, Report report)
    {
        var settings = ChromaSettings.Parse(Context(server, "write-1000-1"));
        using var client = new ChromaClient(settings, TimeProvider.System);
        var collection = await client.GetCollectionAsync(CancellationToken.None);
        var codec = new ChromaRecordCodec(settings);
        var http = new Stopwatch();
        var parse = new Stopwatch();
        var decode = new Stopwatch();
        long bytes = 0;
        for (long offset = 0; offset < count; offset += 1000)
        {
            http.Start();
            var body = await client.GetPageAsync(collection.Id, offset, 1000, CancellationToken.None);
            http.Stop();
            bytes += body.Length;
            parse.Start();
            var page = ChromaPage.Parse(body);
            parse.Stop();
            decode.Start();
            for (var i = 0; i < page.Count; i++)
            {
                Check(codec.Decode(page, i, collection.Dimension).Record is not null, "decode");
            }

            decode.Stop();
        }

        report.Add("Chroma", "read breakdown", "batch 1000, 1 partition", count, http.Elapsed + parse.Elapsed + decode.Elapsed,
            $"HTTP get (server) {http.Elapsed.TotalSeconds:0.00} s; JSON parse {parse.Elapsed.TotalSeconds:0.00} s; records {decode.Elapsed.TotalSeconds:0.00} s; {bytes / count} bytes/record");
    }

    private static ConnectorContext Context(NodeServer server, string collection) =>
        new($"chroma://127.0.0.1:{server.Port}/{collection}", new ConnectorOptions([new("timeout_seconds", "600")]));

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Benchmark check failed: {what}.");
        }
    }
}
