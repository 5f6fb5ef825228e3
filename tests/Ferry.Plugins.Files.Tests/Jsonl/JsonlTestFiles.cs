using Ferry.Plugins.Files.Internal.Jsonl;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Plugins.Files.Tests.Jsonl;

/// <summary>Writes records with the plugin's own sink, and opens sources over files.</summary>
internal static class JsonlTestFiles
{
    public static async Task WriteAsync(string path, IReadOnlyList<Record> records)
    {
        await using var sink = new JsonlSinkFactory().Create(new ConnectorContext(path));
        await sink.PrepareAsync(new DatasetSchema(), new SinkPrepareOptions { Overwrite = true }, CancellationToken.None);
        for (var i = 0; i < records.Count; i += 100)
        {
            await sink.UpsertAsync(records.Skip(i).Take(100).ToList(), CancellationToken.None);
        }

        await sink.FlushAsync(CancellationToken.None);
    }

    public static SourceConnector Source(string path, params (string Key, string Value)[] options) =>
        new JsonlSourceFactory().Create(new ConnectorContext(path, new ConnectorOptions(options.Select(o => KeyValuePair.Create(o.Key, o.Value)))));

    public static async Task<(List<Record> Records, List<RecordFailure> Failures)> ReadAllAsync(SourceConnector source, int partitions = 1, int batchSize = 1000)
    {
        var records = new List<Record>();
        var failures = new List<RecordFailure>();
        foreach (var partition in await source.GetPartitionsAsync(partitions, CancellationToken.None))
        {
            await foreach (var batch in source.ReadAsync(new ReadRequest { Partition = partition, BatchSize = batchSize }, CancellationToken.None))
            {
                records.AddRange(batch.Records);
                failures.AddRange(batch.Failures);
            }
        }

        return (records, failures);
    }

    /// <summary>A settings object pointing nowhere, for parsing lines directly.</summary>
    public static JsonlRecordReader Reader(string timestamps = "auto")
    {
        var context = new ConnectorContext("/nonexistent.jsonl", new ConnectorOptions([KeyValuePair.Create("timestamps", timestamps)]));
        return new JsonlRecordReader(JsonlSourceSettings.Parse(context));
    }
}
