using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;
using Ferry.Sdk.Schema;

namespace Ferry.Files.Tests.Support;

/// <summary>Helpers to run sources and sinks end to end in tests.</summary>
public static class Connectors
{
    public static ConnectorContext Context(string location, Func<string, string?>? secrets = null, params (string Key, string Value)[] options) =>
        new(location, new ConnectorOptions(options.Select(o => KeyValuePair.Create(o.Key, o.Value))))
        {
            GetSecret = secrets ?? TestKeys.Secrets(TestKeys.HexA),
        };

    public static async Task WriteAllAsync(SinkFactory factory, ConnectorContext context, IReadOnlyList<Record> records, DatasetSchema? schema = null, int batch = 50)
    {
        await using var sink = factory.Create(context);
        await sink.PrepareAsync(schema ?? new DatasetSchema(), new SinkPrepareOptions(), CancellationToken.None);
        for (var i = 0; i < records.Count; i += batch)
        {
            var result = await sink.UpsertAsync(records.Skip(i).Take(batch).ToList(), CancellationToken.None);
            Assert.True(result.Failures.Count == 0, string.Join("; ", result.Failures.Select(f => f.Message)));
        }

        await sink.FlushAsync(CancellationToken.None);
    }

    public static async Task<List<Record>> ReadAllAsync(SourceFactory factory, ConnectorContext context, int batchSize = 100)
    {
        await using var source = factory.Create(context);
        var records = new List<Record>();
        await foreach (var batch in source.ReadAsync(new ReadRequest { BatchSize = batchSize }, CancellationToken.None))
        {
            Assert.True(batch.Failures.Count == 0, string.Join("; ", batch.Failures.Select(f => f.Message)));
            records.AddRange(batch.Records);
        }

        return records;
    }

    /// <summary>Reads until the source throws; returns what came before and the exception.</summary>
    public static async Task<(List<Record> Records, Exception? Error, List<RecordFailure> Failures)> ReadUntilErrorAsync(SourceFactory factory, ConnectorContext context, int batchSize = 1)
    {
        var records = new List<Record>();
        var failures = new List<RecordFailure>();
        try
        {
            await using var source = factory.Create(context);
            await foreach (var batch in source.ReadAsync(new ReadRequest { BatchSize = batchSize }, CancellationToken.None))
            {
                records.AddRange(batch.Records);
                failures.AddRange(batch.Failures);
            }
        }
        catch (Exception ex)
        {
            return (records, ex, failures);
        }

        return (records, null, failures);
    }
}
