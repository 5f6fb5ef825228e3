using System.Globalization;
using Ferry.Connectors.Bench;
using Ferry.Connectors.Tests.Servers;

// Throughput of the Chroma and DynamoDB connectors against real servers on 127.0.0.1 (docs/performance.md).
// Usage: Ferry.Connectors.Bench [chroma|dynamodb|all] [records] [dimension]
var which = args.Length > 0 ? args[0] : "all";
var records = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
var dimension = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 384;

var corpus = await TestCorpus.GetAsync(records, dimension);
Console.WriteLine($"corpus: {corpus.Records.Count} records x {dimension} dims; {Environment.ProcessorCount} cores; load average {LoadAverage()}");
var report = new Report();
if (which is "chroma" or "all")
{
    await ChromaBench.RunAsync(corpus, report);
}

if (which is "dynamodb" or "all")
{
    await DynamoBench.RunAsync(corpus, report);
}

report.Print(Console.Out);
return 0;

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
