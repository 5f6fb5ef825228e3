using Ferry.Plugins.Postgres;
using Ferry.Sdk.Connectors;
using Ferry.Sdk.Records;

namespace Ferry.Connectors.Tests.Postgres;

/// <summary>Creates the plugin's connectors through its public factories, and drains sources.</summary>
public static class Connectors
{
    public static SourceConnector Source(string location, Func<string, string?>? secrets = null) =>
        new PostgresSourceFactory().Create(new ConnectorContext(location) { GetSecret = secrets ?? (_ => null) });

    public static SinkConnector Sink(string location, Func<string, string?>? secrets = null) =>
        new PostgresSinkFactory().Create(new ConnectorContext(location) { GetSecret = secrets ?? (_ => null) });

    /// <summary>Reads a whole partition (or the table), returning records, failures and the batches' tokens.</summary>
    public static async Task<ReadResult> ReadAllAsync(SourceConnector source, ReadRequest? request = null)
    {
        var records = new List<Record>();
        var failures = new List<RecordFailure>();
        var tokens = new List<string?>();
        var batches = new List<int>();
        await foreach (var batch in source.ReadAsync(request ?? new ReadRequest(), CancellationToken.None))
        {
            records.AddRange(batch.Records);
            failures.AddRange(batch.Failures);
            tokens.Add(batch.ResumeToken);
            batches.Add(batch.Records.Count);
        }

        return new ReadResult(records, failures, tokens, batches);
    }
}

/// <summary>What a full read returned.</summary>
public sealed record ReadResult(List<Record> Records, List<RecordFailure> Failures, List<string?> Tokens, List<int> BatchSizes);
