using System.Diagnostics;
using System.Globalization;
using Ferry.Plugins.Files;
using Ferry.Plugins.Files.Arrow;
using Ferry.Plugins.Files.Csv;
using Ferry.Plugins.Files.Json;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Files.Bench;

/// <summary>
/// Exports the corpus to each format (plain and gzip) and imports it back, timing both with wall and process CPU
/// time; prints a Markdown table. The corpus is read into memory once with the JSON Lines source, so the export
/// numbers are the sink alone and the import numbers the source alone.
/// </summary>
public static class Program
{
    private const int BatchSize = 1000;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: Ferry.Files.Bench CORPUS.jsonl WORKDIR [ROWS]");
            return 2;
        }

        var corpus = args[0];
        var work = args[1];
        var rows = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : int.MaxValue;
        Directory.CreateDirectory(work);
        var records = await LoadAsync(corpus, rows);
        var schema = new DatasetSchema { Vectors = [new VectorField(Record.DefaultVectorName, records[0].Vector!.Length, DistanceMetric.Cosine)] };
        Console.WriteLine($"corpus: {records.Count:N0} records of dimension {records[0].Vector!.Length} from {corpus}");
        Console.WriteLine();
        Console.WriteLine("| format | file | size MB | export rows/s | export MB/s | export CPU s | import rows/s | import MB/s | import CPU s |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        var formats = new (string Name, string Extension, SinkFactory Sink, SourceFactory Source)[]
        {
            ("jsonl", ".jsonl", new JsonlSinkFactory(), new JsonlSourceFactory()),
            ("json", ".json", new JsonSinkFactory(), new JsonSourceFactory()),
            ("csv", ".csv", new CsvSinkFactory(), new CsvSourceFactory()),
            ("arrow", ".arrow", new ArrowSinkFactory(), new ArrowSourceFactory()),
        };
        foreach (var (name, extension, sink, source) in formats)
        {
            foreach (var wrapper in new[] { string.Empty, ".gz" })
            {
                var path = Path.Combine(work, "bench" + extension + wrapper);
                Delete(path);
                var (exportWall, exportCpu) = await TimeAsync(() => ExportAsync(sink, path, records, schema));
                var bytes = new FileInfo(path).Length;
                var count = 0L;
                var (importWall, importCpu) = await TimeAsync(async () => count = await ImportAsync(source, path));
                if (count != records.Count)
                {
                    throw new InvalidOperationException($"{path}: read {count} records, wrote {records.Count}.");
                }

                var mb = bytes / 1e6;
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {name} | {Path.GetFileName(path)} | {mb:F0} | {records.Count / exportWall:N0} | {mb / exportWall:F0} | {exportCpu:F1} | {records.Count / importWall:N0} | {mb / importWall:F0} | {importCpu:F1} |"));
                Delete(path);
            }
        }

        return 0;
    }

    private static async Task<List<Record>> LoadAsync(string corpus, int rows)
    {
        var records = new List<Record>();
        await using var source = new JsonlSourceFactory().Create(new ConnectorContext(corpus));
        await foreach (var batch in source.ReadAsync(new ReadRequest { BatchSize = BatchSize }, CancellationToken.None))
        {
            foreach (var record in batch.Records)
            {
                if (records.Count < rows)
                {
                    records.Add(record);
                }
            }

            if (records.Count >= rows)
            {
                break;
            }
        }

        return records;
    }

    private static async Task ExportAsync(SinkFactory factory, string path, List<Record> records, DatasetSchema schema)
    {
        await using var sink = factory.Create(new ConnectorContext(path));
        await sink.PrepareAsync(schema, new SinkPrepareOptions(), CancellationToken.None);
        for (var i = 0; i < records.Count; i += BatchSize)
        {
            var result = await sink.UpsertAsync(records.GetRange(i, Math.Min(BatchSize, records.Count - i)), CancellationToken.None);
            if (result.Failures.Count > 0)
            {
                throw new InvalidOperationException(result.Failures[0].Message);
            }
        }

        await sink.FlushAsync(CancellationToken.None);
    }

    private static async Task<long> ImportAsync(SourceFactory factory, string path)
    {
        await using var source = factory.Create(new ConnectorContext(path));
        long count = 0;
        await foreach (var batch in source.ReadAsync(new ReadRequest { BatchSize = BatchSize }, CancellationToken.None))
        {
            count += batch.Records.Count;
        }

        return count;
    }

    private static async Task<(double Wall, double Cpu)> TimeAsync(Func<Task> action)
    {
        GC.Collect();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await action();
        clock.Stop();
        return (clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    private static void Delete(string path)
    {
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*"))
        {
            File.Delete(file);
        }
    }
}
