using Ferry.Core.Jobs;
using Ferry.Core.Pipeline;
using Ferry.Core.Progress;
using Ferry.Sdk.Records;

namespace Ferry.Core.Tests.Pipeline.Support;

/// <summary>An engine over the in-memory connectors with its own state folder, cleaned up afterwards.</summary>
internal sealed class EngineHarness : IDisposable
{
    public EngineHarness()
    {
        StateDirectory = Path.Combine(Path.GetTempPath(), "ferry-engine-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(StateDirectory);
        Engine = new MigrationEngine(MemoryConnectors.Catalog(), new EngineEnvironment { WorkingDirectory = StateDirectory, Jitter = () => 0.5 });
    }

    public string StateDirectory { get; }

    public MigrationEngine Engine { get; }

    public MigrationJob Job(MemoryData source, MemoryData? target = null)
    {
        var job = new MigrationJob
        {
            Source = new EndpointSpec(source.Location),
            Target = target is null ? null : new EndpointSpec(target.Location),
            StateDirectory = Path.Combine(StateDirectory, ".ferry"),
            BatchSize = 50,
            Parallel = 2,
            TransformParallel = 2,
            CheckpointEveryRecords = 100,
        };
        job.Resilience.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
        job.Resilience.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
        return job;
    }

    public Task<MigrationResult> RunAsync(MigrationJob job, MigrationProgress? progress = null, CancellationToken cancellationToken = default) =>
        Engine.RunAsync(job, progress, cancellationToken);

    public static void AssertSameContent(IReadOnlyList<Record> expected, IReadOnlyDictionary<string, Record> actual)
    {
        Xunit.Assert.Equal(expected.Count, actual.Count);
        foreach (var record in expected)
        {
            Xunit.Assert.True(actual.TryGetValue(record.Id, out var copy), $"record {record.Id} is missing in the target");
            var differences = Ferry.Core.Validation.RecordDiff.Compare(record, copy);
            Xunit.Assert.True(differences.Count == 0, $"record {record.Id}: {string.Join("; ", differences)}");
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
