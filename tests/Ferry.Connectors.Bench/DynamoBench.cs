using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Ferry.Connectors.Tests.Servers;
using Ferry.Plugins.DynamoDb;
using Ferry.Plugins.DynamoDb.Internal;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Connectors.Bench;

/// <summary>DynamoDB (dynalite): BatchWriteItem at two concurrencies and both vector formats, parallel scans, and where the time goes.</summary>
internal static class DynamoBench
{
    public static async Task RunAsync(TestCorpus corpus, Report report)
    {
        await using var server = await NodeServer.StartAsync(new NodeServerOptions
        {
            Name = "dynalite",
            Binary = "dynalite",
            Arguments = port => ["--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--createTableMs", "20"],
            ReadinessProbe = ReadinessProbes.HttpAnswers("/"),
        });
        var records = corpus.Records;
        var schema = new DatasetSchema { Vectors = [new VectorField(Record.DefaultVectorName, corpus.Dimension, DistanceMetric.Cosine)] };

        foreach (var (format, concurrency) in new[] { ("list", 1), ("list", 4), ("binary", 4) })
        {
            var table = $"write-{format}-{concurrency}";
            await using var sink = new DynamoDbSinkFactory().Create(Context(server, table, ("create", "true"), ("vector_format", format), ("write_concurrency", concurrency.ToString(CultureInfo.InvariantCulture))));
            await sink.PrepareAsync(schema, new SinkPrepareOptions(), CancellationToken.None);
            var clock = Stopwatch.StartNew();
            for (var start = 0; start < records.Count; start += 1000)
            {
                var result = await sink.UpsertAsync(records.Skip(start).Take(1000).ToList(), CancellationToken.None);
                Check(result.Failures.Count == 0, "write failures");
            }

            report.Add("DynamoDB", "write (sink BatchWriteItem)", $"vectors {format}, 1000/call, {concurrency} request(s) in flight", records.Count, clock.Elapsed);
        }

        foreach (var (format, segments) in new[] { ("list", 1), ("list", 2), ("list", 4), ("binary", 1), ("binary", 4) })
        {
            await using var source = new DynamoDbSourceFactory().Create(Context(server, $"write-{format}-4"));
            var clock = Stopwatch.StartNew();
            var parts = await source.GetPartitionsAsync(segments, CancellationToken.None);
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
            report.Add("DynamoDB", "read (source Scan)", $"vectors {format}, {parts.Count} segment(s)", records.Count, clock.Elapsed);
        }

        await BreakdownAsync(server, records, "list", report);
        await BreakdownAsync(server, records, "binary", report);
    }

    private static async Task BreakdownAsync(NodeServer server, IReadOnlyList<Record> records, string format, Report report)
    {
        var settings = DynamoSettings.Parse(Context(server, $"write-{format}-4"));
        using var client = DynamoClientFactory.Create(settings, Context(server, $"write-{format}-4"));
        var key = KeySchema.FromTable((await client.DescribeTableAsync(settings.Table)).Table);
        var reader = new DynamoItemReader(settings, key);
        var writer = new DynamoItemWriter(settings, key, format == "binary" ? VectorFormat.Binary : VectorFormat.List);
        var scan = new Stopwatch();
        var convert = new Stopwatch();
        Dictionary<string, AttributeValue>? start = null;
        var count = 0;
        do
        {
            scan.Start();
            var page = await client.ScanAsync(new ScanRequest { TableName = settings.Table, ExclusiveStartKey = start, Limit = 1000 });
            scan.Stop();
            convert.Start();
            foreach (var item in page.Items)
            {
                Check(reader.Read(item, records[0].Vector!.Length).Record is not null, "read");
                count++;
            }

            convert.Stop();
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);

        report.Add("DynamoDB", "read breakdown", $"vectors {format}, 1 segment", count, scan.Elapsed + convert.Elapsed,
            $"Scan call (server + SDK unmarshalling) {scan.Elapsed.TotalSeconds:0.00} s; items to records {convert.Elapsed.TotalSeconds:0.00} s");

        var build = Stopwatch.StartNew();
        long size = 0;
        foreach (var record in records)
        {
            size += DynamoItemSize.Of(writer.Write(record, record.Vector!.Length).Item!);
        }

        build.Stop();
        report.Add("DynamoDB", "write breakdown", $"vectors {format}", records.Count, build.Elapsed,
            $"records to items only (no I/O): {build.Elapsed.TotalSeconds:0.00} s; {size / records.Count} bytes/item as DynamoDB counts them");
    }

    private static ConnectorContext Context(NodeServer server, string table, params (string Key, string Value)[] options) =>
        new($"dynamodb://127.0.0.1:{server.Port}/{table}", new ConnectorOptions(options.Select(o => new KeyValuePair<string, string>(o.Key, o.Value)).Append(new("timeout_seconds", "600"))))
        {
            GetSecret = _ => null,
        };

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Benchmark check failed: {what}.");
        }
    }
}
