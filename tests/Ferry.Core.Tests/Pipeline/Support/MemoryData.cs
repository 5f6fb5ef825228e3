using System.Collections.Concurrent;
using Ferry.Sdk.Records;

namespace Ferry.Core.Tests.Pipeline.Support;

/// <summary>
/// The shared state of one test's in-memory source and sink, looked up by name (mem://NAME) so that every
/// connector the engine creates sees the same data.
/// </summary>
internal sealed class MemoryData
{
    private static readonly ConcurrentDictionary<string, MemoryData> Registry = new(StringComparer.Ordinal);

    private MemoryData(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public string Location => $"mem://{Name}";

    /// <summary>The source's records.</summary>
    public List<Record> Source { get; } = [];

    /// <summary>Source indices that come back as conversion failures instead of records.</summary>
    public HashSet<int> BadSourceIndices { get; } = [];

    /// <summary>Reads (batches) before which the source throws a transient error once each.</summary>
    public HashSet<int> TransientReadFailures { get; } = [];

    /// <summary>Whether the source evaluates filters itself.</summary>
    public bool SourcePushDown { get; set; }

    /// <summary>Whether source and sink can search.</summary>
    public bool Searchable { get; set; }

    /// <summary>The filter the source was last asked to evaluate.</summary>
    public Ferry.Sdk.Filtering.FilterExpression? LastPushedFilter { get; set; }

    /// <summary>Target records written and flushed (durable).</summary>
    public ConcurrentDictionary<string, Record> Durable { get; } = new(StringComparer.Ordinal);

    /// <summary>Target records written since the last flush.</summary>
    public ConcurrentDictionary<string, Record> Pending { get; } = new(StringComparer.Ordinal);

    /// <summary>Ids the sink refuses (reported in the write result).</summary>
    public HashSet<string> RefusedIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Ids for which the sink throws a permanent error when they are in a write call.</summary>
    public HashSet<string> ThrowingIds { get; } = new(StringComparer.Ordinal);

    /// <summary>After this many successful upsert calls the sink "crashes" (throws a permanent error on every call).</summary>
    public int? CrashAfterUpserts { get; set; }

    /// <summary>Sink limits.</summary>
    public int MaxBatchRecords { get; set; } = int.MaxValue;

    public long MaxBatchBytes { get; set; } = long.MaxValue;

    /// <summary>Completed by the first read-back (validation) from this target.</summary>
    public TaskCompletionSource ReadBack { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Each partition of this source stops after this many records until <see cref="HoldUntil"/> has been read back from.</summary>
    public int? HoldAfterRecords { get; set; }

    /// <summary>The target whose first read-back lets a held source go on.</summary>
    public MemoryData? HoldUntil { get; set; }

    /// <summary>Ids the sink acknowledges but drops at flush (a target that loses writes).</summary>
    public HashSet<string> LostOnFlush { get; } = new(StringComparer.Ordinal);

    /// <summary>How many times a sink call began while another was still under way (sinks need not be thread-safe).</summary>
    public int OverlappingCalls;

    /// <summary>Sink calls under way.</summary>
    public int CallsInFlight;

    public int UpsertCalls;
    public int FlushCalls;
    public int SourceReads;
    public int LargestWrite;
    public long RecordsUpserted;

    public static MemoryData Create(int records = 0, int dimension = 8)
    {
        var data = new MemoryData(Guid.NewGuid().ToString("N")[..12]);
        data.Source.AddRange(TestRecords.Create(records, dimension));
        Registry[data.Name] = data;
        return data;
    }

    public static MemoryData Get(string location)
    {
        var name = location.StartsWith("mem://", StringComparison.Ordinal) ? location["mem://".Length..] : location;
        return Registry.TryGetValue(name, out var data) ? data : throw new Ferry.Sdk.Errors.ConnectorConfigurationException($"No memory data '{name}'.");
    }

    /// <summary>What a reader of the target sees: durable records plus pending ones.</summary>
    public Dictionary<string, Record> Target()
    {
        var all = new Dictionary<string, Record>(Durable, StringComparer.Ordinal);
        foreach (var (id, record) in Pending)
        {
            all[id] = record;
        }

        return all;
    }
}
